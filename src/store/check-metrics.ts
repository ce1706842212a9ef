// What /metrics reads of every check, in one pass over the table.
import type { Database } from "bun:sqlite";
import type { CheckState } from "../core/types.ts";
import { type CheckRow, STATE_COLUMNS, type StateRow, stateOf } from "./check-model.ts";

export interface CheckMetricsRow extends CheckState {
  readonly uuid: string;
  readonly name: string;
  readonly slug: string;
  readonly tags: string;
  readonly project: string;
}

type MetricsRow = StateRow & Pick<CheckRow, "uuid" | "name" | "slug" | "tags"> & { project: string };

export function checkMetricsRows(db: Database): CheckMetricsRow[] {
  const rows = db
    .query(
      `SELECT c.uuid, c.name, c.slug, c.tags, p.slug AS project, ${STATE_COLUMNS.map((c) => `c.${c}`).join(", ")}
       FROM checks c JOIN projects p ON p.id = c.project_id ORDER BY p.id, c.id`,
    )
    .all() as MetricsRow[];
  return rows.map((r) => ({ uuid: r.uuid, name: r.name, slug: r.slug, tags: r.tags, project: r.project, ...stateOf(r) }));
}
