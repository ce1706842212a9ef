// Maintenance window operations (SPEC §6, §8) shared by the management API and the dashboard:
// create and delete, each one write transaction. Alerts a window holds or releases are looked at
// again at once (the notifier's next periodic look could be a minute away).
import { validateWindow, type WindowInput } from "../core/maintenance.ts";
import type { Changes } from "../live/changes.ts";
import type { StoredWindow, Tx } from "../store/store.ts";
import type { OperationContext } from "./operations.ts";
import { type CheckResult, failed, ok } from "./result.ts";
import { writeChecks } from "./write.ts";

export type WindowContext = Pick<OperationContext, "store" | "now" | "publish">;

/** Validates the window as a whole (core/maintenance.ts) and stores it in the project. */
export function createWindow(ctx: WindowContext, projectId: number, input: WindowInput): CheckResult<StoredWindow> {
  const valid = validateWindow(input);
  if (!valid.ok) return failed({ kind: "invalid", message: `json validation error: ${valid.error}`, field: valid.field });
  return writeChecks(ctx.store, ctx.publish, (tx, changes) => {
    const w = tx.insertWindow({ ...valid.window, projectId, managed: false }, ctx.now);
    lookAgain(tx, changes, projectId, ctx.now);
    return ok(w);
  });
}

/** Deletes one of the project's windows and answers it as it was; the config file's stay. */
export function deleteWindow(ctx: WindowContext, projectId: number, id: string): CheckResult<StoredWindow> {
  return writeChecks(ctx.store, ctx.publish, (tx, changes) => {
    const w = tx.getWindow(id);
    if (!w) return failed({ kind: "not_found" });
    if (w.projectId !== projectId) return failed({ kind: "forbidden" });
    if (w.managed) return failed({ kind: "managed" });
    tx.deleteWindow(w.id);
    lookAgain(tx, changes, projectId, ctx.now);
    return ok(w);
  });
}

function lookAgain(tx: Tx, changes: Changes, projectId: number, now: number): void {
  tx.pullEvaluations({ projectId }, now);
  changes.alertsChanged();
}
