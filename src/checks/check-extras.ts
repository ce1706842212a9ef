// What a check's JSON shows besides its row — its channels and its uptime (downtime inside a
// maintenance window excluded, SPEC §8, §9) — for one check or for a whole list at once.
import { maintenanceIntervals, type MaintenanceWindow } from "../core/maintenance.ts";
import type { Replica } from "../core/reporter.ts";
import { UPTIME_HORIZON_MS, uptimeWindows } from "../core/uptime.ts";
import type { Check, StoredFlip, Tx } from "../store/store.ts";
import type { CheckExtras } from "./check-json.ts";

/** One check's extras, read in four statements (five for a reporter check: its replicas). */
export function loadExtras(tx: Tx, check: Check, now: number): CheckExtras {
  const channelIds = tx.channelsOfCheck(check.id).map((c) => c.id);
  const flips = tx.listFlips(check.id, { start: now - UPTIME_HORIZON_MS });
  const replicas = check.kind === "reporter" ? tx.listReplicas(check.id) : [];
  return extrasOf(check, channelIds, flips, tx.listWindows(check.projectId), now, replicas);
}

/** The extras from facts already read (lists read them for every check at once). */
export function extrasOf(
  check: Check,
  channelIds: readonly string[],
  flips: readonly StoredFlip[],
  windows: readonly MaintenanceWindow[],
  now: number,
  replicas: readonly Replica[] = [],
): CheckExtras {
  const excluded = maintenanceIntervals(windows, check, now - UPTIME_HORIZON_MS, now);
  return {
    channelIds: [...channelIds].sort(),
    uptime: uptimeWindows({ since: check.created, status: check.status, flips, excluded }, now),
    replicas,
  };
}
