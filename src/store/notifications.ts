// The alert outbox (SPEC §8): flip claims, per-channel alert state, leased deliveries and their
// retention; the `notifications` rows that record every attempt are notification-log.ts. Every
// function runs in the caller's transaction.
import type { Database } from "bun:sqlite";
import type { AlertStatus, Told } from "../core/noise.ts";
import { insertNotification } from "./notification-log.ts";

// ---- flips → alert states -------------------------------------------------------------------

/**
 * Claims up to `limit` unprocessed, non-silent flips: the conditional UPDATE makes the claim
 * exclusive even with two workers on one file. Returns the claimed (flip id, check id) pairs.
 */
export function claimFlips(db: Database, now: number, limit: number): { id: number; checkId: number }[] {
  return db
    .query(
      `UPDATE flips SET processed = ?1
       WHERE id IN (SELECT id FROM flips WHERE processed IS NULL AND silent = 0 ORDER BY id LIMIT ?2) AND processed IS NULL
       RETURNING id, check_id AS checkId`,
    )
    .all(now, limit) as { id: number; checkId: number }[];
}

/** Every channel of the check must look at it at `at` (creating its alert state if needed). */
export function markChannelsDue(db: Database, checkId: number, at: number): void {
  db.query(
    `INSERT INTO alert_states (check_id, channel_id, next_eval_at)
       SELECT check_id, channel_id, ?2 FROM check_channels WHERE check_id = ?1
     ON CONFLICT (check_id, channel_id) DO UPDATE SET next_eval_at = min(coalesce(next_eval_at, excluded.next_eval_at), excluded.next_eval_at)`,
  ).run(checkId, at);
}

/** Pending evaluations of one check move to `at` (a mute or a window changed). */
export function pullEvaluations(db: Database, where: { checkId?: number; projectId?: number }, at: number): void {
  if (where.checkId !== undefined) {
    db.query("UPDATE alert_states SET next_eval_at = ?2 WHERE check_id = ?1 AND next_eval_at > ?2").run(where.checkId, at);
  } else if (where.projectId !== undefined) {
    db.query(
      "UPDATE alert_states SET next_eval_at = ?2 WHERE next_eval_at > ?2 AND check_id IN (SELECT id FROM checks WHERE project_id = ?1)",
    ).run(where.projectId, at);
  }
}

/**
 * A place in a check's flips: row `id` with `changes` of its changes (`silentChanges` of them
 * silent) accounted for. The newest row may still grow (src/core/flip-coalesce.ts), so a row id
 * alone cannot say what came after it.
 */
export interface FlipCursor {
  readonly id: number;
  readonly changes: number;
  readonly silentChanges: number;
}

export interface AlertState {
  readonly checkId: number;
  readonly channelId: string;
  readonly told: Told;
  /** the check's changes the told state accounts for */
  readonly toldCursor: FlipCursor;
  readonly nextEvalAt: number | null;
}

interface AlertStateRow {
  check_id: number;
  channel_id: string;
  told_status: AlertStatus | null;
  told_at: number | null;
  told_flip_id: number;
  told_changes: number;
  told_silent_changes: number;
  next_eval_at: number | null;
}

export function dueAlertStates(db: Database, now: number, limit: number): AlertState[] {
  const rows = db
    .query("SELECT * FROM alert_states WHERE next_eval_at <= ? ORDER BY next_eval_at LIMIT ?")
    .all(now, limit) as AlertStateRow[];
  return rows.map((r) => ({
    checkId: r.check_id,
    channelId: r.channel_id,
    told: { status: r.told_status, at: r.told_at },
    toldCursor: { id: r.told_flip_id, changes: r.told_changes, silentChanges: r.told_silent_changes },
    nextEvalAt: r.next_eval_at,
  }));
}

export function saveAlertState(db: Database, s: AlertState): void {
  db.query(
    `UPDATE alert_states SET told_status = ?, told_at = ?, told_flip_id = ?, told_changes = ?, told_silent_changes = ?, next_eval_at = ?
     WHERE check_id = ? AND channel_id = ?`,
  ).run(s.told.status, s.told.at, s.toldCursor.id, s.toldCursor.changes, s.toldCursor.silentChanges, s.nextEvalAt, s.checkId, s.channelId);
}

/** What happened to a check after a cursor: the facts noise control needs. */
export interface SinceCursor {
  /** where the check's flips end now */
  readonly latest: FlipCursor;
  /** alerting (non-silent) status changes after the cursor */
  readonly changes: number;
  /** whether a silent change came after the cursor */
  readonly silent: boolean;
}

/**
 * The changes after `after`, counted in changes, not rows: the rest of the cursor's row (it may
 * have grown since) and every later row. One statement over the rows from the cursor's on.
 */
export function flipsSince(db: Database, checkId: number, after: FlipCursor): SinceCursor {
  const row = db
    .query(
      `WITH newer AS (
         SELECT id, changes, silent_changes AS silent,
                CASE WHEN id = ?2 THEN ?3 ELSE 0 END AS seen, CASE WHEN id = ?2 THEN ?4 ELSE 0 END AS seen_silent
         FROM flips WHERE check_id = ?1 AND id >= ?2)
       SELECT (SELECT json_array(id, changes, silent) FROM newer ORDER BY id DESC LIMIT 1) AS latest,
              coalesce(sum((changes - silent) - (seen - seen_silent)), 0) AS changes,
              coalesce(max(silent > seen_silent), 0) AS silent
       FROM newer`,
    )
    .get(checkId, after.id, after.changes, after.silentChanges) as { latest: string | null; changes: number; silent: number };
  const [id, changes, silentChanges] = row.latest === null ? [after.id, after.changes, after.silentChanges] : (JSON.parse(row.latest) as [number, number, number]);
  return { latest: { id, changes, silentChanges }, changes: row.changes, silent: row.silent === 1 };
}

/** The newest row of the check that ends in `status` and holds an alerting change: the row a message is about. */
export function latestFlipInto(db: Database, checkId: number, status: AlertStatus): number | null {
  const row = db
    .query("SELECT id FROM flips WHERE check_id = ? AND new_status = ? AND silent = 0 ORDER BY id DESC LIMIT 1")
    .get(checkId, status) as { id: number } | null;
  return row?.id ?? null;
}

// ---- deliveries ----------------------------------------------------------------------------

export interface NewDelivery {
  readonly flipId: number | null;
  readonly checkId: number;
  readonly channelId: string;
  readonly message: AlertStatus;
  readonly reminder: boolean;
  readonly changes: number;
}

/**
 * Queues a message. Older pending messages of the same check and channel that nobody is sending
 * are superseded: a channel must not hear "down" after the "up" that followed it.
 */
export function enqueueDelivery(db: Database, d: NewDelivery, now: number): number {
  db.query(
    `UPDATE deliveries SET state = 'superseded', finished = ?3
     WHERE check_id = ?1 AND channel_id = ?2 AND state = 'pending' AND (lease_until IS NULL OR lease_until <= ?3)`,
  ).run(d.checkId, d.channelId, now);
  const row = db
    .query(
      `INSERT INTO deliveries (flip_id, check_id, channel_id, message, reminder, changes, created, next_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .get(d.flipId, d.checkId, d.channelId, d.message, d.reminder ? 1 : 0, d.changes, now, now) as { id: number };
  return row.id;
}

export interface Delivery extends NewDelivery {
  readonly id: number;
  readonly created: number;
  /** attempts made before this one */
  readonly attempts: number;
  readonly claim: string;
}

interface DeliveryRow {
  id: number;
  flip_id: number | null;
  check_id: number;
  channel_id: string;
  message: AlertStatus;
  reminder: number;
  changes: number;
  created: number;
  attempts: number;
  claim: string;
}

/**
 * Leases up to `limit` due deliveries for `leaseMs`. A delivery whose check and channel already
 * have one being sent waits for it, so one channel hears a check's messages in order.
 */
export function claimDeliveries(db: Database, now: number, leaseMs: number, limit: number, exclude: readonly number[]): Delivery[] {
  const claim = crypto.randomUUID();
  const rows = db
    .query(
      `UPDATE deliveries SET lease_until = ?2, claim = ?3
       WHERE id IN (
         SELECT d.id FROM deliveries d
         WHERE d.state = 'pending' AND d.next_at <= ?1 AND (d.lease_until IS NULL OR d.lease_until <= ?1)
           AND NOT EXISTS (SELECT 1 FROM deliveries o WHERE o.check_id = d.check_id AND o.channel_id = d.channel_id
                            AND o.state = 'pending' AND o.id <> d.id AND (o.lease_until > ?1 OR o.id < d.id))
           AND d.id NOT IN (SELECT value FROM json_each(?5))
         ORDER BY d.next_at, d.id LIMIT ?4)
       RETURNING *`,
    )
    .all(now, now + leaseMs, claim, limit, JSON.stringify(exclude)) as DeliveryRow[];
  return rows.map((r) => ({
    id: r.id,
    flipId: r.flip_id,
    checkId: r.check_id,
    channelId: r.channel_id,
    message: r.message,
    reminder: r.reminder === 1,
    changes: r.changes,
    created: r.created,
    attempts: r.attempts,
    claim: r.claim,
  }));
}

export type AttemptStatus = "ok" | "error" | "permanent";

export interface Attempt {
  readonly status: AttemptStatus;
  readonly error: string;
  readonly durationMs: number;
  readonly at: number;
}

/**
 * Records an attempt: its `notifications` row, then the delivery's next state. A success is
 * final whoever holds the lease (it was delivered); a failure only reschedules the row if this
 * worker still holds it. `retryAt` null means no more attempts.
 */
export function finishAttempt(db: Database, d: Delivery, a: Attempt, retryAt: number | null): void {
  insertNotification(db, { flipId: d.flipId, checkId: d.checkId, channelId: d.channelId, attempt: d.attempts + 1, ...a });
  if (a.status === "ok") {
    db.query("UPDATE deliveries SET state = 'ok', attempts = attempts + 1, finished = ?2, lease_until = NULL WHERE id = ?1 AND state = 'pending'").run(d.id, a.at);
    return;
  }
  // a newer message for the same check and channel makes a retry of this one pointless, and late
  const newer = db
    .query("SELECT 1 FROM deliveries WHERE check_id = ? AND channel_id = ? AND id > ? AND state IN ('pending', 'ok') LIMIT 1")
    .get(d.checkId, d.channelId, d.id);
  const state = retryAt === null ? "failed" : newer ? "superseded" : "pending";
  db.query(
    `UPDATE deliveries SET attempts = attempts + 1, state = ?3, next_at = coalesce(?4, next_at), lease_until = NULL, claim = NULL,
       finished = CASE WHEN ?3 = 'pending' THEN NULL ELSE ?5 END
     WHERE id = ?1 AND claim = ?2 AND state = 'pending'`,
  ).run(d.id, d.claim, state, retryAt, a.at);
}

/** The earliest instant some delivery or evaluation may need work; null when nothing waits. */
export function nextWorkAt(db: Database, inFlight: readonly number[]): number | null {
  const row = db
    .query(
      `SELECT min(t) AS at FROM (
         SELECT CASE WHEN EXISTS (SELECT 1 FROM flips WHERE processed IS NULL AND silent = 0) THEN 0 END AS t
         UNION ALL SELECT min(next_eval_at) FROM alert_states WHERE next_eval_at IS NOT NULL
         UNION ALL SELECT min(max(d.next_at, coalesce(d.lease_until, 0))) FROM deliveries d
           WHERE d.state = 'pending' AND d.id NOT IN (SELECT value FROM json_each(?1))
             -- a message queued behind an older one of the same pair waits for that one
             AND NOT EXISTS (SELECT 1 FROM deliveries o WHERE o.check_id = d.check_id AND o.channel_id = d.channel_id
                              AND o.state = 'pending' AND o.id < d.id))`,
    )
    .get(JSON.stringify(inFlight)) as { at: number | null };
  return row.at;
}

/** Age of the notifier's backlog: the oldest alert still waiting to be delivered. */
export function oldestPending(db: Database): number | null {
  const row = db
    .query(
      `SELECT min(t) AS at FROM (
         SELECT min(created) AS t FROM deliveries WHERE state = 'pending'
         UNION ALL SELECT min(created) FROM flips WHERE processed IS NULL AND silent = 0)`,
    )
    .get() as { at: number | null };
  return row.at;
}

/** Retention (SPEC §3): attempts and finished deliveries older than `before` go. */
export function pruneNotifications(db: Database, before: number): number {
  const n = db.query("DELETE FROM notifications WHERE created < ?").run(before).changes;
  db.query("DELETE FROM deliveries WHERE finished IS NOT NULL AND finished < ?").run(before);
  return n;
}

/** Forgets what a channel was told about a check (it was unassigned: a later assignment starts afresh). */
export function deleteAlertState(db: Database, checkId: number, channelId: string): void {
  db.query("DELETE FROM alert_states WHERE check_id = ? AND channel_id = ?").run(checkId, channelId);
}

/** Slow kinds (shell commands) keep their lease for as long as they may run. */
export function extendLease(db: Database, deliveryId: number, claim: string, until: number): void {
  db.query("UPDATE deliveries SET lease_until = ? WHERE id = ? AND claim = ?").run(until, deliveryId, claim);
}
