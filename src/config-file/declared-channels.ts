// `[[channels]]` in tocsin.toml (SPEC §2 "monitoring as code", §8). The only way to declare the
// `shell` kind. Example:
//
//   [[channels]]
//   name = "ops-mail"            # key: unique per project; checks refer to channels by it
//   project = "default"          # project slug, default "default"
//   kind = "email"
//   settings = { to = ["ops@example.com"] }
//
// Contract for the config-file loader:
// - `channelEntrySchema` validates one entry (strict: misspelt keys are reported);
// - `applyDeclaredChannels(db, entries, projectIdBySlug, now, { prune })` runs inside the
//   reload's write transaction. It upserts by (project, name) and marks the channel managed
//   (id and check assignments survive reloads), refuses a name taken by an API-created channel,
//   and releases (or, with prune, deletes) managed channels no longer declared. It returns every
//   problem as "channels[i].field: message" (any error should roll the reload back) and warnings.
// - `channelsKind` adapts it to the loader's DeclaredKind registry (src/config-file/registry.ts).
import type { Database } from "bun:sqlite";
import { z } from "zod";
import { CHANNEL_KINDS, type ChannelKind, parseSettings } from "../notify/registry.ts";
import { deleteChannel, findChannelByName, insertChannel, listManagedChannels, setChannelManaged, updateChannel } from "../store/channels.ts";
import type { DeclaredKind, Problem } from "./registry.ts";

export const channelEntrySchema = z.strictObject({
  name: z.string().min(1).max(100),
  project: z.string().min(1).max(100).default("default"),
  kind: z.enum(CHANNEL_KINDS as [ChannelKind, ...ChannelKind[]]),
  settings: z.record(z.string(), z.unknown()).default({}),
});
export type ChannelEntry = z.output<typeof channelEntrySchema>;

export type ProjectLookup = ReadonlyMap<string, number> | ((slug: string) => number | null | undefined);

export interface ApplyResult {
  readonly errors: string[];
  readonly warnings: string[];
}

export function lookupProject(projects: ProjectLookup, slug: string): number | null {
  return (typeof projects === "function" ? projects(slug) : projects.get(slug)) ?? null;
}

export function applyDeclaredChannels(db: Database, entries: readonly ChannelEntry[], projectIdBySlug: ProjectLookup, now: number, opts: { prune?: boolean } = {}): ApplyResult {
  const warnings: string[] = [];
  const problems = applyChannels(db, entries, projectIdBySlug, now, opts.prune ?? false, (w) => warnings.push(w));
  return { errors: problems.map((p) => `${p.path}: ${p.message}`), warnings };
}

function applyChannels(db: Database, entries: readonly ChannelEntry[], projects: ProjectLookup, now: number, prune: boolean, warn: (m: string) => void): Problem[] {
  const problems: Problem[] = [];
  const declared = new Set<string>();
  const seen = new Map<string, number>();
  entries.forEach((e, i) => {
    const path = (field?: string): string => `channels[${i}]${field ? `.${field}` : ""}`;
    const projectId = lookupProject(projects, e.project);
    if (projectId === null) return problems.push({ path: path("project"), message: `unknown project "${e.project}"` });
    const key = `${projectId}\n${e.name}`;
    const first = seen.get(key);
    if (first !== undefined) return problems.push({ path: path("name"), message: `"${e.name}" is already declared by channels[${first}]` });
    seen.set(key, i);
    const settings = parseSettings(e.kind, e.settings);
    if (!settings.ok) return problems.push({ path: path(settings.field), message: settings.message });
    const existing = findChannelByName(db, projectId, e.name);
    if (existing && !existing.managed) return problems.push({ path: path("name"), message: `"${e.name}" is already used by a channel created through the API` });
    if (existing) {
      updateChannel(db, existing.id, { name: e.name, kind: e.kind, settings: settings.settings, managed: true });
      declared.add(existing.id);
    } else {
      const id = crypto.randomUUID();
      insertChannel(db, { id, projectId, name: e.name, kind: e.kind, settings: settings.settings, managed: true, created: now });
      declared.add(id);
    }
    return undefined;
  });
  if (problems.length > 0) return problems;
  for (const c of listManagedChannels(db)) {
    if (declared.has(c.id)) continue;
    if (prune) deleteChannel(db, c.id);
    else {
      setChannelManaged(db, c.id, false);
      warn(`channel "${c.name}" left the config file and is no longer managed`);
    }
  }
  return problems;
}

/** The loader's registry entry: `[[channels]]`, applied after projects and before checks. */
export const channelsKind: DeclaredKind<ChannelEntry> = {
  key: "channels",
  schema: channelEntrySchema,
  apply: (ctx, entries) => {
    const projects = (slug: string): number | null => (ctx.db.query("SELECT id FROM projects WHERE slug = ?").get(slug) as { id: number } | null)?.id ?? null;
    return applyChannels(ctx.db, entries.map((e) => e.value), projects, ctx.now, ctx.file.prune, (m) => ctx.warn(m)).map((p) => ({
      ...p,
      path: p.path.replace(/^channels\[(\d+)\]/, (_, i: string) => `channels[${entries[Number(i)]?.index ?? i}]`),
    }));
  },
};
