// `[[checks]]`: checks declared in the config file, keyed by (project, slug). The file is the whole
// truth about a declared check: fields it leaves out take their defaults, except push_token,
// muted_until and alert_new, which keep their stored values (a push URL must not change on every
// reload, a mute is runtime state, and checks from before alert_new must not start paging). The
// fields and their validation are the API's (src/checks/).
import { mergeDefinition } from "../checks/merge.ts";
import { saveDefinition } from "../checks/save.ts";
import { DEFAULT_DEFINITION } from "../store/check-model.ts";
import type { Check } from "../store/store.ts";
import { type CheckEntry, checkEntryProblems, checkEntrySchema, fieldsOf } from "./check-entry.ts";
import type { ProjectEntry } from "./projects.ts";
import { type ApplyContext, at, type Declared, type DeclaredKind, type Problem, sectionOf, withoutSubject } from "./registry.ts";

export const checksKind: DeclaredKind<CheckEntry> = {
  key: "checks",
  schema: checkEntrySchema,
  validate: (entries) => {
    const problems: Problem[] = [];
    const seen = new Map<string, number>();
    const uuids = new Map<string, number>();
    for (const { index, value } of entries) {
      const key = `${value.project}/${value.slug}`;
      const first = seen.get(key);
      if (first !== undefined) problems.push({ path: at("checks", index, "slug"), message: `"${value.slug}" is already declared in project "${value.project}" by checks[${first}]` });
      else seen.set(key, index);
      if (value.uuid !== undefined) {
        const u = value.uuid.toLowerCase();
        const other = uuids.get(u);
        if (other !== undefined) problems.push({ path: at("checks", index, "uuid"), message: `is already declared by checks[${other}]` });
        else uuids.set(u, index);
      }
    }
    return problems;
  },
  checkEntry: (fields, ctx) => checkEntryProblems(fields, ctx.now),
  apply: (ctx, entries) => {
    const problems: Problem[] = [];
    const declared = new Set<string>();
    for (const entry of entries) {
      const result = upsertCheck(ctx, entry);
      if (typeof result === "number") declared.add(String(result));
      else problems.push(result);
    }
    if (problems.length > 0) return problems;
    for (const c of ctx.tx.listManagedChecks()) if (!declared.has(String(c.id))) removeCheck(ctx, c);
    return [];
  },
};

/** Returns the id of the saved check, or the problem. */
function upsertCheck(ctx: ApplyContext, { index, value: e }: Declared<CheckEntry>): number | Problem {
  const { tx } = ctx;
  const path = at("checks", index);
  const project = tx.findProjectBySlug(e.project);
  if (!project) {
    const declared = sectionOf<ProjectEntry>(ctx.file, "projects").some((p) => p.value.slug === e.project);
    return { path: `${path}.project`, message: declared ? `project "${e.project}" could not be created` : `project "${e.project}" does not exist: declare it in [[projects]] or create it with tocsin projects add` };
  }
  const existing = tx.getCheckBySlug(project.id, e.slug);
  if (existing && !existing.managed) {
    return { path: `${path}.slug`, message: `a check "${e.slug}" created through the API already exists in project "${e.project}"; delete it or choose another slug` };
  }
  if (e.uuid !== undefined) {
    const uuid = e.uuid.toLowerCase();
    if (existing && existing.uuid !== uuid) return { path: `${path}.uuid`, message: `differs from the stored ${existing.uuid}; the uuid of an existing check cannot change` };
    if (!existing && tx.getCheckByUuid(uuid)) return { path: `${path}.uuid`, message: "is already used by another check" };
  }
  if (!existing && tx.countChecks(project.id) >= project.checkLimit) return { path, message: `project "${e.project}" reached its check_limit (${project.checkLimit})` };
  // alert_new left out keeps the stored value too: checks declared before it existed were
  // migrated to false, and an upgrade must not page anyone for a check that never ran
  const base = { ...DEFAULT_DEFINITION, pushToken: existing?.pushToken ?? null, mutedUntil: existing?.mutedUntil ?? null, alertNew: existing?.alertNew ?? DEFAULT_DEFINITION.alertNew };
  const merged = mergeDefinition(base, fieldsOf(e), ctx.now);
  if (!merged.ok) return { path: at("checks", index, merged.field), message: withoutSubject(merged.message, merged.field) };
  const w = { tx, crons: ctx.crons, now: ctx.now, changes: ctx.changes };
  const target = existing ? { existing } : { create: { projectId: project.id, uuid: e.uuid ?? crypto.randomUUID(), managed: true } };
  const saved = saveDefinition(w, target, merged.definition, e.channels ?? "");
  if (!saved.ok) {
    const f = saved.failure;
    const message = f.kind === "invalid" || f.kind === "conflict" ? f.message : f.kind;
    return { path: f.kind === "invalid" && f.field ? `${path}.${f.field}` : path, message };
  }
  return saved.value.id;
}

/** A managed check that left the file: deleted with prune, otherwise released to the API. */
function removeCheck(ctx: ApplyContext, c: Check): void {
  const project = ctx.tx.getProjectById(c.projectId)?.slug ?? String(c.projectId);
  if (ctx.file.prune) {
    ctx.tx.deleteCheckById(c.id);
    ctx.changes.deleted(c);
    ctx.warn(`check "${c.slug}" of project "${project}" left the config file and was deleted (prune = true)`);
    return;
  }
  ctx.tx.setCheckManaged(c.id, false);
  ctx.changes.saved({ ...c, managed: false });
  ctx.warn(`check "${c.slug}" of project "${project}" left the config file and is no longer managed; set prune = true to delete such checks`);
}
