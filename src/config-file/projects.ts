// `[[projects]]`: projects declared in the config file. API keys are secrets and never belong in a
// file that lives in git, so the file names only their SHA-256 digests (`api_key_sha256`); without
// one, a new project gets generated keys that are printed once, like the default project's.
import { z } from "zod";

import { PROJECT_SLUG_PATTERN } from "../checks/project-keys.ts";
import { applyStatusPagePatch, DEFAULT_STATUS_PAGE, isStatusPasswordHash, STATUS_DESCRIPTION_MAX, STATUS_LOGO_URL_MAX, STATUS_TITLE_MAX } from "../checks/status-page-settings.ts";
import { zoneHint } from "../core/field-values.ts";
import { type Project, STATUS_PAGE_MODES, type StatusPageMode, type StatusPageSettings } from "../store/projects.ts";
import { type ApplyContext, at, type Declared, type DeclaredKind, type EntryProblem, type Problem } from "./registry.ts";

export const PROJECT_SLUG = PROJECT_SLUG_PATTERN;
/** Created by Tocsin itself on first start, so the file may take it over. */
const DEFAULT_PROJECT = "default";

/** lowercase hex, as sha256sum prints it */
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const projectEntrySchema = z.strictObject({
  slug: z.string().regex(PROJECT_SLUG),
  name: z.string().max(100).optional(),
  ping_auth: z.boolean().default(false),
  ping_create: z.boolean().default(false),
  check_limit: z.int().min(0).max(1_000_000).default(10_000),
  ping_key: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional(),
  api_key_sha256: sha256.optional(),
  read_only_api_key_sha256: sha256.optional(),
  // the status page (SPEC §9)
  status_page: z.enum(STATUS_PAGE_MODES as [StatusPageMode, ...StatusPageMode[]]).default("public"),
  title: z.string().max(STATUS_TITLE_MAX).default(""),
  description: z.string().max(STATUS_DESCRIPTION_MAX).default(""),
  logo_url: z.string().max(STATUS_LOGO_URL_MAX).default(""),
  tz: z.string().max(64).default("UTC"),
  password_hash: z.string().max(400).optional(),
  // accepted by the schema only to explain why they are refused
  api_key: z.unknown().optional(),
  password: z.unknown().optional(),
});

export type ProjectEntry = z.output<typeof projectEntrySchema>;

const PASSWORD_IN_CLEAR =
  "status page passwords are not written in clear here: set password_hash to an argon2id hash of it (printf %s \"$PASSWORD\" | argon2 \"$(openssl rand -hex 16)\" -id -k 19456 -t 2 -p 1 -e), or set the password through POST /api/v3/project";

/** The status page settings an entry declares, as stored. */
function statusPageOf(e: Partial<ProjectEntry>): StatusPageSettings {
  return { mode: e.status_page ?? "public", title: e.title ?? "", description: e.description ?? "", logoUrl: e.logo_url ?? "", tz: e.tz ?? "UTC" };
}

/** The status page settings and password hash of one entry, each problem on its own field. */
function statusPageProblems(e: Partial<ProjectEntry>): EntryProblem[] {
  const problems: EntryProblem[] = [];
  if (e.password !== undefined) problems.push({ field: "password", message: PASSWORD_IN_CLEAR });
  const hash = e.password_hash;
  if (hash !== undefined && !isStatusPasswordHash(hash)) {
    problems.push({ field: "password_hash", message: "is not an argon2id hash ($argon2id$v=19$m=...,t=...,p=...$salt$hash, at most 64 MiB and 10 passes)" });
  }
  const page = applyStatusPagePatch(DEFAULT_STATUS_PAGE, statusPageOf(e), hash !== undefined);
  if (!page.ok) {
    const field = page.field === "password" ? "password_hash" : page.field;
    const message = page.field === "password" ? 'is required when status_page is "password"' : page.message.replace(`${page.field} `, "");
    problems.push({ field, message, ...(page.field === "tz" ? { hint: zoneHint(e.tz) || undefined } : {}) });
  }
  return problems;
}

export const projectsKind: DeclaredKind<ProjectEntry> = {
  key: "projects",
  schema: projectEntrySchema,
  checkEntry: (fields) => statusPageProblems(fields),
  validate: (entries) => {
    const problems: Problem[] = [];
    const slugs = new Map<string, number>();
    for (const { index, value } of entries) {
      if (value.api_key !== undefined) {
        problems.push({ path: at("projects", index, "api_key"), message: "API keys are not written in clear here: set api_key_sha256 to the SHA-256 hex digest of the key (printf %s \"$KEY\" | sha256sum)" });
      }
      const first = slugs.get(value.slug);
      if (first !== undefined) problems.push({ path: at("projects", index, "slug"), message: `"${value.slug}" is already declared by projects[${first}]` });
      else slugs.set(value.slug, index);
    }
    return problems;
  },
  apply: (ctx, entries) => {
    const problems: Problem[] = [];
    const declared = new Set<string>();
    for (const entry of entries) {
      declared.add(entry.value.slug);
      problems.push(...upsertProject(ctx, entry));
    }
    if (problems.length > 0) return problems;
    for (const p of ctx.tx.listProjects()) if (p.managed && !declared.has(p.slug)) removeProject(ctx, p);
    return [];
  },
};

function upsertProject(ctx: ApplyContext, { index, value: e }: Declared<ProjectEntry>): Problem[] {
  const { tx } = ctx;
  const path = at("projects", index);
  let project = tx.findProjectBySlug(e.slug);
  if (project && !project.managed && project.slug !== DEFAULT_PROJECT) {
    return [{ path, message: `project "${e.slug}" was created outside the config file (tocsin projects add); choose another slug` }];
  }
  const exceptId = project?.id ?? null;
  if (e.ping_key !== undefined && e.ping_key !== project?.pingKey && tx.projectKeyInUse(exceptId, { pingKey: e.ping_key })) {
    return [{ path: `${path}.ping_key`, message: "is already used by another project" }];
  }
  for (const field of ["api_key_sha256", "read_only_api_key_sha256"] as const) {
    const digest = e[field];
    if (digest !== undefined && tx.projectKeyInUse(exceptId, { keyHash: digest })) return [{ path: `${path}.${field}`, message: "is already used by another project" }];
  }
  if (!project) {
    const keys = tx.createProject(e.slug, e.name ?? e.slug, ctx.now, e.ping_key === undefined ? {} : { pingKey: e.ping_key });
    project = keys.project;
    ctx.secret(`Created project "${e.slug}" from the config file. Keys not pinned by the file are shown only once:`);
    if (e.api_key_sha256 === undefined) ctx.secret(`  API key (read-write): ${keys.apiKey}`);
    if (e.read_only_api_key_sha256 === undefined) ctx.secret(`  API key (read-only):  ${keys.apiKeyReadOnly}`);
    ctx.secret(`  Ping key:             ${project.pingKey}`);
  }
  tx.updateProjectSettings(project.id, { name: e.name ?? project.name, pingAuth: e.ping_auth, pingCreate: e.ping_create, checkLimit: e.check_limit });
  // checkEntry validated it; this only brings the texts and the zone to their stored form
  const page = applyStatusPagePatch(DEFAULT_STATUS_PAGE, statusPageOf(e), e.password_hash !== undefined);
  if (page.ok) tx.updateStatusPageSettings(project.id, page.settings);
  tx.setStatusPasswordHash(project.id, e.password_hash ?? null);
  if (e.ping_key !== undefined) tx.setProjectPingKey(project.id, e.ping_key);
  tx.setProjectKeyHashes(project.id, { readWrite: e.api_key_sha256, readOnly: e.read_only_api_key_sha256 });
  tx.setProjectManaged(project.id, true);
  ctx.changes.projectSaved({ id: project.id, pingKey: e.ping_key ?? project.pingKey, pingAuth: e.ping_auth, pingCreate: e.ping_create, checkLimit: e.check_limit });
  return [];
}

/**
 * A managed project that left the file. With prune it is deleted with its checks, unless it still
 * has checks created through the API (those are never deleted by the file) or is the default
 * project; otherwise it is released and stays as it is.
 */
function removeProject(ctx: ApplyContext, p: Project): void {
  const checks = ctx.tx.listChecksOfProject(p.id);
  const apiChecks = checks.filter((c) => !c.managed).length;
  if (ctx.file.prune && p.slug !== DEFAULT_PROJECT && apiChecks === 0) {
    for (const c of checks) ctx.changes.deleted(c);
    ctx.tx.deleteProject(p.id);
    ctx.changes.projectDeleted(p.id);
    ctx.warn(`project "${p.slug}" left the config file and was deleted (prune = true) with ${checks.length} checks`);
    return;
  }
  ctx.tx.setProjectManaged(p.id, false);
  const why = !ctx.file.prune ? "set prune = true to delete it" : apiChecks > 0 ? `it still has ${apiChecks} checks created through the API` : "the default project is never deleted";
  ctx.warn(`project "${p.slug}" left the config file and is no longer managed (${why})`);
}
