import { describe, expect, test } from "bun:test";
import { T0 } from "../support/world.ts";
import { aReporterWorld, S } from "./support.ts";

describe("a reporter check with replica policy any", () => {
  test("goes down when one of two replicas stops, stays down while only the other reports, and recovers when it returns", async () => {
    const w = aReporterWorld();
    await w.replica("a");
    await w.replica("b");
    expect(w.reload(w.reporter)).toMatchObject({ status: "up", downAt: T0 + 90 * S });
    w.clock.set(T0 + 60 * S);
    await w.replica("b");
    // a is due at T0 + 60 s and late from T0 + 90 s (interval + grace)
    expect(w.reload(w.reporter).downAt).toBe(T0 + 90 * S);
    w.clock.set(T0 + 90 * S - 1);
    expect(w.services.scheduler.runDue()).toBe(0);
    w.clock.set(T0 + 90 * S);
    expect(w.services.scheduler.runDue()).toBe(1);
    expect(w.reload(w.reporter).status).toBe("down");
    w.clock.set(T0 + 120 * S);
    await w.replica("b");
    expect(w.reload(w.reporter).status).toBe("down");
    w.clock.set(T0 + 150 * S);
    await w.replica("a");
    expect(w.reload(w.reporter)).toMatchObject({ status: "up", downAt: T0 + 210 * S });
    expect(w.flips(w.reporter)).toEqual([
      { old_status: "new", new_status: "up", reason: "", silent: 1 },
      { old_status: "up", new_status: "down", reason: "timeout", silent: 0 },
      { old_status: "down", new_status: "up", reason: "", silent: 0 },
    ]);
  });

  test("stays down without a recovery while a replica is late, whatever ordinary pings arrive, and the scheduler has nothing to do", async () => {
    const w = aReporterWorld();
    await w.replica("a");
    await w.replica("b");
    w.clock.set(T0 + 60 * S);
    await w.replica("b");
    w.clock.set(T0 + 90 * S);
    expect(w.services.scheduler.runDue()).toBe(1);
    w.clock.set(T0 + 100 * S);
    for (const path of [`/ping/${w.reporter.uuid}`, `/ping/${w.reporter.uuid}?state=ok`]) expect((await w.request(path)).status).toBe(200);
    expect(w.reload(w.reporter)).toMatchObject({ status: "down", lastPing: T0 + 100 * S, downAt: null });
    expect(w.services.scheduler.runDue()).toBe(0);
    expect(w.flips(w.reporter).map((f) => f.new_status)).toEqual(["up", "down"]);
  });

  test("shows each replica with its own deadline in the check JSON, the late one marked", async () => {
    const w = aReporterWorld();
    await w.replica("a", 60);
    await w.replica("b", 300, { cpu: 0.5, ram: 0.25 });
    w.clock.set(T0 + 100 * S);
    const json = await w.checkJson();
    expect(json).toMatchObject({ kind: "reporter", replica_policy: "any", load_max: { cpu: null, ram: null }, sick: false, grace: 30, status: "down" });
    expect(json.timeout).toBeUndefined();
    expect(json.schedule).toBeUndefined();
    expect(json.replicas).toEqual([
      { replica_id: "a", last_report: "2026-01-15T12:00:00+00:00", interval: 60, next_report: "2026-01-15T12:01:00+00:00", late: true, sick: false, load: { cpu: 0.1, ram: 0.2 } },
      { replica_id: "b", last_report: "2026-01-15T12:00:00+00:00", interval: 300, next_report: "2026-01-15T12:05:00+00:00", late: false, sick: false, load: { cpu: 0.5, ram: 0.25 } },
    ]);
  });

  test("follows the interval each replica announces in each report", async () => {
    const w = aReporterWorld();
    await w.replica("a", 60);
    expect(w.reload(w.reporter).downAt).toBe(T0 + 90 * S);
    await w.replica("a", 600);
    expect(w.reload(w.reporter).downAt).toBe(T0 + 630 * S);
  });
});

describe("a reporter check with replica policy all", () => {
  test("stays up while any replica reports and goes down only when the last one falls silent", async () => {
    const w = aReporterWorld({ replicaPolicy: "all" });
    await w.replica("a");
    await w.replica("b");
    for (const t of [60, 120, 180]) {
      w.clock.set(T0 + t * S);
      await w.replica("b");
      expect(w.services.scheduler.runDue()).toBe(0);
    }
    expect(w.reload(w.reporter)).toMatchObject({ status: "up", downAt: T0 + 270 * S });
    w.clock.set(T0 + 270 * S);
    expect(w.services.scheduler.runDue()).toBe(1);
    expect(w.reload(w.reporter).status).toBe("down");
    w.clock.set(T0 + 300 * S);
    await w.replica("a");
    expect(w.reload(w.reporter).status).toBe("up");
  });

  test("changing the policy through the API moves the deadline at once", async () => {
    const w = aReporterWorld({ replicaPolicy: "all" });
    await w.replica("a", 60);
    await w.replica("b", 600);
    expect(w.reload(w.reporter).downAt).toBe(T0 + 630 * S);
    const res = await w.request(`/api/v3/checks/${w.reporter.uuid}`, { method: "POST", headers: { "X-Api-Key": w.keys.apiKey }, body: JSON.stringify({ replica_policy: "any" }) });
    expect(res.status).toBe(200);
    expect(w.reload(w.reporter)).toMatchObject({ replicaPolicy: "any", replicasDue: T0 + 60 * S, downAt: T0 + 90 * S });
  });
});

describe("load thresholds", () => {
  test("load above load_max shows the check sick in the API and overloaded on the status page, without a flip", async () => {
    const w = aReporterWorld({ loadMaxCpu: 1, loadMaxRam: 0.9, public: true });
    await w.replica("a", 60, { cpu: 0.5, ram: 0.5 });
    await w.replica("b", 60, { cpu: 1.5, ram: 0.5 });
    const json = await w.checkJson();
    expect(json).toMatchObject({ status: "up", sick: true, load_max: { cpu: 1, ram: 0.9 } });
    expect((json.replicas as { replica_id: string; sick: boolean }[]).map((r) => [r.replica_id, r.sick])).toEqual([["a", false], ["b", true]]);
    const page = await (await w.request("/status")).text();
    expect(page).toContain("state-overloaded");
    expect(page).toContain("banner-degraded");
    expect(w.flips(w.reporter)).toEqual([{ old_status: "new", new_status: "up", reason: "", silent: 1 }]);
    await w.replica("b", 60, { cpu: 0.2, ram: 0.5 });
    expect(await w.checkJson()).toMatchObject({ sick: false });
    expect(await (await w.request("/status")).text()).not.toContain("state-overloaded");
  });

  test("the check list shows sick and replicas too", async () => {
    const w = aReporterWorld({ loadMaxRam: 0.5 });
    await w.replica("a", 60, { cpu: 0, ram: 0.75 });
    w.addCheck({ slug: "backup", timeout: 60 });
    const list = (await (await w.request("/api/v3/checks/", { headers: { "X-Api-Key": w.keys.apiKey } })).json()) as { checks: Record<string, unknown>[] };
    expect(list.checks.map((c) => [c.slug, c.kind, c.sick, (c.replicas as unknown[] | undefined)?.length])).toEqual([
      ["api", "reporter", true, 1],
      ["backup", undefined, undefined, undefined],
    ]);
  });
});

describe("forgetting silent replicas", () => {
  test("a replica silent for 7 days is forgotten and the check re-evaluated without a flip", async () => {
    const w = aReporterWorld({ replicaPolicy: "all" });
    await w.replica("gone");
    w.clock.set(T0 + 86_400 * S);
    await w.replica("kept", 60);
    const flipsBefore = w.flips(w.reporter);
    w.clock.set(T0 + 7 * 86_400 * S + 1);
    await w.replica("kept", 60);
    await w.services.housekeeping.run("forget-replicas");
    expect(w.rows("replicas").map((r) => r.replica_id)).toEqual(["kept"]);
    expect(w.flips(w.reporter)).toEqual(flipsBefore);
    expect(w.reload(w.reporter)).toMatchObject({ status: "up", replicasDue: w.clock.now() + 60 * S, downAt: w.clock.now() + 90 * S });
  });

  test("forgetting the late replica of a down check leaves it down until the next report", async () => {
    const w = aReporterWorld();
    await w.replica("gone");
    await w.replica("kept", 86_400);
    w.clock.set(T0 + 90 * S);
    w.services.scheduler.runDue();
    expect(w.reload(w.reporter).status).toBe("down");
    w.clock.set(T0 + 6 * 86_400 * S);
    await w.replica("kept", 86_400);
    expect(w.reload(w.reporter).status).toBe("down");
    w.clock.set(T0 + 7 * 86_400 * S + 1);
    await w.services.housekeeping.run("forget-replicas");
    expect(w.rows("replicas").map((r) => r.replica_id)).toEqual(["kept"]);
    expect(w.reload(w.reporter)).toMatchObject({ status: "down", replicasDue: T0 + 7 * 86_400 * S });
    expect(w.flips(w.reporter).map((f) => f.new_status)).toEqual(["up", "down"]);
    await w.replica("kept", 86_400);
    expect(w.reload(w.reporter).status).toBe("up");
  });
});
