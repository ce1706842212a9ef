// What a check's JSON shows besides its row — its channels and its uptime (downtime inside a
// maintenance window excluded, SPEC §8, §9) — for one check or for a whole list at once. Uptime
// is summed from the check's buckets plus the open segment (its current status since the bucket
// cursor), never replayed from flips, so its cost does not depend on how much the check flapped.
import type { OpenSegment } from "../core/bucket-ranges.ts";
import { maintenanceIntervals, type MaintenanceWindow } from "../core/maintenance.ts";
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
  return extrasOf(check, channelIds, history, tx.listWindows(check.projectId), now, replicas);
}

/** The extras from facts already read (lists read them for every check at once). */
export function extrasOf(
  check: Check,
  channelIds: readonly string[],
  history: CheckUptime | null,
  windows: readonly MaintenanceWindow[],
  now: number,
  replicas: readonly Replica[] = [],
): CheckExtras {
  return {
    channelIds: [...channelIds].sort(),
    uptime: uptimeFromBuckets(history?.buckets ?? [], openSegment(check, history, windows, now), now),
    replicas,
  };
}

/**
 * The check's time not in buckets yet: its current status since the cursor, with the maintenance
 * windows over the part of it any reader looks at (the last 90 days).
 */
export function openSegment(check: Check, history: CheckUptime | null, windows: readonly MaintenanceWindow[], now: number): OpenSegment {
  const from = history?.bucketedUntil ?? check.created;
  const start = Math.max(from, now - UPTIME_HORIZON_MS);
  return { from, status: check.status, maintenance: start < now && windows.length > 0 ? maintenanceIntervals(windows, check, start, now) : [] };
}
