// Uptime buckets (SPEC §3, §9): per check, 15-minute UTC buckets of time up, down and excluded,
// plus the instant up to which they are written (`checks.bucketed_until`). What a segment adds is
// src/core/uptime-buckets.ts; src/ingest/flip-writer.ts and history-upkeep.ts decide when.
import type { Database } from "bun:sqlite";
import type { CheckStatus } from "../core/types.ts";
import type { UptimeBucket } from "../core/uptime-buckets.ts";

/** A stored bucket: its time, and how many incidents began in it. */
export interface StoredBucket extends UptimeBucket {
  readonly incidents: number;
}

/** What adding to one bucket changes; `incidents` defaults to 0. */
export type BucketDelta = UptimeBucket & { readonly incidents?: number };

/** A check's buckets from some instant on, oldest first, and where they end. */
export interface CheckUptime {
  readonly bucketedUntil: number;
  readonly buckets: readonly StoredBucket[];
}

/** Which checks a read covers: one or a few, a project's, or every public one. */
export type UptimeScope = { readonly checkIds: readonly number[] } | { readonly projectId: number } | { readonly public: true };

/** Adds the deltas to the check's buckets, creating buckets as needed. */
export function addToBuckets(db: Database, checkId: number, deltas: readonly BucketDelta[]): void {
  if (deltas.length === 0) return;
  // one prepared upsert per bucket: about 1 µs each, faster than one statement over a JSON array
  const upsert = db.query(
    `INSERT INTO uptime_buckets (check_id, start, up_ms, down_ms, excluded_ms, incidents) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (check_id, start) DO UPDATE SET
       up_ms = up_ms + excluded.up_ms, down_ms = down_ms + excluded.down_ms,
       excluded_ms = excluded_ms + excluded.excluded_ms, incidents = incidents + excluded.incidents`,
  );
  for (const d of deltas) upsert.run(checkId, d.start, Math.round(d.up), Math.round(d.down), Math.round(d.excluded), d.incidents ?? 0);
}

/** Where the check's buckets end (its current status counts from there). */
export function uptimeCursor(db: Database, checkId: number): number | null {
  const row = db.query("SELECT bucketed_until AS at FROM checks WHERE id = ?").get(checkId) as { at: number } | null;
  return row?.at ?? null;
}

/** Moves the cursor forward to `to`; never back, so no time is bucketed twice. */
export function advanceUptimeCursor(db: Database, checkId: number, to: number): void {
  db.query("UPDATE checks SET bucketed_until = max(bucketed_until, ?) WHERE id = ?").run(to, checkId);
}

const SCOPES = {
  checkIds: "SELECT value FROM json_each(?1)",
  projectId: "SELECT id FROM checks WHERE project_id = ?1",
  public: "SELECT id FROM checks WHERE public = ?1",
} as const;

function scopeOf(scope: UptimeScope): { sql: string; param: string | number } {
  if ("checkIds" in scope) return { sql: SCOPES.checkIds, param: JSON.stringify(scope.checkIds) };
  if ("projectId" in scope) return { sql: SCOPES.projectId, param: scope.projectId };
  return { sql: SCOPES.public, param: 1 };
}

/** The buckets of every check in scope starting at `from` or later, with their cursors: two statements. */
export function uptimeHistory(db: Database, scope: UptimeScope, from: number): Map<number, CheckUptime> {
  const { sql, param } = scopeOf(scope);
  const out = new Map<number, { bucketedUntil: number; buckets: StoredBucket[] }>();
  const cursors = db.query(`SELECT id, bucketed_until AS at FROM checks WHERE id IN (${sql})`).all(param) as { id: number; at: number }[];
  for (const c of cursors) out.set(c.id, { bucketedUntil: c.at, buckets: [] });
  const rows = db
    .query(
      `SELECT check_id AS checkId, start, up_ms AS up, down_ms AS down, excluded_ms AS excluded, incidents
       FROM uptime_buckets WHERE check_id IN (${sql}) AND start >= ?2 ORDER BY check_id, start`,
    )
    .all(param, from) as (StoredBucket & { checkId: number })[];
  for (const { checkId, ...b } of rows) out.get(checkId)?.buckets.push(b);
  return out;
}

/** A check whose open segment is long: housekeeping writes it to buckets. */
export interface OpenCheck {
  readonly id: number;
  readonly projectId: number;
  readonly slug: string;
  readonly tags: string;
  readonly status: CheckStatus;
  readonly downAt: number | null;
  readonly bucketedUntil: number;
}

/**
 * Up to `limit` checks whose buckets end before `before`, longest open first. A check with a
 * deadline already past waits for the scheduler, which writes its segment up to that deadline.
 */
export function longOpenSegments(db: Database, before: number, now: number, limit: number): OpenCheck[] {
  return db
    .query(
      `SELECT id, project_id AS projectId, slug, tags, status, down_at AS downAt, bucketed_until AS bucketedUntil
       FROM checks WHERE bucketed_until < ?1 AND (down_at IS NULL OR down_at > ?2) ORDER BY bucketed_until LIMIT ?3`,
    )
    .all(before, now, limit) as OpenCheck[];
}

/** Retention: deletes the buckets of these checks that start before `before`. */
export function pruneBuckets(db: Database, checkIds: readonly number[], before: number): number {
  return db.query("DELETE FROM uptime_buckets WHERE check_id IN (SELECT value FROM json_each(?1)) AND start < ?2").run(JSON.stringify(checkIds), before).changes;
}
