// The import rules of docs/ARCHITECTURE.md, enforced: which folder of src/ may import which, and
// that the SQLite handle never leaves src/store/. A new folder must be placed in LAYERS.
import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

const SRC = join(import.meta.dir, "../src");

/**
 * What each top-level part of src/ may import besides itself. Lower layers never import higher
 * ones; `import type` follows the same rules.
 */
const LAYERS: Readonly<Record<string, readonly string[]>> = {
  core: [],
  auth: [],
  assets: [],
  log: [],
  config: ["core"],
  store: ["core", "auth", "assets"],
  live: ["store", "core"],
  ingest: ["core", "store", "live", "log"],
  scheduler: ["core", "store", "live", "ingest", "log"],
  checks: ["core", "store", "live", "ingest", "auth"],
  sessions: ["core", "store", "auth"],
  web: ["core"],
  notify: ["core", "store", "live", "log", "web", "checks"],
  views: ["core", "store", "checks"],
  housekeeping: ["log"],
  "status-page": ["core", "web", "views"],
  http: ["core", "store", "live", "ingest", "checks", "sessions", "notify", "views", "web", "status-page", "log", "auth", "assets"],
  dashboard: ["core", "store", "live", "checks", "notify", "views", "web", "http", "sessions", "log"],
  "config-file": ["core", "store", "live", "checks", "notify", "config", "log", "auth"],
  services: ["core", "store", "live", "ingest", "scheduler", "checks", "notify", "views", "http", "housekeeping", "config", "log", "web-services"],
  "web-services": ["core", "store", "live", "scheduler", "notify", "http", "dashboard", "services", "log"],
  daemon: ["core", "store", "live", "ingest", "scheduler", "services", "sessions", "config", "config-file", "log", "assets"],
  cli: ["core", "store", "checks", "sessions", "config", "config-file", "daemon", "http", "log", "auth"],
  main: ["cli"],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith(".ts") ? [path] : [];
  });
}

/** The top-level part of src/ a path belongs to: `store` for src/store/x.ts, `daemon` for src/daemon.ts. */
function partOf(path: string): string {
  const rel = relative(SRC, path).split("/");
  return rel.length > 1 ? rel[0]! : rel[0]!.replace(/\.ts$/, "");
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g;

interface Edge {
  readonly file: string;
  readonly target: string;
}

function importsOf(file: string): Edge[] {
  const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'])\/\/.*$/gm, "$1");
  return [...code.matchAll(IMPORT)].map((m) => ({ file, target: m[1]! }));
}

const files = sourceFiles(SRC);
const edges = files.flatMap(importsOf);

describe("the architecture", () => {
  test("places every part of src/ in a layer", () => {
    const parts = [...new Set(files.map(partOf))].sort();
    expect(parts.filter((p) => !(p in LAYERS))).toEqual([]);
  });

  test("lets only src/store/ import bun:sqlite", () => {
    const offenders = edges.filter((e) => e.target === "bun:sqlite" && partOf(e.file) !== "store").map((e) => relative(SRC, e.file));
    expect(offenders).toEqual([]);
  });

  test("keeps every import inside the directions of docs/ARCHITECTURE.md", () => {
    const wrong: string[] = [];
    for (const e of edges) {
      if (!e.target.startsWith(".")) continue;
      const resolved = normalize(join(dirname(e.file), e.target));
      if (!resolved.startsWith(SRC)) continue;
      const from = partOf(e.file);
      const to = partOf(resolved);
      if (from !== to && !(LAYERS[from] ?? []).includes(to)) wrong.push(`${relative(SRC, e.file)} imports ${relative(SRC, resolved)} (${from} → ${to})`);
    }
    expect(wrong).toEqual([]);
  });

  test("the rules above match docs/ARCHITECTURE.md", () => {
    const doc = readFileSync(join(import.meta.dir, "../docs/ARCHITECTURE.md"), "utf8");
    for (const [part, allowed] of Object.entries(LAYERS)) {
      const row = new RegExp(`^\\| \`${part}\` \\| ([^|]*) \\|`, "m").exec(doc);
      expect({ part, row: row?.[1]?.trim() ?? null }).toEqual({ part, row: allowed.length === 0 ? "—" : allowed.map((a) => `\`${a}\``).join(", ") });
    }
  });
});
