// Changing a project's own settings through the API (SPEC §6 `POST /api/v3/project`): one write
// transaction, refused for a project the config file declares, published to the ping index after
// the commit so that ping_auth and ping_create apply to the very next ping.
import type { Project, ProjectSettings } from "../store/store.ts";
import type { OperationContext } from "./operations.ts";
import { type CheckResult, failed, ok } from "./result.ts";
import { writeChecks } from "./write.ts";

/** What the API may change; check_limit is the operator's (CLI, config file). */
export type ProjectPatch = Partial<Omit<ProjectSettings, "checkLimit">>;

export function changeProjectSettings(ctx: OperationContext, projectId: number, patch: ProjectPatch): CheckResult<Project> {
  return writeChecks(ctx.store, ctx.publish, (tx, changes) => {
    const current = tx.getProjectById(projectId);
    if (!current) return failed({ kind: "not_found" });
    if (current.managed) return failed({ kind: "managed" });
    const next: ProjectSettings = {
      name: patch.name ?? current.name,
      pingAuth: patch.pingAuth ?? current.pingAuth,
      pingCreate: patch.pingCreate ?? current.pingCreate,
      checkLimit: current.checkLimit,
    };
    tx.updateProjectSettings(current.id, next);
    const saved: Project = { ...current, ...next };
    changes.projectSaved(saved);
    return ok(saved);
  });
}
