// Read models of checks for lists and pages: a project's checks with what their JSON shows
// (channels, uptime) in a fixed number of queries, however many checks there are — one for the
// checks, one for channel assignments, two for uptime buckets and cursors, one for maintenance
// windows.
import { extrasOf, loadExtras, MaintenanceExclusions, uptimeReadFrom } from "../checks/check-extras.ts";
import type { CheckExtras } from "../checks/check-json.ts";
import type { WorkMeter } from "../core/maintenance.ts";
import type { Check, Tx } from "../store/store.ts";

export interface CheckSummary {
  readonly check: Check;
  readonly extras: CheckExtras;
}

export interface CheckFilter {
  readonly slug?: string;
  /** every tag must be one of the check's space-separated tags */
  readonly tags?: ReadonlySet<string>;
}

/**
 * A project's checks, oldest first, with their extras. The maintenance arithmetic is shared by
 * checks under the same windows; `newMeter` gives each computation its budget (default RANGE_CALLS).
 */
export function projectChecks(tx: Tx, projectId: number, now: number, filter: CheckFilter = {}, newMeter?: () => WorkMeter): CheckSummary[] {
  const checks = tx.listChecksOfProject(projectId, filter.slug === undefined ? {} : { slug: filter.slug }).filter((c) => hasTags(c, filter.tags));
  if (checks.length === 0) return [];
  const channels = groupBy(tx.channelAssignmentsOfProject(projectId), (a) => a.checkId);
  const history = tx.uptimeHistory({ checkIds: checks.map((c) => c.id) }, uptimeReadFrom(now));
  const exclusions = new MaintenanceExclusions(tx.listWindows(projectId), now, newMeter);
  // one more statement, only for projects that have reporter checks
  const replicas = checks.some((c) => c.kind === "reporter") ? tx.replicasOfProject(projectId) : new Map();
  return checks.map((check) => ({
    check,
    extras: extrasOf(check, (channels.get(check.id) ?? []).map((a) => a.channelId), history.get(check.id) ?? null, exclusions, now, replicas.get(check.id) ?? []),
  }));
}

/** One check with its extras (the same figures as in a list). */
export function oneCheck(tx: Tx, check: Check, now: number): CheckSummary {
  return { check, extras: loadExtras(tx, check, now) };
}

function hasTags(c: Check, wanted: ReadonlySet<string> | undefined): boolean {
  if (!wanted || wanted.size === 0) return true;
  const tags = new Set(c.tags.split(" ").filter((t) => t !== ""));
  for (const t of wanted) if (!tags.has(t)) return false;
  return true;
}

export function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
