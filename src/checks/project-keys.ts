// Projects and their keys from the dashboard (SPEC §12): create a project, and rotate one of its
// keys. A new key is answered once and only its digest is stored (API keys, reporter token); the
// ping key is a URL capability and stored in clear (SPEC §2). After the commit the ping index learns
// the new ping key, so slug URLs with the old one answer 404 from the very next ping.
import { generateApiKey, generatePingKey, generateReporterToken, hashKey } from "../auth/keys.ts";
import type { NewProjectKeys, Project } from "../store/store.ts";
import type { OperationContext } from "./operations.ts";
import { type CheckResult, failed, ok } from "./result.ts";
import { writeChecks } from "./write.ts";

/** A project's slug: its status page's and the config file's name for it. */
export const PROJECT_SLUG_PATTERN = /^[a-z0-9_-]{1,100}$/;
export const PROJECT_NAME_MAX = 100;

export const PROJECT_KEYS = ["api_key", "api_key_readonly", "ping_key", "reporter_token"] as const;
export type ProjectKey = (typeof PROJECT_KEYS)[number];

export type ProjectContext = Pick<OperationContext, "store" | "now" | "publish">;

export function addProject(ctx: ProjectContext, slug: string, name: string): CheckResult<NewProjectKeys> {
  if (!PROJECT_SLUG_PATTERN.test(slug)) return failed({ kind: "invalid", field: "slug", message: "slug must be 1-100 characters of a-z 0-9 _ -" });
  if (name.length > PROJECT_NAME_MAX) return failed({ kind: "invalid", field: "name", message: "name is too long" });
  return writeChecks(ctx.store, ctx.publish, (tx, changes) => {
    if (tx.findProjectBySlug(slug)) return failed({ kind: "conflict", message: "slug already in use", field: "slug" });
    const created = tx.createProject(slug, name === "" ? slug : name, ctx.now);
    changes.projectSaved(created.project);
    return ok(created);
  });
}

export interface RotatedKey {
  readonly project: Project;
  readonly key: ProjectKey;
  /** the new value, shown once */
  readonly value: string;
}

/** A new value for one key of the project; the old one stops working at once. */
export function rotateProjectKey(ctx: ProjectContext, projectId: number, key: ProjectKey): CheckResult<RotatedKey> {
  return writeChecks(ctx.store, ctx.publish, (tx, changes) => {
    const project = tx.getProjectById(projectId);
    if (!project) return failed({ kind: "not_found" });
    const value = freshKey(key);
    switch (key) {
      case "api_key":
        tx.setProjectKeyHashes(project.id, { readWrite: hashKey(value) });
        return ok({ project, key, value });
      case "api_key_readonly":
        tx.setProjectKeyHashes(project.id, { readOnly: hashKey(value) });
        return ok({ project, key, value });
      case "reporter_token":
        tx.setProjectReporterTokenHash(project.id, hashKey(value));
        return ok({ project, key, value });
      case "ping_key": {
        tx.setProjectPingKey(project.id, value);
        const saved: Project = { ...project, pingKey: value };
        changes.projectSaved(saved);
        return ok({ project: saved, key, value });
      }
      default: {
        const unreachable: never = key;
        throw new Error(`unknown project key ${String(unreachable)}`);
      }
    }
  });
}

function freshKey(key: ProjectKey): string {
  switch (key) {
    case "api_key":
      return generateApiKey("rw");
    case "api_key_readonly":
      return generateApiKey("ro");
    case "ping_key":
      return generatePingKey();
    case "reporter_token":
      return generateReporterToken();
    default: {
      const unreachable: never = key;
      throw new Error(`unknown project key ${String(unreachable)}`);
    }
  }
}
