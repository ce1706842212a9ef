// What a check's JSON shows besides its row — its channels and its uptime (downtime inside a
// maintenance window excluded, SPEC §8, §9) — for one check or for a whole list at once.
import { CoveredTime } from "../core/interval.ts";
import { type MaintainedCheck, maintenanceIntervals, type MaintenanceWindow, RANGE_CALLS, selectsCheck, workMeter, type WorkMeter } from "../core/maintenance.ts";
import { UPTIME_HORIZON_MS, uptimeWindows } from "../core/uptime.ts";
import type { Check, StoredFlip, Tx } from "../store/store.ts";
import type { CheckExtras } from "./check-json.ts";

/** One check's extras, read in four statements. */
export function loadExtras(tx: Tx, check: Check, now: number): CheckExtras {
  const channelIds = tx.channelsOfCheck(check.id).map((c) => c.id);
  const flips = tx.listFlips(check.id, { start: now - UPTIME_HORIZON_MS });
  return extrasOf(check, channelIds, flips, new MaintenanceExclusions(tx.listWindows(check.projectId), now), now);
}

/** The extras from facts already read (lists read them for every check at once). */
export function extrasOf(check: Check, channelIds: readonly string[], flips: readonly StoredFlip[], exclusions: MaintenanceExclusions, now: number): CheckExtras {
  return {
    channelIds: [...channelIds].sort(),
    uptime: uptimeWindows({ since: check.created, status: check.status, flips, excluded: exclusions.of(check) }, now),
  };
}

/**
 * The maintenance time each check's uptime leaves out, over the uptime horizon. Checks selected
 * by the same windows share one computation, so a list of 10 000 checks under a project-wide
 * window costs the arithmetic of one check (each computation is bounded by RANGE_CALLS).
 */
export class MaintenanceExclusions {
  private readonly bySelection = new Map<string, CoveredTime>();

  /** `newMeter` gives each computation its budget (tests count the calls made on them). */
  constructor(
    private readonly windows: readonly MaintenanceWindow[],
    private readonly now: number,
    private readonly newMeter: () => WorkMeter = () => workMeter(RANGE_CALLS),
  ) {}

  of(check: MaintainedCheck): CoveredTime {
    const selected = this.windows.filter((w) => selectsCheck(w, check));
    const key = selected.map((w) => w.id).join(" ");
    let found = this.bySelection.get(key);
    if (found === undefined) {
      // the intervals depend only on the windows selected, so every check they select shares them
      found = new CoveredTime(selected.length === 0 ? [] : maintenanceIntervals(selected, check, this.now - UPTIME_HORIZON_MS, this.now, this.newMeter()));
      this.bySelection.set(key, found);
    }
    return found;
  }
}
