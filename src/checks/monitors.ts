// StatusRooster's heartbeat monitors (SPEC §5.1) are checks: these operations are the check
// operations plus what a monitor keeps beside its check — its paused flag and its maintenance
// windows — written in the same transaction, so a refused request changes nothing.
import { canResume } from "../core/transition.ts";
import { applyEvent } from "../ingest/apply-event.ts";
import type { Check, Project, StoredWindow } from "../store/store.ts";
import type { CheckFields, CreateCheckFields } from "./definition.ts";
import { MONITOR_DAYS, type MonitorWindow, monitorWindowOf, ownsWindow, windowOfMonitor } from "./monitor-windows.ts";
import { type AfterSave, createCheck, deleteCheck, type OperationContext, updateCheck } from "./operations.ts";
import { type CheckResult, failed, ok } from "./result.ts";
import type { WriteContext } from "./save.ts";

export interface MonitorExtras {
  /** pause (true) or resume (false); undefined leaves it */
  readonly paused?: boolean;
  /** replaces every window of the monitor; undefined keeps them (following a new slug) */
  readonly windows?: readonly MonitorWindow[];
}

export function createMonitor(ctx: OperationContext, project: Project, fields: CreateCheckFields, extras: MonitorExtras): CheckResult<Check> {
  const created = createCheck(ctx, project, fields, withExtras(extras));
  return created.ok ? ok(created.value.check) : created;
}

export function updateMonitor(ctx: OperationContext, project: Project, uuid: string, fields: CheckFields, extras: MonitorExtras): CheckResult<Check> {
  return updateCheck(ctx, project, uuid, fields, withExtras(extras));
}

/** Deletes the check and the windows that were the monitor's. */
export function deleteMonitor(ctx: OperationContext, project: Project, uuid: string): CheckResult<Check> {
  return deleteCheck(ctx, project, uuid, (w, check) => {
    replaceWindows(w, check, []);
    return ok(check);
  });
}

/** The monitor's own windows among a project's, as it shows them: daily first, then by weekday and time. */
export function windowsOfMonitor(windows: readonly StoredWindow[], uuid: string): MonitorWindow[] {
  const order = (m: MonitorWindow): string => `${(MONITOR_DAYS.indexOf(m.day) + 1) % MONITOR_DAYS.length} ${m.start_utc} ${m.end_utc}`;
  return windows
    .filter((w) => ownsWindow(uuid, w))
    .flatMap((w) => monitorWindowOf(w) ?? [])
    .sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

function withExtras(extras: MonitorExtras): AfterSave {
  return (w, saved) => {
    const check = extras.paused === undefined ? saved : setPaused(w, saved, extras.paused);
    if (extras.windows !== undefined) return replaceWindows(w, check, extras.windows);
    followSlug(w, check);
    return ok(check);
  };
}

/** The monitor's windows select it by slug: a new slug is written into them, in place. */
function followSlug(w: WriteContext, check: Check): void {
  const stale = w.tx.listWindows(check.projectId).filter((s) => ownsWindow(check.uuid, s) && !(s.slugs.length === 1 && s.slugs[0] === check.slug));
  if (stale.length === 0) return;
  for (const { id, projectId: _p, created: _c, ...definition } of stale) w.tx.updateWindow(id, { ...definition, slugs: [check.slug] });
  w.tx.pullEvaluations({ projectId: check.projectId }, w.now);
  w.changes.alertsChanged();
}

function setPaused(w: WriteContext, check: Check, paused: boolean): Check {
  if (paused ? check.status === "paused" : !canResume(check)) return check;
  const applied = applyEvent(w.tx, w.crons, check, { type: paused ? "pause" : "resume" }, w.now, w.changes);
  // the row was read in this write transaction: nobody can have changed it since
  if (applied.outcome === "lost") throw new Error(`check ${check.uuid} changed under a write transaction`);
  return applied.check;
}

/** Rewrites the monitor's windows for its current slug; alerts they held are looked at again. */
function replaceWindows(w: WriteContext, check: Check, windows: readonly MonitorWindow[]): CheckResult<Check> {
  const owned = w.tx.listWindows(check.projectId).filter((s) => ownsWindow(check.uuid, s));
  if (owned.length === 0 && windows.length === 0) return ok(check);
  if (windows.length > 0 && check.slug === "") return failed({ kind: "invalid", message: "maintenance_windows need the monitor to have a slug", field: "slug" });
  for (const s of owned) w.tx.deleteWindow(s.id);
  for (const spec of windows) {
    const input = windowOfMonitor(check.uuid, check.slug, spec);
    if (input === null) return failed({ kind: "invalid", message: "maintenance_windows: end_utc must differ from start_utc", field: "maintenance_windows" });
    w.tx.insertWindow({ ...input, projectId: check.projectId, managed: false }, w.now);
  }
  w.tx.pullEvaluations({ projectId: check.projectId }, w.now);
  w.changes.alertsChanged();
  return ok(check);
}
