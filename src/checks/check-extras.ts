// What a check's JSON shows besides its row — its channels and its uptime (downtime inside a
// maintenance window excluded, SPEC §8, §9) — for one check or for a whole list at once. Uptime
// is summed from the check's buckets plus the open segment (its current status since the bucket
// cursor), never replayed from flips, so its cost does not depend on how much the check flapped.
import type { OpenSegment } from "../core/bucket-ranges.ts";
import { CoveredTime } from "../core/interval.ts";
import { type MaintainedCheck, maintenanceIntervals, type MaintenanceWindow, RANGE_CALLS, selectsCheck, workMeter, type WorkMeter } from "../core/maintenance.ts";
import type { Replica } from "../core/reporter.ts";
import { UPTIME_HORIZON_MS, uptimeFromBuckets } from "../core/uptime.ts";
import { bucketStart } from "../core/uptime-buckets.ts";
import type { Check, CheckUptime, Tx } from "../store/store.ts";
import type { CheckExtras } from "./check-json.ts";

/** The oldest bucket any uptime window or 90-day bar reads: the one holding now - 90 days. */
export function uptimeReadFrom(now: number): number {
  return bucketStart(now - UPTIME_HORIZON_MS);
}

/** One check's extras, read in five statements (six for a reporter check: its replicas). */
export function loadExtras(tx: Tx, check: Check, now: number): CheckExtras {
  const channelIds = tx.channelsOfCheck(check.id).map((c) => c.id);
  const history = tx.uptimeHistory({ checkIds: [check.id] }, uptimeReadFrom(now)).get(check.id) ?? null;
  const replicas = check.kind === "reporter" ? tx.listReplicas(check.id) : [];
  return extrasOf(check, channelIds, history, new MaintenanceExclusions(tx.listWindows(check.projectId), now), now, replicas);
}

/** The extras from facts already read (lists read them for every check at once). */
export function extrasOf(
  check: Check,
  channelIds: readonly string[],
  history: CheckUptime | null,
  exclusions: MaintenanceExclusions,
  now: number,
  replicas: readonly Replica[] = [],
): CheckExtras {
  return {
    channelIds: [...channelIds].sort(),
    uptime: uptimeFromBuckets(history?.buckets ?? [], openSegment(check, history, exclusions, now), now),
    replicas,
  };
}

/**
 * The check's time not in buckets yet: its current status since the cursor, with the maintenance
 * time over the part of it any reader looks at (the last 90 days).
 */
export function openSegment(check: Check, history: CheckUptime | null, exclusions: MaintenanceExclusions, now: number): OpenSegment {
  const from = history?.bucketedUntil ?? check.created;
  return { from, status: check.status, maintenance: from < now ? exclusions.of(check) : [] };
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
