// `tocsin projects add|ls|rotate-keys`: projects in the local database (SPEC §10). API keys are
// printed once and only their digests are stored. A running daemon on the same data directory
// notices the write within a second and reloads its projects (ping keys, slug URLs).
import type { Store } from "../store/store.ts";
import { PROJECT_SLUG } from "../config-file/projects.ts";

import { type CommandIo, EXIT_USAGE } from "./io.ts";
import { parseServerCommand, withDataDir } from "./server-config.ts";

const USAGE = `Usage: tocsin projects <add|ls|rotate-keys> [options]

  projects add <slug> [--name NAME]   create a project and print its keys (shown once)
  projects ls                         list projects
  projects rotate-keys <slug>         new read-write, read-only and ping keys and reporter token (shown once)

Works on the local database (--data-dir). A running daemon on it sees the change
within a second.

example: tocsin projects add ops --name Operations --data-dir /var/lib/tocsin`;

const RELOAD_HINT = "A running daemon on this data directory picks this up within a second.";

export async function runProjects(io: CommandIo): Promise<number> {
  const named = takeOption(io.args, "name");
  if (!named.ok) {
    io.err(`tocsin projects: ${named.error}`);
    return EXIT_USAGE;
  }
  const parsed = parseServerCommand({ ...io, args: named.rest }, USAGE);
  if (parsed.kind === "exit") return parsed.status;
  const [sub, slug, ...extra] = parsed.positionals;
  const wantsSlug = sub === "add" || sub === "rotate-keys";
  if (sub === undefined || extra.length > 0 || (wantsSlug && slug === undefined) || (!wantsSlug && slug !== undefined) || (named.value !== undefined && sub !== "add")) {
    io.err(USAGE);
    return EXIT_USAGE;
  }
  if (!["add", "ls", "rotate-keys"].includes(sub)) {
    io.err(`tocsin projects: unknown sub-command "${sub}"\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (slug !== undefined && !PROJECT_SLUG.test(slug)) {
    io.err(`tocsin projects: invalid slug "${slug}": use 1-100 characters of a-z 0-9 _ -`);
    return EXIT_USAGE;
  }
  return withDataDir(io, parsed.config, (store) => {
    if (sub === "ls") return list(io, store);
    if (sub === "add") return add(io, store, slug!, named.value ?? slug!);
    return rotate(io, store, slug!);
  });
}

function add(io: CommandIo, store: Store, slug: string, name: string): number {
  if (name.length > 100) {
    io.err("tocsin projects: --name is longer than 100 characters");
    return EXIT_USAGE;
  }
  const created = store.write((tx) => (tx.findProjectBySlug(slug) ? null : tx.createProject(slug, name, io.now())));
  if (!created) {
    io.err(`tocsin projects: project "${slug}" already exists`);
    return 1;
  }
  io.out(`Created project "${slug}". These keys are shown only once:`);
  io.out(`  API key (read-write): ${created.apiKey}`);
  io.out(`  API key (read-only):  ${created.apiKeyReadOnly}`);
  io.out(`  Ping key:             ${created.project.pingKey}`);
  io.out(`  Reporter token:       ${created.reporterToken}`);
  io.out(RELOAD_HINT);
  return 0;
}

function list(io: CommandIo, store: Store): number {
  const { counts, projects } = store.read((tx) => ({ counts: tx.checkCountsByProject(), projects: tx.listProjects() }));
  const rows = projects.map((p) => [p.slug, p.name, String(counts.get(p.id) ?? 0), String(p.checkLimit), p.pingAuth ? "yes" : "no", p.managed ? "config file" : ""]);
  const header = ["SLUG", "NAME", "CHECKS", "LIMIT", "PING AUTH", "MANAGED BY"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [header, ...rows]) io.out(r.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd());
  return 0;
}

function rotate(io: CommandIo, store: Store, slug: string): number {
  const project = store.read((tx) => tx.findProjectBySlug(slug));
  if (!project) {
    io.err(`tocsin projects: no project "${slug}"`);
    return 1;
  }
  const keys = store.write((tx) => tx.rotateProjectKeys(project.id));
  io.out(`New keys of project "${slug}". The old API keys, ping key and reporter token stop working now. Shown only once:`);
  io.out(`  API key (read-write): ${keys.apiKey}`);
  io.out(`  API key (read-only):  ${keys.apiKeyReadOnly}`);
  io.out(`  Ping key:             ${keys.pingKey}`);
  io.out(`  Reporter token:       ${keys.reporterToken}`);
  if (project.managed) io.out("Note: this project is declared in the config file; keys it pins (api_key_sha256, ping_key) win at the next reload.");
  io.out(RELOAD_HINT);
  return 0;
}

type Taken = { ok: true; value: string | undefined; rest: string[] } | { ok: false; error: string };

/** Removes `--name V` / `--name=V` from the arguments (the server options parser does not know it). */
function takeOption(args: readonly string[], name: string): Taken {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === `--${name}`) {
      const next = args[i + 1];
      if (next === undefined) return { ok: false, error: `--${name} needs a value` };
      value = next;
      i++;
    } else if (a.startsWith(`--${name}=`)) value = a.slice(name.length + 3);
    else rest.push(a);
  }
  return { ok: true, value, rest };
}
