// Cronitor's telemetry form of the ping API (SPEC §5), request by request: state, message, metric,
// env, stamp, series, the /p/ alias, key normalisation, Basic auth and the project's ping_create.
import { describe, expect, test } from "bun:test";
import { aWorld, T0 } from "../support/world.ts";

const PK = "pingkeypingkey0001";
const basic = (user: string): Record<string, string> => ({ Authorization: `Basic ${btoa(`${user}:`)}` });

describe("state= names the event when the path names none", () => {
  test.each([
    { state: "run", kind: "start", status: "new" },
    { state: "complete", kind: "success", status: "up" },
    { state: "fail", kind: "fail", status: "down" },
    { state: "ok", kind: "success", status: "up" },
  ])("state=$state is stored as $kind and leaves the check $status", async ({ state, kind, status }) => {
    const w = aWorld();
    const check = w.addCheck({ slug: "job" });
    expect((await w.request(`/ping/${PK}/job?state=${state}`)).status).toBe(200);
    expect(w.pings(check).map((p) => p.kind)).toEqual([kind]);
    expect(w.reload(check).status).toBe(status);
  });

  test("the path's event wins over state", async () => {
    const w = aWorld();
    const check = w.addCheck();
    await w.request(`/ping/${check.uuid}/fail?state=complete`);
    expect(w.pings(check).map((p) => p.kind)).toEqual(["fail"]);
  });

  test("state=ok resets a down check silently, as /ok does", async () => {
    const w = aWorld();
    const check = w.addCheck({ slug: "job" });
    await w.request(`/ping/${PK}/job?state=fail`);
    // changes within a minute fold into one flip row: a later minute keeps them apart
    w.clock.set(T0 + 120_000);
    await w.request(`/ping/${PK}/job?state=ok`);
    expect(w.flips(check).map((f) => [f.new_status, f.reason, f.silent])).toEqual([["down", "fail", 0], ["up", "ok", 1]]);
  });

  test("an unknown state answers 400 and stores nothing", async () => {
    const w = aWorld();
    const check = w.addCheck({ slug: "job" });
    const res = await w.request(`/ping/${PK}/job?state=fial`);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe("invalid state: use run, complete, fail or ok");
    expect(w.pings(check)).toEqual([]);
  });

  test("a Cronitor-form ping without state is a success (a heartbeat)", async () => {
    const w = aWorld();
    const check = w.addCheck({ slug: "job" });
    await w.request(`/ping/${PK}/job?stamp=1767787200.5&host=web1`);
    expect(w.pings(check).map((p) => [p.kind, p.host])).toEqual([["success", "web1"]]);
  });
});

describe("message, metric and env", () => {
  test("message= is the ping's msg; msg= wins when both are given", async () => {
    const w = aWorld();
    const check = w.addCheck({ slug: "job" });
    await w.request(`/ping/${PK}/job?state=fail&message=Error%3A%20boom`);
    await w.request(`/ping/${PK}/job?msg=first&message=second`);
    expect(w.pings(check).map((p) => p.msg)).toEqual(["Error: boom", "first"]);
  });

  test("metric=duration:<s> is the run's duration, other metrics are stored, malformed ones dropped", async () => {
    const w = aWorld();
    const check = w.addCheck({ slug: "job" });
    const metrics = ["count:5", "duration:12.5", "error_count:0", "bad", ":3", "x:abc", "y:", `${"n".repeat(101)}:1`, "count:6"];
    await w.request(`/ping/${PK}/job?state=complete&${metrics.map((m) => `metric=${encodeURIComponent(m)}`).join("&")}`);
    const [ping] = w.pings(check);
    expect(ping!.duration).toBe(12.5);
    expect(JSON.parse(ping!.metrics!)).toEqual({ count: 6, error_count: 0 });
  });

  test("duration= wins over metric=duration", async () => {
    const w = aWorld();
    const check = w.addCheck({ slug: "job" });
    await w.request(`/ping/${PK}/job?state=complete&duration=3&metric=duration:12.5`);
    expect(w.pings(check)[0]!.duration).toBe(3);
  });

  test("a ping keeps at most 50 metrics, and a metric called __proto__ is an ordinary one", async () => {
    const w = aWorld();
    const check = w.addCheck({ slug: "job" });
    const many = Array.from({ length: 80 }, (_, i) => `metric=m${i}:${i}`).join("&");
    await w.request(`/ping/${PK}/job?metric=__proto__:1&${many}`);
    const stored = JSON.parse(w.pings(check)[0]!.metrics!) as Record<string, number>;
    expect(Object.keys(stored)).toHaveLength(50);
    expect(Object.hasOwn(stored, "__proto__")).toBe(true);
    expect(stored.m48).toBe(48);
    expect(stored.m49).toBeUndefined();
  });

  test("env= is stored and shown in the ping log", async () => {
    const w = aWorld();
    const check = w.addCheck({ slug: "job" });
    await w.request(`/ping/${PK}/job?state=complete&env=staging`);
    const res = await w.request(`/api/v3/checks/${check.uuid}/pings/`, { headers: { "X-Api-Key": w.keys.apiKey } });
    const { pings } = (await res.json()) as { pings: Record<string, unknown>[] };
    expect(pings[0]).toMatchObject({ type: "success", env: "staging" });
  });
});

describe("monitor keys", () => {
  test("with a Cronitor parameter a key with capitals and spaces pings the slug it normalises to", async () => {
    const w = aWorld();
    const check = w.addCheck({ slug: "nightly-backup" });
    expect((await w.request(`/ping/${PK}/Nightly%20Backup?state=run`)).status).toBe(200);
    expect((await w.request(`/ping/${PK}/NIGHTLY-BACKUP?stamp=1`)).status).toBe(200);
    expect(w.pings(check).map((p) => p.kind)).toEqual(["start", "success"]);
  });

  test("Basic auth alone makes a ping Cronitor-form", async () => {
    const w = aWorld();
    const check = w.addCheck({ slug: "nightlybackup" });
    expect((await w.request(`/ping/${PK}/NightlyBackup`, { headers: basic(PK) })).status).toBe(200);
    expect(w.pings(check)).toHaveLength(1);
  });

  test("without one, a key with capitals is still refused with 400 invalid url format", async () => {
    const w = aWorld();
    w.addCheck({ slug: "nightlybackup" });
    const res = await w.request(`/ping/${PK}/NightlyBackup?msg=x`);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe("invalid url format");
  });

  test("a key that leaves a slug over 100 characters answers 400", async () => {
    const w = aWorld();
    expect((await w.request(`/ping/${PK}/${"K".repeat(101)}?state=run&create=1`)).status).toBe(400);
  });

  test("/p/<ping_key>/<key> is an alias of the slug URL, event suffixes included", async () => {
    const w = aWorld();
    const check = w.addCheck({ slug: "db-backup" });
    expect((await w.request(`/p/${PK}/DB-Backup?state=run`)).status).toBe(200);
    expect((await w.request(`/p/${PK}/db-backup/fail`)).status).toBe(200);
    expect((await w.request(`/p/nosuchkeynosuchkey/db-backup`)).status).toBe(404);
    expect(w.pings(check).map((p) => p.kind)).toEqual(["start", "fail"]);
  });
});

describe("creating checks from slug URLs", () => {
  test("with ping_create every slug URL creates an unknown slug, named with the key as given", async () => {
    const w = aWorld();
    w.setProject({ pingCreate: true });
    const res = await w.request(`/ping/${PK}/Nightly%20Backup?state=run`);
    expect(res.status).toBe(201);
    expect(await res.text()).toBe("Created");
    const created = w.tx.getCheckBySlug(w.project.id, "nightly-backup")!;
    expect(created).toMatchObject({ name: "Nightly Backup", timeout: 86_400, grace: 3_600, created: T0 });
    expect((await w.request(`/ping/${PK}/plain-slug`)).status).toBe(201);
    expect(w.tx.getCheckBySlug(w.project.id, "plain-slug")?.name).toBe("plain-slug");
  });

  test("without ping_create an unknown key answers 404 unless the ping asks ?create=1", async () => {
    const w = aWorld();
    expect((await w.request(`/ping/${PK}/NewJob?state=run`)).status).toBe(404);
    expect(w.count("checks")).toBe(0);
    expect((await w.request(`/ping/${PK}/NewJob?state=run&create=1`)).status).toBe(201);
    expect(w.tx.getCheckBySlug(w.project.id, "newjob")?.name).toBe("NewJob");
  });

  test("ping_create still stops at the project's check limit", async () => {
    const w = aWorld();
    w.setProject({ pingCreate: true, checkLimit: 0 });
    expect((await w.request(`/ping/${PK}/another`)).status).toBe(403);
  });
});

describe("Basic auth as ping auth", () => {
  test("a ping_auth project takes the ping key as the Basic auth user on uuid URLs", async () => {
    const w = aWorld();
    const check = w.addCheck();
    w.setProject({ pingAuth: true });
    expect((await w.request(`/ping/${check.uuid}`, { headers: basic("wrongwrongwrong00") })).status).toBe(401);
    expect((await w.request(`/ping/${check.uuid}`, { headers: { Authorization: "Basic !!!" } })).status).toBe(401);
    expect((await w.request(`/ping/${check.uuid}`, { headers: basic(PK) })).status).toBe(200);
    expect(w.pings(check)).toHaveLength(1);
  });
});

describe("series pairs runs without rid", () => {
  test("two overlapping runs each get their own duration only when the series match", async () => {
    const w = aWorld();
    const check = w.addCheck({ slug: "job" });
    await w.request(`/ping/${PK}/job?state=run&series=a`);
    w.clock.set(T0 + 5_000);
    await w.request(`/ping/${PK}/job?state=complete&series=a`);
    w.clock.set(T0 + 10_000);
    await w.request(`/ping/${PK}/job?state=run&series=b`);
    w.clock.set(T0 + 12_000);
    await w.request(`/ping/${PK}/job?state=complete&series=c`);
    w.clock.set(T0 + 17_000);
    await w.request(`/ping/${PK}/job?state=complete&series=b`);
    expect(w.pings(check).map((p) => [p.kind, p.series, p.duration])).toEqual([
      ["start", "a", null],
      ["success", "a", 5],
      ["start", "b", null],
      ["success", "c", null],
      ["success", "b", 7],
    ]);
  });
});
