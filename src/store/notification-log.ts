// The `notifications` rows (SPEC §8): one per delivery attempt of an alert or a test message, read
// back per check and per channel. Written in the delivery's transaction (notifications.ts).
import type { Database } from "bun:sqlite";
import type { AttemptStatus } from "./notifications.ts";

export interface NotificationRow {
  readonly flipId: number | null;
  readonly checkId: number | null;
  readonly channelId: string;
  readonly attempt: number;
  readonly status: AttemptStatus;
  readonly error: string;
  readonly durationMs: number;
  readonly at: number;
}

/** Records an attempt; returns its row's id. */
export function insertNotification(db: Database, n: NotificationRow): number {
  return Number(
    db
      .query("INSERT INTO notifications (flip_id, check_id, channel_id, created, attempt, status, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .run(n.flipId, n.checkId, n.channelId, n.at, n.attempt, n.status, n.error.slice(0, 1000), Math.round(n.durationMs)).lastInsertRowid,
  );
}

/** A test message's attempt on the channel (no check, no flip), by its row's id; null if there is none. */
export function findTestAttempt(db: Database, channelId: string, id: number): { status: AttemptStatus; error: string; durationMs: number } | null {
  return db
    .query("SELECT status, error, duration_ms AS durationMs FROM notifications WHERE id = ? AND channel_id = ? AND check_id IS NULL AND flip_id IS NULL")
    .get(id, channelId) as { status: AttemptStatus; error: string; durationMs: number } | null;
}

export interface StoredNotification {
  readonly created: number;
  readonly channelId: string;
  readonly channelKind: string;
  readonly channelName: string;
  readonly attempt: number;
  readonly status: AttemptStatus;
  readonly error: string;
  readonly durationMs: number;
  readonly flipStatus: string | null;
  readonly flipCreated: number | null;
}

/** The columns of a StoredNotification, over `notifications n` with its channel `c` and flip `f`. */
const ATTEMPT_COLUMNS = `n.created, n.channel_id AS channelId, c.kind AS channelKind, c.name AS channelName, n.attempt, n.status, n.error,
  n.duration_ms AS durationMs, f.new_status AS flipStatus, f.created AS flipCreated`;
const ATTEMPT_JOINS = "notifications n JOIN channels c ON c.id = n.channel_id LEFT JOIN flips f ON f.id = n.flip_id";

/** A check's delivery attempts, newest first. */
export function listNotifications(db: Database, checkId: number, limit: number): StoredNotification[] {
  return db
    .query(`SELECT ${ATTEMPT_COLUMNS} FROM ${ATTEMPT_JOINS} WHERE n.check_id = ? ORDER BY n.created DESC, n.id DESC LIMIT ?`)
    .all(checkId, limit) as StoredNotification[];
}

export interface ChannelNotification extends StoredNotification {
  /** the check the attempt was about; null for test messages */
  readonly checkUuid: string | null;
  readonly checkName: string | null;
}

/** A channel's delivery attempts (alerts and test messages), newest first, with the check each was about. */
export function listChannelNotifications(db: Database, channelId: string, limit: number): ChannelNotification[] {
  return db
    .query(
      `SELECT ${ATTEMPT_COLUMNS}, k.uuid AS checkUuid, k.name AS checkName
       FROM ${ATTEMPT_JOINS} LEFT JOIN checks k ON k.id = n.check_id
       WHERE n.channel_id = ? ORDER BY n.created DESC, n.id DESC LIMIT ?`,
    )
    .all(channelId, limit) as ChannelNotification[];
}

