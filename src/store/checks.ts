// Checks: reads. Writes: check-definitions.ts (what users set), check-state.ts (runtime).
import type { Database } from "bun:sqlite";
import { type Check, type CheckRow, toCheck } from "./check-model.ts";

export function getCheckById(db: Database, id: number): Check | null {
  const row = db.query("SELECT * FROM checks WHERE id = ?").get(id) as CheckRow | null;
  return row ? toCheck(row) : null;
}

export function getCheckByUuid(db: Database, uuid: string): Check | null {
  const row = db.query("SELECT * FROM checks WHERE uuid = ?").get(uuid.toLowerCase()) as CheckRow | null;
  return row ? toCheck(row) : null;
}

export function getCheckBySlug(db: Database, projectId: number, slug: string): Check | null {
  const row = db.query("SELECT * FROM checks WHERE project_id = ? AND slug = ?").get(projectId, slug) as CheckRow | null;
  return row ? toCheck(row) : null;
}

export function countChecks(db: Database, projectId: number): number {
  return (db.query("SELECT count(*) AS n FROM checks WHERE project_id = ?").get(projectId) as { n: number }).n;
}

/** A project's checks, oldest first; `slug` narrows to that slug. */
export function listChecksOfProject(db: Database, projectId: number, filter: { slug?: string } = {}): Check[] {
  const rows =
    filter.slug === undefined
      ? (db.query("SELECT * FROM checks WHERE project_id = ? ORDER BY id").all(projectId) as CheckRow[])
      : (db.query("SELECT * FROM checks WHERE project_id = ? AND slug = ? ORDER BY id").all(projectId, filter.slug) as CheckRow[]);
  return rows.map(toCheck);
}

/** Checks declared by the config file. */
export function listManagedChecks(db: Database): Check[] {
  return (db.query("SELECT * FROM checks WHERE managed = 1 ORDER BY id").all() as CheckRow[]).map(toCheck);
}

/** The keys the in-memory ping index keeps of every check. */
export function indexedCheckKeys(db: Database): { id: number; uuid: string; projectId: number; slug: string; pushToken: string | null }[] {
  return db.query("SELECT id, uuid, project_id AS projectId, slug, push_token AS pushToken FROM checks").all() as {
    id: number;
    uuid: string;
    projectId: number;
    slug: string;
    pushToken: string | null;
  }[];
}

/** Checks with an id above `afterId`, oldest first, at most `limit`: those created since `afterId` was the newest. */
export function checksCreatedAfter(db: Database, afterId: number, limit: number): Check[] {
  return (db.query("SELECT * FROM checks WHERE id > ? ORDER BY id LIMIT ?").all(afterId, limit) as CheckRow[]).map(toCheck);
}

export function maxCheckId(db: Database): number {
  return (db.query("SELECT coalesce(max(id), 0) AS id FROM checks").get() as { id: number }).id;
}

/** Up to `limit` check ids above `afterId`, ascending: sweeps over every check in slices. */
export function checkIdsAfter(db: Database, afterId: number, limit: number): number[] {
  return (db.query("SELECT id FROM checks WHERE id > ? ORDER BY id LIMIT ?").all(afterId, limit) as { id: number }[]).map((r) => r.id);
}
