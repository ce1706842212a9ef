// Read model of the dashboard's maintenance page (SPEC §12): a project's windows, each with the
// checks it selects, whether it is in force and its next occurrences. Three statements (project,
// windows, checks); the occurrences are bounded work per window (core/maintenance.ts).
import type { Interval } from "../core/interval.ts";
import { activeAt, selectsCheck, upcomingOccurrences } from "../core/maintenance.ts";
import type { Project, StoredWindow, Tx } from "../store/store.ts";
import { type ProjectRef, projectRefs } from "./dashboard-checks.ts";

/** Occurrences listed per window. */
export const UPCOMING = 5;
/** Checks named per window; the rest are counted (a window on "*" may select thousands). */
export const NAMED_CHECKS = 50;

export interface WindowRow {
  readonly window: StoredWindow;
  readonly active: boolean;
  /** the occurrence in force (if any) and the next ones */
  readonly upcoming: readonly Interval[];
  /** the first NAMED_CHECKS checks it selects */
  readonly checks: readonly { readonly uuid: string; readonly name: string }[];
  /** how many checks it selects */
  readonly selected: number;
}

export interface MaintenancePageModel {
  readonly projects: readonly ProjectRef[];
  readonly project: Project;
  readonly windows: readonly WindowRow[];
  /** slugs and tags in use, for the form's hints */
  readonly slugs: readonly string[];
  readonly tags: readonly string[];
}

export function maintenancePage(tx: Tx, projectSlug: string, now: number): MaintenancePageModel | null {
  const project = tx.findProjectBySlug(projectSlug);
  if (!project) return null;
  const checks = tx.listChecksOfProject(project.id);
  const windows = tx.listWindows(project.id).map((w) => {
    const selected = checks.filter((c) => selectsCheck(w, c));
    const named = selected.slice(0, NAMED_CHECKS).map((c) => ({ uuid: c.uuid, name: c.name || c.slug || "Unnamed check" }));
    return { window: w, active: activeAt(w, now), upcoming: upcomingOccurrences(w, now, UPCOMING), checks: named, selected: selected.length };
  });
  const slugs = checks.map((c) => c.slug).filter((s) => s !== "").sort();
  const tags = [...new Set(checks.flatMap((c) => c.tags.split(/\s+/).filter((t) => t !== "")))].sort();
  return { projects: projectRefs(tx), project, windows, slugs, tags };
}
