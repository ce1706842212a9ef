// Changing a project's own settings through the API or the dashboard (SPEC §6 `POST
// /api/v3/project`, §9 status page settings): one write transaction, refused for a project the
// config file declares, published to the ping index after the commit so that ping_auth and
// ping_create apply to the very next ping.
import type { Project, ProjectSettings, StatusPageSettings } from "../store/store.ts";
import type { OperationContext } from "./operations.ts";
import { type CheckResult, failed, ok } from "./result.ts";
import { applyStatusPagePatch, isStatusPasswordHash } from "./status-page-settings.ts";
import { writeChecks } from "./write.ts";

/** What the API and the dashboard may change; check_limit is the operator's (CLI, config file). */
export interface ProjectPatch extends Partial<Omit<ProjectSettings, "checkLimit">> {
  /** status page settings: only the fields given change */
  readonly statusPage?: Partial<StatusPageSettings>;
  /**
   * The status page password as an argon2id hash (hash it with sessions/password.ts
   * `hashPassword`: hashing is slow and asynchronous, this write is neither); null removes it.
   */
  readonly statusPasswordHash?: string | null;
}

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
    const hash = patch.statusPasswordHash;
    if (hash !== undefined && hash !== null && !isStatusPasswordHash(hash)) return failed({ kind: "invalid", message: "json validation error: password is not an argon2id hash", field: "password" });
    const hasPassword = patch.statusPasswordHash === undefined ? current.statusPasswordSet : patch.statusPasswordHash !== null;
    const page = applyStatusPagePatch(current.statusPage, patch.statusPage ?? {}, hasPassword);
    if (!page.ok) return failed({ kind: "invalid", message: `json validation error: ${page.message}`, field: page.field });
    tx.updateProjectSettings(current.id, next);
    tx.updateStatusPageSettings(current.id, page.settings);
    if (patch.statusPasswordHash !== undefined) tx.setStatusPasswordHash(current.id, patch.statusPasswordHash);
    const saved: Project = { ...current, ...next, statusPage: page.settings, statusPasswordSet: hasPassword };
    changes.projectSaved(saved);
    return ok(saved);
  });
}
