// Maintenance as public pages tell it (SPEC §9): the windows open now and the next ones, each
// naming only the public checks it selects. A window that selects no public check is not shown
// at all — its name alone could tell a visitor about private jobs.
import { type MaintenanceWindow, nextOccurrence, occurrenceAt, selectsCheck } from "../core/maintenance.ts";
import type { Check } from "../store/store.ts";
import type { MaintenanceItem, MaintenanceNowAndNext } from "./status-page-model.ts";

/** Upcoming maintenance is announced this far ahead, at most this many occurrences. */
const UPCOMING_MS = 30 * 86_400_000;
const UPCOMING_MAX = 5;

export interface PublicMaintenance extends MaintenanceNowAndNext {
  /** ids of the checks an open window selects */
  readonly inMaintenance: ReadonlySet<number>;
}

export function publicMaintenance(windows: readonly MaintenanceWindow[], checks: readonly Check[], nameOf: (c: Check) => string, now: number): PublicMaintenance {
  const active: MaintenanceItem[] = [];
  const upcoming: MaintenanceItem[] = [];
  const inMaintenance = new Set<number>();
  for (const w of windows) {
    const selected = checks.filter((c) => selectsCheck(w, c));
    if (selected.length === 0) continue;
    const item = (start: number, end: number): MaintenanceItem => ({ name: w.name || "Maintenance", start, end, checks: selected.map(nameOf) });
    const open = occurrenceAt(w, now);
    if (open !== null) {
      active.push(item(open.start, open.end));
      for (const c of selected) inMaintenance.add(c.id);
    }
    const next = nextOccurrence(w, open === null ? now : open.end);
    if (next !== null && next.start > now && next.start <= now + UPCOMING_MS) upcoming.push(item(next.start, next.end));
  }
  active.sort((a, b) => a.end - b.end);
  upcoming.sort((a, b) => a.start - b.start);
  return { active, upcoming: upcoming.slice(0, UPCOMING_MAX), inMaintenance };
}
