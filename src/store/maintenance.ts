// Maintenance windows (SPEC §3, §8): stored definitions; what they mean is src/core/maintenance.ts.
import type { Database } from "bun:sqlite";
import type { Interval } from "../core/interval.ts";
import { type MaintainedCheck, maintenanceIntervals, type MaintenanceWindow } from "../core/maintenance.ts";

export interface StoredWindow extends MaintenanceWindow {
  readonly projectId: number;
  readonly managed: boolean;
  readonly created: number;
}

interface WindowRow {
  id: string;
  project_id: number;
  name: string;
  starts: number | null;
  ends: number | null;
  cron: string | null;
  tz: string;
  duration: number | null;
  slugs: string;
  tags: string;
  managed: number;
  created: number;
}

function toWindow(r: WindowRow): StoredWindow {
  return {
    id: r.id,
    projectId: r.project_id,
    name: r.name,
    start: r.starts,
    end: r.ends,
    cron: r.cron,
    tz: r.tz,
    duration: r.duration,
    slugs: JSON.parse(r.slugs) as string[],
    tags: JSON.parse(r.tags) as string[],
    managed: r.managed === 1,
    created: r.created,
  };
}

export type NewWindow = Omit<StoredWindow, "id" | "created"> & { readonly id?: string };
type WindowDefinition = Omit<NewWindow, "projectId" | "id">;

/** The columns a window's definition is written to, in `definitionParams` order. */
const DEFINITION_COLUMNS = ["name", "starts", "ends", "cron", "tz", "duration", "slugs", "tags", "managed"];

function definitionParams(w: WindowDefinition): (string | number | null)[] {
  return [w.name, w.start, w.end, w.cron, w.tz, w.duration, JSON.stringify(w.slugs), JSON.stringify(w.tags), w.managed ? 1 : 0];
}

export function insertWindow(db: Database, w: NewWindow, now: number): StoredWindow {
  const row = db
    .query(
      `INSERT INTO maintenance (id, project_id, ${DEFINITION_COLUMNS.join(", ")}, created)
       VALUES (?, ?, ${DEFINITION_COLUMNS.map(() => "?").join(", ")}, ?) RETURNING *`,
    )
    .get(w.id ?? crypto.randomUUID(), w.projectId, ...definitionParams(w), now) as WindowRow;
  return toWindow(row);
}

/** Rewrites a window's definition in place (config-file upserts keep its id). */
export function updateWindow(db: Database, id: string, w: WindowDefinition): void {
  const assignments = DEFINITION_COLUMNS.map((c) => `${c} = ?`).join(", ");
  db.query(`UPDATE maintenance SET ${assignments} WHERE id = ?`).run(...definitionParams(w), id);
}

export function getWindow(db: Database, id: string): StoredWindow | null {
  const row = db.query("SELECT * FROM maintenance WHERE id = ?").get(id.toLowerCase()) as WindowRow | null;
  return row ? toWindow(row) : null;
}

export function listWindows(db: Database, projectId: number): StoredWindow[] {
  return (db.query("SELECT * FROM maintenance WHERE project_id = ? ORDER BY created, id").all(projectId) as WindowRow[]).map(toWindow);
}

export function findWindowByName(db: Database, projectId: number, name: string): StoredWindow | null {
  const row = db.query("SELECT * FROM maintenance WHERE project_id = ? AND name = ? ORDER BY managed DESC, created LIMIT 1").get(projectId, name) as WindowRow | null;
  return row ? toWindow(row) : null;
}

export function listManagedWindows(db: Database): StoredWindow[] {
  return (db.query("SELECT * FROM maintenance WHERE managed = 1 ORDER BY created, id").all() as WindowRow[]).map(toWindow);
}

export function setWindowManaged(db: Database, id: string, managed: boolean): void {
  db.query("UPDATE maintenance SET managed = ? WHERE id = ?").run(managed ? 1 : 0, id);
}

export function deleteWindow(db: Database, id: string): boolean {
  return db.query("DELETE FROM maintenance WHERE id = ?").run(id).changes === 1;
}

/**
 * The maintenance intervals of a stored check over [start, end), merged (uptime excludes them).
 * `check` needs its project, slug and tags: a stored Check fits.
 */
export function maintenanceIntervalsForCheck(db: Database, check: MaintainedCheck & { readonly projectId: number }, start: number, end: number): Interval[] {
  return maintenanceIntervals(listWindows(db, check.projectId), check, start, end);
}

/** The windows of several projects in one statement (pages showing checks of many projects). */
export function listWindowsOfProjects(db: Database, projectIds: readonly number[]): StoredWindow[] {
  const rows = db
    .query("SELECT * FROM maintenance WHERE project_id IN (SELECT value FROM json_each(?)) ORDER BY created, id")
    .all(JSON.stringify(projectIds)) as WindowRow[];
  return rows.map(toWindow);
}
