// Check runtime state: what the state machine, the scheduler and ingest write, apart from the
// definition columns users set.
import type { Database } from "bun:sqlite";
import type { CheckState } from "../core/types.ts";

/**
 * Writes the state-machine fields if the stored status and deadline are still the ones the
 * caller decided from. Returns false when another writer (a ping, a second scheduler) got
 * there first; the caller then re-reads instead of overwriting a newer state. A ping passes
 * `nPings`, its own number, so counting it costs no statement of its own.
 */
export function saveStateIf(db: Database, id: number, expected: Pick<CheckState, "status" | "downAt">, next: CheckState, nPings?: number): boolean {
  const counted = nPings !== undefined;
  const result = db
    .query(
      `UPDATE checks SET status = ?, last_ping = ?, last_start = ?, last_start_rid = ?, last_start_series = ?, last_duration = ?,
         fail_streak = ?, down_at = ?, muted_until = ?, new_since = coalesce(?, new_since)${counted ? ", n_pings = ?" : ""}
       WHERE id = ? AND status = ? AND down_at IS ?`,
    )
    .run(
      next.status,
      next.lastPing,
      next.lastStart,
      next.lastStartRid,
      next.lastStartSeries,
      next.lastDuration,
      next.failStreak,
      next.downAt,
      next.mutedUntil,
      next.newSince ?? null,
      ...(counted ? [nPings] : []),
      id,
      expected.status,
      expected.downAt,
    );
  return result.changes === 1;
}

/** Every pending deadline, for the scheduler's start (read from the index, never recomputed). */
export function pendingDeadlines(db: Database): { id: number; downAt: number }[] {
  return db.query("SELECT id, down_at AS downAt FROM checks WHERE down_at IS NOT NULL").all() as { id: number; downAt: number }[];
}

/** Startup grace: deadlines that fell while the daemon was not running move to `until`. */
export function postponeDeadlines(db: Database, after: number, upTo: number, until: number): number {
  return db.query("UPDATE checks SET down_at = ? WHERE down_at > ? AND down_at <= ?").run(until, after, upTo).changes;
}

/**
 * Counts a ping that changed nothing else. `n` is its number: one more than the count the caller
 * read in the same write transaction.
 */
export function countPing(db: Database, checkId: number, n: number): void {
  db.query("UPDATE checks SET n_pings = ? WHERE id = ?").run(n, checkId);
}

export function setMutedUntil(db: Database, checkId: number, mutedUntil: number | null): void {
  db.query("UPDATE checks SET muted_until = ? WHERE id = ?").run(mutedUntil, checkId);
}

/** Auto-provisioned checks get every channel of their project, as in Healthchecks. */
export function assignAllChannels(db: Database, checkId: number, projectId: number): void {
  db.query("INSERT OR IGNORE INTO check_channels (check_id, channel_id) SELECT ?, id FROM channels WHERE project_id = ?").run(checkId, projectId);
}
