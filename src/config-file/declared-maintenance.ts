// `[[maintenance]]` in tocsin.toml (SPEC §2, §8): maintenance windows as code. Examples:
//
//   [[maintenance]]
//   name = "sunday-backup"        # key: unique per project
//   project = "default"           # project slug, default "default"
//   cron = "0 2 * * 0"            # a window opens at every fire of cron, in tz...
//   tz = "Europe/Riga"
//   duration = 7200               # ...and lasts this many seconds
//   tags = ["db"]                 # checks with any of these tags
//
//   [[maintenance]]
//   name = "dc-move"
//   start = 2026-03-01T22:00:00Z  # a one-off window: TOML date-times with an offset,
//   end = 2026-03-02T02:00:00Z    # ISO 8601 strings with an offset, or UNIX seconds
//   slugs = ["*"]                 # check slugs; "*" is every check of the project
//
// Contract for the config-file loader:
// - `maintenanceEntrySchema` validates one entry (strict: misspelt keys are reported);
// - `applyDeclaredMaintenance(db, entries, projectIdBySlug, now, { prune })` runs inside the
//   reload's write transaction. It upserts by (project, name) and marks the window managed,
//   refuses a name taken by an API-created window, and releases (or, with prune, deletes) managed
//   windows no longer declared. It returns every problem as "maintenance[i].field: message"
//   (any error should roll the reload back) and warnings. Alerts held by windows of the touched
//   projects become due at once: call Notifier.wake() after the reload commits.
// - `maintenanceKind` adapts it to the loader's DeclaredKind registry (src/config-file/registry.ts).
import type { Database } from "bun:sqlite";
import { z } from "zod";
import { validateWindow } from "../core/maintenance.ts";
import { deleteWindow, findWindowByName, insertWindow, listManagedWindows, setWindowManaged, updateWindow } from "../store/maintenance.ts";
import { pullEvaluations } from "../store/notifications.ts";
import { type ApplyResult, lookupProject, type ProjectLookup } from "./declared-channels.ts";
import type { DeclaredKind, Problem } from "./registry.ts";

/** TOML date-time with an offset (Bun parses it to a Temporal.Instant), Date, ISO string or UNIX seconds → epoch ms. */
const instant = z.union([
  z.number().int().min(0).transform((s) => s * 1000),
  z.date().transform((d) => d.getTime()),
  z
    .string()
    .regex(/(Z|[+-]\d{2}:?\d{2})$/i, "must be a date-time with a time zone offset")
    .transform((s, ctx) => {
      const ms = Date.parse(s);
      if (Number.isNaN(ms)) ctx.addIssue({ code: "custom", message: "is not a valid date-time" });
      return ms;
    }),
  z.custom<{ epochMilliseconds: number }>((v) => typeof v === "object" && v !== null && typeof (v as { epochMilliseconds?: unknown }).epochMilliseconds === "number", {
    message: "must be a date-time with a time zone offset",
  }).transform((v) => v.epochMilliseconds),
]);

const names = z.union([z.string().transform((s) => s.split(/[\s,]+/).filter((t) => t !== "")), z.array(z.string().min(1).max(100))]);

export const maintenanceEntrySchema = z.strictObject({
  name: z.string().min(1).max(100),
  project: z.string().min(1).max(100).default("default"),
  start: instant.optional(),
  end: instant.optional(),
  cron: z.string().min(1).max(200).optional(),
  tz: z.string().max(100).default("UTC"),
  duration: z.number().int().optional(),
  slugs: names.default([]),
  tags: names.default([]),
});
export type MaintenanceEntry = z.output<typeof maintenanceEntrySchema>;

export function applyDeclaredMaintenance(db: Database, entries: readonly MaintenanceEntry[], projectIdBySlug: ProjectLookup, now: number, opts: { prune?: boolean } = {}): ApplyResult {
  const warnings: string[] = [];
  const problems = applyWindows(db, entries, projectIdBySlug, now, opts.prune ?? false, (w) => warnings.push(w));
  return { errors: problems.map((p) => `${p.path}: ${p.message}`), warnings };
}

function applyWindows(db: Database, entries: readonly MaintenanceEntry[], projects: ProjectLookup, now: number, prune: boolean, warn: (m: string) => void): Problem[] {
  const problems: Problem[] = [];
  const declared = new Set<string>();
  const seen = new Map<string, number>();
  const touched = new Set<number>();
  entries.forEach((e, i) => {
    const path = (field?: string): string => `maintenance[${i}]${field ? `.${field}` : ""}`;
    const projectId = lookupProject(projects, e.project);
    if (projectId === null) return problems.push({ path: path("project"), message: `unknown project "${e.project}"` });
    const key = `${projectId}\n${e.name}`;
    const first = seen.get(key);
    if (first !== undefined) return problems.push({ path: path("name"), message: `"${e.name}" is already declared by maintenance[${first}]` });
    seen.set(key, i);
    const valid = validateWindow({ name: e.name, start: e.start ?? null, end: e.end ?? null, cron: e.cron ?? null, tz: e.tz, duration: e.duration ?? null, slugs: e.slugs, tags: e.tags });
    if (!valid.ok) return problems.push({ path: path(), message: valid.error });
    const existing = findWindowByName(db, projectId, e.name);
    if (existing && !existing.managed) return problems.push({ path: path("name"), message: `"${e.name}" is already used by a maintenance window created through the API` });
    if (existing) {
      updateWindow(db, existing.id, { ...valid.window, managed: true });
      declared.add(existing.id);
    } else {
      declared.add(insertWindow(db, { ...valid.window, projectId, managed: true }, now).id);
    }
    touched.add(projectId);
    return undefined;
  });
  if (problems.length > 0) return problems;
  for (const w of listManagedWindows(db)) {
    if (declared.has(w.id)) continue;
    touched.add(w.projectId);
    if (prune) deleteWindow(db, w.id);
    else {
      setWindowManaged(db, w.id, false);
      warn(`maintenance window "${w.name}" left the config file and is no longer managed`);
    }
  }
  // alerts held by a window that moved or went are looked at again on the notifier's next round
  for (const projectId of touched) pullEvaluations(db, { projectId }, now);
  return problems;
}

/** The loader's registry entry: `[[maintenance]]`, applied after checks. */
export const maintenanceKind: DeclaredKind<MaintenanceEntry> = {
  key: "maintenance",
  schema: maintenanceEntrySchema,
  apply: (ctx, entries) => {
    const projects = (slug: string): number | null => (ctx.db.query("SELECT id FROM projects WHERE slug = ?").get(slug) as { id: number } | null)?.id ?? null;
    return applyWindows(ctx.db, entries.map((e) => e.value), projects, ctx.now, ctx.file.prune, (m) => ctx.warn(m)).map((p) => ({
      ...p,
      path: p.path.replace(/^maintenance\[(\d+)\]/, (_, i: string) => `maintenance[${entries[Number(i)]?.index ?? i}]`),
    }));
  },
};
