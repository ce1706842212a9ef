// Channels (alert destinations) and their assignment to checks.
import type { Database } from "bun:sqlite";

export interface Channel {
  readonly id: string;
  readonly projectId: number;
  readonly name: string;
  readonly kind: string;
  /** validated per kind by the notifier's schemas before it is stored */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly managed: boolean;
  readonly lastError: string;
  readonly created: number;
}

interface ChannelRow {
  id: string;
  project_id: number;
  name: string;
  kind: string;
  settings: string;
  managed: number;
  last_error: string;
  created: number;
}

function toChannel(r: ChannelRow): Channel {
  return {
    id: r.id,
    projectId: r.project_id,
    name: r.name,
    kind: r.kind,
    settings: JSON.parse(r.settings) as Record<string, unknown>,
    managed: r.managed === 1,
    lastError: r.last_error,
    created: r.created,
  };
}

export function insertChannel(db: Database, c: Omit<Channel, "lastError">): Channel {
  db.query("INSERT INTO channels (id, project_id, name, kind, settings, managed, created) VALUES (?, ?, ?, ?, ?, ?, ?)").run(
    c.id,
    c.projectId,
    c.name,
    c.kind,
    JSON.stringify(c.settings),
    c.managed ? 1 : 0,
    c.created,
  );
  return { ...c, lastError: "" };
}

export function getChannel(db: Database, id: string): Channel | null {
  const row = db.query("SELECT * FROM channels WHERE id = ?").get(id) as ChannelRow | null;
  return row ? toChannel(row) : null;
}

export function listChannels(db: Database, projectId: number): Channel[] {
  return (db.query("SELECT * FROM channels WHERE project_id = ? ORDER BY created, id").all(projectId) as ChannelRow[]).map(toChannel);
}

export function deleteChannel(db: Database, id: string): boolean {
  return db.query("DELETE FROM channels WHERE id = ?").run(id).changes === 1;
}

export function setChannelError(db: Database, id: string, error: string): void {
  db.query("UPDATE channels SET last_error = ? WHERE id = ?").run(error.slice(0, 1000), id);
}

/** The channels a check alerts, by id. */
export function channelsOfCheck(db: Database, checkId: number): Channel[] {
  const rows = db
    .query("SELECT c.* FROM channels c JOIN check_channels cc ON cc.channel_id = c.id WHERE cc.check_id = ? ORDER BY c.created, c.id")
    .all(checkId) as ChannelRow[];
  return rows.map(toChannel);
}

/** Replaces the check's channel set. Ids must belong to the check's project (the caller checks). */
export function setCheckChannels(db: Database, checkId: number, channelIds: readonly string[]): void {
  db.query("DELETE FROM check_channels WHERE check_id = ?").run(checkId);
  const insert = db.query("INSERT OR IGNORE INTO check_channels (check_id, channel_id) VALUES (?, ?)");
  for (const id of channelIds) insert.run(checkId, id);
}

/** Attempts that succeed clear the error shown on the channel; permanent failures set it. */
export function clearChannelError(db: Database, id: string): void {
  db.query("UPDATE channels SET last_error = '' WHERE id = ? AND last_error <> ''").run(id);
}

export function findChannelByName(db: Database, projectId: number, name: string): Channel | null {
  const row = db.query("SELECT * FROM channels WHERE project_id = ? AND name = ? ORDER BY managed DESC, created LIMIT 1").get(projectId, name) as ChannelRow | null;
  return row ? toChannel(row) : null;
}

/** Config-file upserts rewrite a managed channel's definition in place (its id and assignments stay). */
export function updateChannel(db: Database, id: string, c: Pick<Channel, "name" | "kind" | "settings" | "managed">): void {
  db.query("UPDATE channels SET name = ?, kind = ?, settings = ?, managed = ? WHERE id = ?").run(c.name, c.kind, JSON.stringify(c.settings), c.managed ? 1 : 0, id);
}

export function listManagedChannels(db: Database): Channel[] {
  return (db.query("SELECT * FROM channels WHERE managed = 1 ORDER BY created, id").all() as ChannelRow[]).map(toChannel);
}

export function setChannelManaged(db: Database, id: string, managed: boolean): void {
  db.query("UPDATE channels SET managed = ? WHERE id = ?").run(managed ? 1 : 0, id);
}

export function isChannelAssigned(db: Database, checkId: number, channelId: string): boolean {
  return db.query("SELECT 1 FROM check_channels WHERE check_id = ? AND channel_id = ?").get(checkId, channelId) !== null;
}

/** Every (check, channel) assignment of a project's checks, in one query (lists of checks). */
export function channelAssignmentsOfProject(db: Database, projectId: number): { checkId: number; channelId: string }[] {
  return db
    .query("SELECT cc.check_id AS checkId, cc.channel_id AS channelId FROM check_channels cc JOIN checks c ON c.id = cc.check_id WHERE c.project_id = ? ORDER BY cc.channel_id")
    .all(projectId) as { checkId: number; channelId: string }[];
}
