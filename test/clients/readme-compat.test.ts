// The README's compatibility table names, for each client, the tests that prove what works.
import { expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");

test("every test the README's compatibility table names exists", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf("\n## Compatibility\n");
  expect(start).toBeGreaterThan(-1);
  const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
  const rows = section.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| client") && !l.startsWith("|---"));
  expect(rows.length).toBeGreaterThanOrEqual(10);
  for (const row of rows) {
    const tests = [...row.matchAll(/`(test\/[^`]+\.test\.ts)`/g)].map((m) => m[1]!);
    expect({ row: row.slice(0, 40), tests: tests.length > 0 }).toEqual({ row: row.slice(0, 40), tests: true });
    for (const t of tests) expect({ t, exists: existsSync(join(ROOT, t)) }).toEqual({ t, exists: true });
  }
});
