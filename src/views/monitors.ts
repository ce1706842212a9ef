// Read model of StatusRooster's monitor list (SPEC §5.1): a project's checks with their extras, how
// often each went down, and the maintenance windows that are each monitor's — a fixed number of
// queries however many checks there are.
import { type MonitorWindow } from "../checks/monitor-windows.ts";
import { windowsOfMonitor } from "../checks/monitors.ts";
import type { Check, Tx } from "../store/store.ts";
import { type CheckSummary, oneCheck, projectChecks } from "./check-summaries.ts";

export interface MonitorSummary extends CheckSummary {
  /** times the check went down */
  readonly downs: number;
  readonly windows: readonly MonitorWindow[];
}

export function projectMonitors(tx: Tx, projectId: number, now: number): MonitorSummary[] {
  const checks = projectChecks(tx, projectId, now);
  if (checks.length === 0) return [];
  const downs = tx.downFlipCounts(projectId);
  const windows = tx.listWindows(projectId);
  return checks.map((s) => ({ ...s, downs: downs.get(s.check.id) ?? 0, windows: windowsOfMonitor(windows, s.check.uuid) }));
}

export function oneMonitor(tx: Tx, check: Check, now: number): MonitorSummary {
  return { ...oneCheck(tx, check, now), downs: tx.downFlipCount(check.id), windows: windowsOfMonitor(tx.listWindows(check.projectId), check.uuid) };
}
