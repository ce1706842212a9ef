// Lists and pages read a fixed number of statements however many checks they show (SPEC §9, §11):
// counted through the store, never timed.
import { describe, expect, test } from "bun:test";
import { migratedStore } from "../support/db.ts";
import { aWorld } from "../support/world.ts";

const MIN = 60_000;

/** A world with `n` public checks that each went up, down and up again, with a maintenance window. */
async function worldWith(n: number) {
  const w = aWorld({ store: migratedStore(":memory:", { countStatements: true }) });
  const checks = Array.from({ length: n }, (_, i) => w.addCheck({ name: `job ${i}`, slug: `job-${i}`, public: true, group: i % 2 ? "odd" : "even" }));
  for (const suffix of ["", "/fail", ""]) {
    for (const c of checks) await w.request(`/ping/${c.uuid}${suffix}`);
    w.clock.advance(2 * MIN);
  }
  const start = w.clock.now() / 1000;
  const res = await w.request("/api/v3/maintenance/", {
    method: "POST",
    headers: { "X-Api-Key": w.keys.apiKey, "Content-Type": "application/json" },
    body: JSON.stringify({ start: start - 60, end: start + 3600, tags: ["none"], slugs: ["job-0"] }),
  });
  expect(res.status).toBe(201);
  /** statements one request executes, and its answer */
  const statementsOf = async (path: string, headers: Record<string, string> = {}) => {
    const before = w.store.statements();
    const answer = await w.request(path, { headers });
    const body = await answer.text();
    return { status: answer.status, statements: w.store.statements() - before, body };
  };
  return { ...w, checks, statementsOf };
}

describe("statements per request", () => {
  test.each([
    { name: "GET /api/v3/checks/", path: "/api/v3/checks/", auth: true },
    { name: "the status page", path: "/status", auth: false },
    { name: "the project's JSON feed", path: "/status/default/feed.json", auth: false },
    { name: "a tag badge of every check", path: "/badge/BADGE/*.json", auth: false },
  ])("$name executes as many statements for 50 checks as for 1", async ({ path, auth }) => {
    const one = await worldWith(1);
    const fifty = await worldWith(50);
    const headers = (w: typeof one): Record<string, string> => (auth ? { "X-Api-Key": w.keys.apiKey } : {});
    const pathOf = (w: typeof one) => path.replace("BADGE", w.tx.getProjectById(w.project.id)!.badgeKey);
    const a = await one.statementsOf(pathOf(one), headers(one));
    const b = await fifty.statementsOf(pathOf(fifty), headers(fifty));
    expect([a.status, b.status]).toEqual([200, 200]);
    // every check is shown, with its history
    if (!path.includes("badge")) expect(b.body).toContain("job 49");
    expect(b.statements).toBe(a.statements);
    expect(a.statements).toBeLessThanOrEqual(12);
  });
});
