// Flips: status changes, several folded into one row while a check flaps (src/core/flip-coalesce.ts).
// Each row is both an alert waiting in the outbox and history (incidents, the flips API); uptime
// figures come from the buckets written beside them (uptime.ts).
import type { Database } from "bun:sqlite";
import type { FlipMerge, FlipRow } from "../core/flip-coalesce.ts";
import type { CheckStatus, FlipReason } from "../core/types.ts";

export interface StoredFlip extends FlipRow {
  readonly id: number;
  readonly checkId: number;
}

interface Row {
  id: number;
  check_id: number;
  created: number;
  last_change: number;
  old_status: CheckStatus;
  new_status: CheckStatus;
  reason: FlipReason;
  silent: number;
  changes: number;
  silent_changes: number;
  processed: number | null;
}

export interface FlipRange {
  readonly start?: number;
  readonly end?: number;
}

/** Inserts a row (one change, or a folded row as coalesce() built it); returns its id. */
export function insertFlipRow(db: Database, checkId: number, r: FlipRow): number {
  const row = db
    .query(
      `INSERT INTO flips (check_id, created, last_change, old_status, new_status, reason, silent, changes, silent_changes, processed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .get(checkId, r.created, r.lastChange, r.oldStatus, r.newStatus, r.reason, r.silent ? 1 : 0, r.changes, r.silentChanges, r.processed) as { id: number };
  return row.id;
}

/** Folds a change into row `id` as coalesce() decided. */
export function mergeIntoFlip(db: Database, id: number, m: FlipMerge): void {
  db.query(
    `UPDATE flips SET last_change = ?, new_status = ?, reason = ?, silent = ?, changes = ?, silent_changes = ?, processed = ?
     WHERE id = ?`,
  ).run(m.lastChange, m.newStatus, m.reason, m.silent ? 1 : 0, m.changes, m.silentChanges, m.processed, id);
}

/** The check's newest row: the one the next change may fold into. */
export function newestFlip(db: Database, checkId: number): StoredFlip | null {
  const row = db.query("SELECT * FROM flips WHERE check_id = ? ORDER BY id DESC LIMIT 1").get(checkId) as Row | null;
  return row ? toFlip(row) : null;
}

/** A check's flips in [start, end), oldest first. Unbounded: for tests and small histories. */
export function listFlips(db: Database, checkId: number, range: FlipRange = {}): StoredFlip[] {
  const rows = db
    .query("SELECT * FROM flips WHERE check_id = ? AND created >= ? AND created < ? ORDER BY created, id")
    .all(checkId, range.start ?? 0, range.end ?? Number.MAX_SAFE_INTEGER) as Row[];
  return rows.map(toFlip);
}

/** At most `limit` of a check's flips in [start, end), newest first (the flips API pages with this). */
export function newestFlips(db: Database, checkId: number, range: FlipRange, limit: number): StoredFlip[] {
  const rows = db
    .query("SELECT * FROM flips WHERE check_id = ? AND created >= ? AND created < ? ORDER BY created DESC, id DESC LIMIT ?")
    .all(checkId, range.start ?? 0, range.end ?? Number.MAX_SAFE_INTEGER, limit) as Row[];
  return rows.map(toFlip);
}

/**
 * The newest `limit` rows of each check, oldest first within a check: what incidents are read
 * from on pages. One statement; each check costs an index walk of `limit` rows, however long
 * its history.
 */
export function recentFlipsOfChecks(db: Database, checkIds: readonly number[], limit: number): StoredFlip[] {
  const rows = db
    .query(
      `SELECT f.* FROM json_each(?1) AS c JOIN flips f ON f.id IN (
         SELECT id FROM flips WHERE check_id = c.value ORDER BY id DESC LIMIT ?2)
       ORDER BY f.check_id, f.created, f.id`,
    )
    .all(JSON.stringify(checkIds), limit) as Row[];
  return rows.map(toFlip);
}

function toFlip(r: Row): StoredFlip {
  return {
    id: r.id,
    checkId: r.check_id,
    created: r.created,
    lastChange: r.last_change,
    oldStatus: r.old_status,
    newStatus: r.new_status,
    reason: r.reason,
    silent: r.silent === 1,
    changes: r.changes,
    silentChanges: r.silent_changes,
    processed: r.processed,
  };
}

/**
 * What an alert about row `id` quotes: when the row's first change took effect (`created`), when
 * the check entered the row's new status (its last change, `at`), the status it came from and why
 * it went down; null when the row was pruned.
 */
export function getFlipFacts(db: Database, id: number): { created: number; at: number; reason: FlipReason; oldStatus: CheckStatus } | null {
  return db.query("SELECT created, last_change AS at, reason, old_status AS oldStatus FROM flips WHERE id = ?").get(id) as { created: number; at: number; reason: FlipReason; oldStatus: CheckStatus } | null;
}

/**
 * When the downtime that row `id` ends began, read as src/core/incidents.ts reads incidents:
 * a row that went down within itself (up→down→up in one minute) began it at its first change;
 * a row coming from down continues the incident of the newest earlier row that went down from
 * another status, which went down at its last change if that was its one alerting change
 * (incidents.ts downSince), else at its first. Null when that row was pruned.
 */
export function downtimeStart(db: Database, checkId: number, id: number): number | null {
  const row = db
    .query(
      `SELECT CASE WHEN r.old_status <> 'down' THEN r.created ELSE (
         SELECT CASE WHEN p.changes - p.silent_changes = 1 THEN p.last_change ELSE p.created END FROM flips p
         WHERE p.check_id = ?1 AND p.id < r.id AND p.new_status = 'down' AND p.old_status <> 'down'
         ORDER BY p.id DESC LIMIT 1) END AS at
       FROM flips r WHERE r.id = ?2 AND r.check_id = ?1`,
    )
    .get(checkId, id) as { at: number | null } | null;
  return row?.at ?? null;
}

/**
 * Retention (SPEC §3): deletes at most `limit` rows of these checks created before `before`,
 * keeping each check's newest row whatever its age (the start of an outage still going on, the
 * row the next change may follow).
 */
export function pruneFlips(db: Database, checkIds: readonly number[], before: number, limit: number): number {
  return db
    .query(
      `DELETE FROM flips WHERE id IN (
         SELECT f.id FROM json_each(?1) AS c JOIN flips f ON f.check_id = c.value AND f.created < ?2
         WHERE f.id < (SELECT max(n.id) FROM flips n WHERE n.check_id = c.value)
         LIMIT ?3)`,
    )
    .run(JSON.stringify(checkIds), before, limit).changes;
}

/** How many times each check of a project went down (flips into down), by check id. */
export function downFlipCounts(db: Database, projectId: number): Map<number, number> {
  const rows = db
    .query("SELECT f.check_id AS id, count(*) AS n FROM flips f JOIN checks c ON c.id = f.check_id WHERE c.project_id = ? AND f.new_status = 'down' AND f.old_status <> 'down' GROUP BY f.check_id")
    .all(projectId) as { id: number; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** How many times one check went down. */
export function downFlipCount(db: Database, checkId: number): number {
  return (db.query("SELECT count(*) AS n FROM flips WHERE check_id = ? AND new_status = 'down' AND old_status <> 'down'").get(checkId) as { n: number }).n;
}
