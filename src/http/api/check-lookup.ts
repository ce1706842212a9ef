// The check a management API path names: a uuid (any letter case) or, where Healthchecks allows
// it, the read-only `unique_key`. Another project's check is 403.
import { uniqueKey } from "../../checks/check-json.ts";
import { UUID_PATTERN } from "../../core/uuid.ts";
import { type CheckResult, failed, ok } from "../../checks/result.ts";
import type { Check, Project, Tx } from "../../store/store.ts";

export function resolveCheck(tx: Tx, project: Project, code: string, opts: { readonly uniqueKey: boolean }): CheckResult<Check> {
  let check: Check | null = null;
  if (UUID_PATTERN.test(code)) check = tx.getCheckByUuid(code);
  else if (opts.uniqueKey && /^[0-9a-f]{40}$/.test(code)) {
    // unique keys are derived, not stored: a linear pass over the project, as in Healthchecks
    check = tx.listChecksOfProject(project.id).find((c) => uniqueKey(c.uuid) === code) ?? null;
  }
  if (!check) return failed({ kind: "not_found" });
  if (check.projectId !== project.id) return failed({ kind: "forbidden" });
  return ok(check);
}
