// Reads of the public pages (SPEC §9): a project's public checks, one public check by slug, the
// uptime buckets of many checks each from its own instant, recent runs without bodies, and the
// checks badge keys open. Every read is one statement however many checks it covers.
import type { Database } from "bun:sqlite";
import type { PingKind } from "../core/ping.ts";
import { type Check, type CheckRow, toCheck } from "./check-model.ts";
import type { CheckUptime, StoredBucket } from "./uptime.ts";

/** A project's public checks in the order pages show them: by group, then name. */
export function listPublicChecksOfProject(db: Database, projectId: number): Check[] {
  const rows = db.query("SELECT * FROM checks WHERE project_id = ? AND public = 1 ORDER BY group_name, name, id").all(projectId) as CheckRow[];
  return rows.map(toCheck);
}

/** What the page's history cache needs of each public check of a project (history-cache.ts). */
export function publicCheckKeys(db: Database, projectId: number): { id: number; created: number }[] {
  return db.query("SELECT id, created FROM checks WHERE project_id = ? AND public = 1").all(projectId) as { id: number; created: number }[];
}

/** The check with this slug in the project, only when it is public. */
export function getPublicCheckBySlug(db: Database, projectId: number, slug: string): Check | null {
  const row = db.query("SELECT * FROM checks WHERE project_id = ? AND slug = ? AND public = 1").get(projectId, slug) as CheckRow | null;
  return row ? toCheck(row) : null;
}

/** The check a badge key opens (SPEC §9: badge keys are capabilities, public check or not). */
export function getCheckByBadgeKey(db: Database, badgeKey: string): Check | null {
  const row = db.query("SELECT * FROM checks WHERE badge_key = ?").get(badgeKey) as CheckRow | null;
  return row ? toCheck(row) : null;
}

/** Which buckets to read of one check: those starting at `from` or later. */
export interface BucketsFrom {
  readonly id: number;
  readonly from: number;
}

/**
 * The buckets of each check from its own instant on, oldest first, with the check's cursor, in
 * two statements. Checks that do not exist (deleted meanwhile) are absent from the answer.
 */
export function bucketsFrom(db: Database, checks: readonly BucketsFrom[]): Map<number, CheckUptime> {
  const out = new Map<number, { bucketedUntil: number; buckets: StoredBucket[] }>();
  if (checks.length === 0) return out;
  const list = JSON.stringify(checks.map((c) => [c.id, c.from]));
  const cursors = db.query("SELECT id, bucketed_until AS at FROM checks WHERE id IN (SELECT value ->> 0 FROM json_each(?))").all(list) as { id: number; at: number }[];
  for (const c of cursors) out.set(c.id, { bucketedUntil: c.at, buckets: [] });
  const rows = db
    .query(
      `SELECT b.check_id AS checkId, b.start, b.up_ms AS up, b.down_ms AS down, b.excluded_ms AS excluded, b.incidents
       FROM json_each(?) AS j JOIN uptime_buckets b ON b.check_id = j.value ->> 0 AND b.start >= j.value ->> 1`,
    )
    .all(list) as (StoredBucket & { checkId: number })[];
  // no rest destructuring: a first page after a start reads a million rows here
  for (const r of rows) out.get(r.checkId)?.buckets.push({ start: r.start, up: r.up, down: r.down, excluded: r.excluded, incidents: r.incidents });
  // the join walks each check's buckets in index order; sorting keeps that a promise, not a hope
  for (const h of out.values()) h.buckets.sort((a, b) => a.start - b.start);
  return out;
}

/** A ping as a public page may show it: when, what kind, how long the run took — never more. */
export interface PublicRun {
  readonly created: number;
  readonly kind: PingKind;
  /** seconds, when the ping closed a timed run */
  readonly duration: number | null;
}

/** The check's newest pings, newest first, without anything a visitor must not see. */
export function recentRuns(db: Database, checkId: number, limit: number): PublicRun[] {
  return db.query("SELECT created, kind, duration FROM pings WHERE check_id = ? ORDER BY n DESC LIMIT ?").all(checkId, limit) as PublicRun[];
}
