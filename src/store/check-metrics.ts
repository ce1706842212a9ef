// What /metrics reads of every check (or of one project's), a page at a time.
import type { Database } from "bun:sqlite";
import type { CheckState } from "../core/types.ts";
import { type CheckRow, STATE_COLUMNS, type StateRow, stateOf } from "./check-model.ts";

export interface CheckMetricsRow extends CheckState {
  readonly id: number;
  readonly uuid: string;
  readonly name: string;
  readonly slug: string;
  readonly tags: string;
  readonly project: string;
}

type MetricsRow = StateRow & Pick<CheckRow, "id" | "uuid" | "name" | "slug" | "tags"> & { project: string };

/**
 * Up to `limit` checks with ids above `afterId`, in id order; every project's, or only those of
 * `projectId`. A scrape reads the table page by page so that no read blocks the event loop long.
 */
export function checkMetricsPage(db: Database, projectId: number | null, afterId: number, limit: number): CheckMetricsRow[] {
  const rows = db
    .query(
      `SELECT c.id, c.uuid, c.name, c.slug, c.tags, p.slug AS project, ${STATE_COLUMNS.map((c) => `c.${c}`).join(", ")}
       FROM checks c JOIN projects p ON p.id = c.project_id
       WHERE c.id > ?2 AND (?1 IS NULL OR c.project_id = ?1) ORDER BY c.id LIMIT ?3`,
    )
    .all(projectId, afterId, limit) as MetricsRow[];
  return rows.map((r) => ({ id: r.id, uuid: r.uuid, name: r.name, slug: r.slug, tags: r.tags, project: r.project, ...stateOf(r) }));
}
