// Keeps src/core pure (SPEC §1.4, STYLE): no I/O modules, no runtime globals, no ambient clock.
// The core's decisions must be reproducible from their arguments, with `now` passed in.
import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const CORE_DIR = join(import.meta.dir, "../../src/core");

/** Modules that are pure computation and may be imported by the core. */
const ALLOWED_PACKAGES = new Set(["zod"]);

interface Rule {
  readonly what: string;
  readonly pattern: RegExp;
}

const RULES: readonly Rule[] = [
  { what: "reads the clock (Date.now)", pattern: /\bDate\.now\s*\(/ },
  { what: "reads the clock (new Date())", pattern: /\bnew\s+Date\s*\(\s*\)/ },
  { what: "reads the clock (performance.now)", pattern: /\bperformance\.now\s*\(/ },
  { what: "touches the process", pattern: /\bprocess\./ },
  { what: "uses the Bun runtime", pattern: /\bBun\./ },
  { what: "schedules timers", pattern: /\b(setTimeout|setInterval|setImmediate|queueMicrotask)\s*\(/ },
  { what: "does network I/O", pattern: /\bfetch\s*\(/ },
  { what: "loads code dynamically", pattern: /\b(require|import)\s*\(/ },
];

// import ... from "x"; export ... from "x"; import "x"
const IMPORT_SPECIFIER = /(?:\bfrom\s*|\bimport\s*)["']([^"']+)["']/g;

/** Comments may mention what they forbid ("no Date.now"); only code counts. */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'])\/\/.*$/gm, "$1");
}

/** Every way a source file breaks the core's purity; empty when it is pure. */
function impurities(source: string): string[] {
  const code = stripComments(source);
  const found = RULES.filter((rule) => rule.pattern.test(code)).map((rule) => rule.what);
  for (const match of code.matchAll(IMPORT_SPECIFIER)) {
    const spec = match[1] ?? "";
    if (spec.startsWith("./") || spec.startsWith("../")) continue;
    const pkg = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
    if (!ALLOWED_PACKAGES.has(pkg ?? "")) found.push(`imports ${spec}`);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe("the purity detector", () => {
  test.each([
    { name: "flags a bun: import", source: `import { Database } from "bun:sqlite";` },
    { name: "flags a node:fs import", source: `import { readFileSync } from "node:fs";` },
    { name: "flags a bare net import", source: `import net from "net";` },
    { name: "flags a side-effect import of a node module", source: `import "node:crypto";` },
    { name: "flags a re-export from a node module", source: `export { join } from "node:path";` },
    { name: "flags Date.now", source: `const t = Date.now();` },
    { name: "flags new Date() without arguments", source: `const d = new Date( );` },
    { name: "flags process access", source: `const tz = process.env.TZ;` },
    { name: "flags setTimeout", source: `setTimeout(() => {}, 10);` },
    { name: "flags Bun globals", source: `Bun.file("x");` },
    { name: "flags dynamic imports", source: `const m = await import("node:fs");` },
    { name: "flags an unknown package", source: `import leftPad from "left-pad";` },
  ])("$name", (row) => {
    expect(impurities(row.source).length).toBeGreaterThan(0);
  });

  test.each([
    { name: "allows relative imports", source: `import type { CheckState } from "./types.ts";` },
    { name: "allows new Date with an instant", source: `const d = new Date(now);` },
    { name: "allows an allowed pure package", source: `import { z } from "zod";` },
    { name: "ignores forbidden words in comments", source: `// never call Date.now() here\n/* process.env */ const x = 1;` },
    { name: "keeps code after a URL in a string", source: `const u = "http://x"; const y = 2;` },
  ])("$name", (row) => {
    expect(impurities(row.source)).toEqual([]);
  });
});

describe("src/core", () => {
  const files = sourceFiles(CORE_DIR);

  test("has source files to check", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  test.each(files.map((path) => ({ file: relative(CORE_DIR, path), path })))(
    "$file is pure",
    ({ path }) => {
      expect(impurities(readFileSync(path, "utf8"))).toEqual([]);
    },
  );
});
