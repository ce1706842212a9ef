// Status history as it is written (SPEC §3, §9): flips folded while a check flaps, uptime buckets
// added for every change, the open segment flushed and old history pruned by housekeeping.
// Real pings through the HTTP path, the real scheduler and housekeeping, a settable clock.
import { describe, expect, test } from "bun:test";
import type { CheckStatus } from "../../src/core/types.ts";
import { bucketStart, RETENTION_MS } from "../../src/core/uptime-buckets.ts";
import { uptimeWindows } from "../../src/core/uptime.ts";
import { anApi } from "../checks/api.ts";
import { T0 } from "../support/world.ts";

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;

async function uptimeOf(a: ReturnType<typeof anApi>, uuid: string) {
  return (await a.call("GET", `/api/v3/checks/${uuid}`)).json.uptime as Record<string, number | null>;
}

describe("uptime buckets", () => {
  test("hold every change of a flapping check: the API's uptime equals an exact replay of the changes", async () => {
    const a = anApi();
    const c = await a.create({ timeout: 3600, grace: 3600 });
    const changes: { created: number; oldStatus: CheckStatus; newStatus: CheckStatus }[] = [];
    let status: CheckStatus = "new";
    // irregular gaps from 40 ms to 7 minutes: some changes fold into rows, some start new ones,
    // some segments cross 15-minute buckets
    const gaps = [40, 7 * MIN, 900, 3 * MIN, 15_000, 250, 61_000, 11 * MIN, 1_500, 44_000];
    for (let i = 0; i < 60; i++) {
      a.clock.advance(gaps[i % gaps.length]!);
      const fail: boolean = status === "up";
      await a.request(`/ping/${c.uuid}${fail ? "/fail" : ""}`);
      const next: CheckStatus = fail ? "down" : "up";
      changes.push({ created: a.clock.now(), oldStatus: status, newStatus: next });
      status = next;
    }
    a.clock.advance(20 * MIN);
    const rows = a.tx.listFlips(a.rows("checks")[0]!.id as number);
    expect(rows.reduce((n, r) => n + r.changes, 0)).toBe(60);
    expect(rows.length).toBeLessThan(60);
    // every window starts before the check was created: no bucket is split at an edge
    expect(await uptimeOf(a, c.uuid)).toEqual(uptimeWindows({ since: T0, status, flips: changes }, a.clock.now()));
  });

  test("a down flip the scheduler stamps at its deadline counts down from the deadline, not from when it was noticed", async () => {
    const a = anApi();
    const c = await a.create({ timeout: 60, grace: 0 });
    await a.request(`/ping/${c.uuid}`);
    a.clock.advance(10 * MIN);
    expect(a.services.scheduler.runDue()).toBe(1);
    expect(a.tx.listFlips(a.rows("checks")[0]!.id as number).at(-1)).toMatchObject({ newStatus: "down", created: T0 + MIN });
    // up 1 min, then down for 9: the minute and a half the scheduler slept are downtime too
    expect((await uptimeOf(a, c.uuid))["1d"]).toBe(10);
    a.clock.advance(10 * MIN);
    expect((await uptimeOf(a, c.uuid))["1d"]).toBe(5);
  });

  test("count a maintenance window as it stood: deleting it afterwards does not turn its time into downtime", async () => {
    const a = anApi();
    const c = await a.create({ slug: "db", timeout: 86_400, grace: 3600 });
    const window = await a.call("POST", "/api/v3/maintenance/", { start: (T0 + H) / 1000, end: (T0 + 2 * H) / 1000, slugs: ["db"] });
    expect(window.status).toBe(201);
    await a.request(`/ping/${c.uuid}`); // up at 12:00
    a.clock.set(T0 + H);
    await a.request(`/ping/${c.uuid}/fail`); // down at 13:00, in maintenance until 14:00
    a.clock.set(T0 + 3 * H);
    await a.request(`/ping/${c.uuid}`); // up at 15:00
    a.clock.set(T0 + 4 * H);
    // up 12-13, excluded 13-14, down 14-15, up 15-16
    expect((await uptimeOf(a, c.uuid))["1d"]).toBe(66.6666);
    expect((await a.call("DELETE", `/api/v3/maintenance/${window.json.id}`)).status).toBe(200);
    expect((await uptimeOf(a, c.uuid))["1d"]).toBe(66.6666);
  });

  test("a status held for days is written to buckets by housekeeping, so the change that ends it writes few", async () => {
    const a = anApi();
    const c = await a.create({ timeout: 30 * 86_400, grace: 3600 });
    await a.request(`/ping/${c.uuid}`);
    a.clock.advance(3 * D + 5 * MIN);
    const before = await uptimeOf(a, c.uuid);
    expect(a.count("uptime_buckets")).toBe(0);
    await a.services.housekeeping.run("uptime-history");
    // three days and the part of the current bucket up to its start: 3 · 96 buckets
    expect(a.count("uptime_buckets")).toBe(3 * 96);
    expect(await uptimeOf(a, c.uuid)).toEqual(before);
    await a.request(`/ping/${c.uuid}/fail`);
    expect(a.count("uptime_buckets")).toBe(3 * 96 + 1);
    a.clock.advance(H);
    expect((await uptimeOf(a, c.uuid))["1d"]).toBe(95.8333); // 23 of the last 24 hours up
  });
});

describe("retention", () => {
  test("housekeeping drops flips older than 400 days, keeping each check's newest, and buckets as old", async () => {
    const a = anApi();
    const flapper = await a.create({ name: "monthly", timeout: 31_536_000, grace: 3600 });
    const quiet = await a.create({ name: "quiet", timeout: 31_536_000, grace: 3600 }); // the scheduler is not running: it stays up
    await a.request(`/ping/${quiet.uuid}`); // its only flip, soon far older than 400 days
    for (let day = 0; day <= 500; day += 10) {
      a.clock.set(T0 + day * D);
      await a.request(`/ping/${flapper.uuid}${(day / 10) % 2 === 1 ? "/fail" : ""}`);
    }
    const now = a.clock.now();
    const idOf = (name: string) => a.rows("checks").find((r) => r.name === name)!.id as number;
    expect(a.tx.listFlips(idOf("monthly"))).toHaveLength(51);
    await a.services.housekeeping.run("uptime-history");
    const kept = a.tx.listFlips(idOf("monthly"));
    expect(kept.length).toBe(41); // days 100, 110 ... 500
    expect(kept.every((f) => f.created >= now - RETENTION_MS)).toBe(true);
    expect(a.tx.listFlips(idOf("quiet"))).toHaveLength(1);
    const starts = a.rows("uptime_buckets").map((b) => b.start as number);
    expect(starts.length).toBeGreaterThan(0);
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(bucketStart(now - RETENTION_MS));
    // the last 90 days (410-500) are intact: down 410-420, 430-440 ... 490-500
    expect((await a.call("GET", `/api/v3/checks/${flapper.uuid}`)).json.uptime["90d"]).toBe(44.4444);
  });
});
