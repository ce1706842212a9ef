// Answers that read maintenance windows stay bounded in work (SPEC §11): a listing of windows,
// and lists of checks, whose uptime leaves maintenance out.
import { describe, expect, test } from "bun:test";
import { RANGE_CALLS, workMeter, type WorkMeter } from "../../src/core/maintenance.ts";
import { projectChecks } from "../../src/views/check-summaries.ts";
import { anApi } from "../checks/api.ts";

const H = 3_600_000;

test("GET /api/v3/maintenance/ lists a 30-day window opening every second as active, with the occurrence in force", async () => {
  const a = anApi();
  expect((await a.call("POST", "/api/v3/maintenance/", { cron: "* * * * * *", duration: 2_592_000, slugs: ["*"] })).status).toBe(201);
  a.clock.advance(90_000);
  const { status, json } = await a.call("GET", "/api/v3/maintenance/");
  expect(status).toBe(200);
  const [w] = json.maintenance;
  expect(w.active).toBe(true);
  expect(Date.parse(w.next.start)).toBeLessThanOrEqual(a.clock.now());
  expect(Date.parse(w.next.end)).toBeGreaterThan(a.clock.now());
});

describe("lists of checks share the maintenance arithmetic", () => {
  async function listUnder(checks: number) {
    const a = anApi();
    await a.call("POST", "/api/v3/maintenance/", { cron: "*/2 * * * *", duration: 60, slugs: ["*"] });
    await a.call("POST", "/api/v3/maintenance/", { cron: "0 * * * *", duration: 1_800, tags: ["db"] });
    a.store.write(() => {
      for (let i = 0; i < checks; i++) a.addCheck({ name: `c${i}`, slug: `c${i}`, tags: i % 10 === 0 ? "db" : "" });
    });
    // an hour later: the checks' uptime covers time the windows were open in
    a.clock.advance(3_600_000);
    const meters: WorkMeter[] = [];
    const newMeter = (): WorkMeter => {
      const m = workMeter(RANGE_CALLS);
      meters.push(m);
      return m;
    };
    const list = a.store.read((tx) => projectChecks(tx, a.project.id, a.clock.now(), {}, newMeter));
    return { list, meters };
  }

  test("200 checks under two windows cost one computation per selection of windows, not one per check", async () => {
    const many = await listUnder(200);
    expect(many.list).toHaveLength(200);
    // two selections: the project-wide window alone, and both windows (checks tagged db)
    expect(many.meters).toHaveLength(2);
    // each window's search may finish the lookups it started when the budget ran out
    for (const m of many.meters) expect(m.calls).toBeLessThanOrEqual(RANGE_CALLS + 2 * 2);
  });

  test("checks under different windows keep their own exclusions", async () => {
    const a = anApi();
    const db = await a.create({ name: "db", slug: "db", tags: "db", timeout: 86_400 });
    const web = await a.create({ name: "web", slug: "web", timeout: 86_400 });
    await a.request(`/ping/${db.uuid}`);
    await a.request(`/ping/${web.uuid}`);
    const t0 = a.clock.now() / 1000;
    await a.call("POST", "/api/v3/maintenance/", { start: t0, end: t0 + 7_200, tags: ["db"] });
    // both are down for an hour, inside the window that selects only db
    await a.request(`/ping/${db.uuid}/fail`);
    await a.request(`/ping/${web.uuid}/fail`);
    a.clock.advance(H);
    await a.request(`/ping/${db.uuid}`);
    await a.request(`/ping/${web.uuid}`);
    a.clock.advance(3 * H);
    const { json } = await a.call("GET", "/api/v3/checks/");
    const uptime = Object.fromEntries(json.checks.map((c: { slug: string; uptime: Record<string, number> }) => [c.slug, c.uptime["1d"]]));
    expect(uptime.db).toBe(100);
    expect(uptime.web).toBe(75);
  });
});
