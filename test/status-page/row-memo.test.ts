// A page rendered with a row memo is the page rendered without one, whatever changed in between.
import { describe, expect, test } from "bun:test";
import { renderProjectPage, RowMemo } from "../../src/status-page/render.ts";
import { aProjectPage, aPublicCheck, days, NOW } from "./fixtures.ts";

const checks = (change: Partial<Parameters<typeof aPublicCheck>[0]> = {}) => [
  aPublicCheck({ name: "Backup", slug: "backup", historyKey: "h-backup-1" }),
  aPublicCheck({ name: "Reports", slug: "reports", historyKey: "h-reports-1", ...change }),
];

describe("a row memo", () => {
  test.each([
    { name: "nothing changed", change: {} },
    { name: "a check's status changed", change: { status: "down" as const } },
    { name: "a check ran again", change: { lastRun: { at: NOW - 1_000, durationMs: 9_000 } } },
    { name: "a check's history changed (a new key)", change: { history: days((i) => (i === 89 ? { uptime: 50, downtimeMs: 3_600_000 } : {})), historyKey: "h-reports-2" } },
    { name: "a check was renamed", change: { name: "Monthly reports" } },
  ])("gives the page rendered without it when $name", ({ change }) => {
    const memo = new RowMemo();
    const before = aProjectPage({ groups: [{ name: "Jobs", checks: checks() }] });
    expect(renderProjectPage(before, memo)).toBe(renderProjectPage(before));
    const after = aProjectPage({ groups: [{ name: "Jobs", checks: checks(change) }], theme: "dark" });
    expect(renderProjectPage(after, memo)).toBe(renderProjectPage(after));
    const again = aProjectPage({ groups: [{ name: "Jobs", checks: checks(change) }] });
    expect(renderProjectPage(again, memo)).toBe(renderProjectPage(again));
  });

  test("keeps no more markup than it is allowed", () => {
    const memo = new RowMemo(30_000);
    for (let i = 0; i < 20; i++) {
      const page = aProjectPage({ groups: [{ name: "Jobs", checks: [aPublicCheck({ name: `job ${i}`, historyKey: `h${i}` })] }] });
      expect(renderProjectPage(page, memo)).toBe(renderProjectPage(page));
    }
    expect(memo.chars).toBeGreaterThan(0);
    expect(memo.chars).toBeLessThanOrEqual(30_000);
  });
});
