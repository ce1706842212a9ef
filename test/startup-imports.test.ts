// What the daemon loads before its first request (SPEC §11: idle memory ≤ 50 MB). Every module
// reached from src/main.ts by static imports is loaded and run at start; the parts below are
// reached only through import() on first use, and one stray static import would bring them (and
// their megabytes) back into every idle daemon.
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const SRC = join(import.meta.dir, "../src");
const transpiler = new Bun.Transpiler({ loader: "ts" });

/** The modules loaded at start: src/ files and packages, following static value imports only. */
function startupGraph(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>([entry]);
  const packages = new Map<string, string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    // scanImports leaves out `import type` and reports import() as "dynamic-import"
    for (const imp of transpiler.scanImports(readFileSync(file, "utf8"))) {
      if (imp.kind !== "import-statement") continue;
      if (!imp.path.startsWith(".")) {
        if (!packages.has(imp.path)) packages.set(imp.path, relative(SRC, file));
        continue;
      }
      const target = resolve(dirname(file), imp.path);
      if (!target.endsWith(".ts") || !existsSync(target) || files.has(target)) continue;
      files.add(target);
      todo.push(target);
    }
  }
  return { files, packages };
}

const graph = startupGraph(join(SRC, "main.ts"));

describe("the daemon's start", () => {
  test("reaches the serve command, the services and the ping path", () => {
    for (const part of ["cli/serve.ts", "services.ts", "http/ping-handler.ts", "ingest/batch-writer.ts", "notify/notifier.ts", "config.ts"]) {
      expect(graph.files.has(join(SRC, part))).toBe(true);
    }
  });

  test("loads the web part, mail, the config file's objects, alert sending and report bodies only on first use", () => {
    const lazy = [
      "web-services.ts",
      "ingest/smtp.ts",
      "config-file/load.ts",
      "notify/deliver.ts",
      "notify/planner.ts",
      "notify/registry.ts",
      "notify/destination.ts",
      "http/reporter-body.ts",
      "checks/rule-schema.ts",
    ];
    expect(lazy.filter((part) => graph.files.has(join(SRC, part)))).toEqual([]);
  });

  test("loads neither the full zod nor the packages and node modules it can do without", () => {
    // zod/mini parses the settings; node:crypto, node:dns and node:net cost megabytes each
    const heavy = ["zod", "nodemailer", "smtp-server", "mailparser", "cronstrue", "node:crypto", "node:dns/promises", "node:net", "node:stream"];
    const loaded = heavy.filter((p) => graph.packages.has(p)).map((p) => `${p} (from ${graph.packages.get(p)})`);
    expect(loaded).toEqual([]);
    expect(graph.packages.has("zod/mini")).toBe(true);
  });
});

describe("the web part, loaded with the first API, dashboard or status page request", () => {
  const web = startupGraph(join(SRC, "web-services.ts"));

  test("does without node:crypto, mail and the CLI's cron wording (SPEC §11: ≤ 60 MB once used)", () => {
    const heavy = ["node:crypto", "nodemailer", "smtp-server", "mailparser", "cronstrue"];
    expect(heavy.filter((p) => web.packages.has(p)).map((p) => `${p} (from ${web.packages.get(p)})`)).toEqual([]);
  });
});
