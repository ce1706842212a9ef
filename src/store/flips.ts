// Flips: status changes. Each row is both an alert waiting in the outbox and uptime history.
import type { Database } from "bun:sqlite";
import type { CheckStatus, Flip, FlipReason } from "../core/types.ts";

export interface StoredFlip extends Flip {
  readonly id: number;
  readonly checkId: number;
  readonly processed: number | null;
}

interface FlipRow {
  id: number;
  check_id: number;
  created: number;
  old_status: CheckStatus;
  new_status: CheckStatus;
  reason: FlipReason;
  silent: number;
  processed: number | null;
}

export function insertFlip(db: Database, checkId: number, flip: Flip): number {
  const row = db
    .query("INSERT INTO flips (check_id, created, old_status, new_status, reason, silent) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
    .get(checkId, flip.created, flip.oldStatus, flip.newStatus, flip.reason, flip.silent ? 1 : 0) as { id: number };
  return row.id;
}

/** A check's flips, oldest first, optionally limited to [start, end). */
export function listFlips(db: Database, checkId: number, range: { start?: number; end?: number } = {}): StoredFlip[] {
  const rows = db
    .query("SELECT * FROM flips WHERE check_id = ? AND created >= ? AND created < ? ORDER BY created, id")
    .all(checkId, range.start ?? 0, range.end ?? Number.MAX_SAFE_INTEGER) as FlipRow[];
  return rows.map(toFlip);
}

/** The flips of every check of a project since `start`, oldest first (lists of checks: one query). */
export function listProjectFlips(db: Database, projectId: number, start: number): StoredFlip[] {
  const rows = db
    .query("SELECT f.* FROM flips f JOIN checks c ON c.id = f.check_id WHERE c.project_id = ? AND f.created >= ? ORDER BY f.created, f.id")
    .all(projectId, start) as FlipRow[];
  return rows.map(toFlip);
}

function toFlip(r: FlipRow): StoredFlip {
  return {
    id: r.id,
    checkId: r.check_id,
    created: r.created,
    oldStatus: r.old_status,
    newStatus: r.new_status,
    reason: r.reason,
    silent: r.silent === 1,
    processed: r.processed,
  };
}

/** When a flip took effect and why; null when it was pruned. */
export function getFlipFacts(db: Database, id: number): { created: number; reason: FlipReason } | null {
  return db.query("SELECT created, reason FROM flips WHERE id = ?").get(id) as { created: number; reason: FlipReason } | null;
}

/** When the check last went down before flip `beforeId` (the start of the downtime a recovery ends). */
export function wentDownBefore(db: Database, checkId: number, beforeId: number): number | null {
  const row = db
    .query("SELECT created FROM flips WHERE check_id = ? AND id < ? AND new_status = 'down' AND old_status <> 'down' ORDER BY id DESC LIMIT 1")
    .get(checkId, beforeId) as { created: number } | null;
  return row?.created ?? null;
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
