// StatusRooster's management API for heartbeat monitors (SPEC §5.1): the seed's own examples
// (create with curl, list, update with PUT, ping with the returned ping_url), the envelope checked
// field by field, and what StatusRooster clients get wrong.
import { describe, expect, test } from "bun:test";
import { anApi } from "../checks/api.ts";
import { T0 } from "../support/world.ts";

const S = 1000;

function aRoosterApi() {
  const a = anApi();
  const rooster = (method: string, path: string, body?: unknown, key: string | null = a.keys.apiKey) => a.call(method, `/api/v1/monitors${path}`, body, key);
  /** the seed's create example: curl -X POST -H "X-API-Key: ..." -d '{...}' .../api/v1/monitors */
  const createNightly = async (extra: Record<string, unknown> = {}) => {
    const res = await rooster("POST", "", { monitor_type: "heartbeat", name: "Nightly Backup Job", heartbeat_interval: 86400, heartbeat_grace_period: 300, ...extra });
    if (res.status !== 201) throw new Error(`create answered ${res.status} ${res.text}`);
    return res.json.data;
  };
  return { ...a, rooster, createNightly };
}

describe("the seed's examples", () => {
  test("create with curl answers 201 and the monitor in the envelope, field by field", async () => {
    const a = aRoosterApi();
    const res = await a.rooster("POST", "", { monitor_type: "heartbeat", name: "Nightly Backup Job", heartbeat_interval: 86400, heartbeat_grace_period: 300 });
    expect(res.status).toBe(201);
    const id = res.json.data.id as string;
    const token = a.tx.getCheckByUuid(id)!.pushToken!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(res.json).toEqual({
      data: {
        id,
        monitor_type: "heartbeat",
        name: "Nightly Backup Job",
        status: "pending",
        ping_url: `http://tocsin.test/api/ping/${id}?token=${token}`,
        url: `http://tocsin.test/api/ping/${id}?token=${token}`,
        heartbeat_interval: 86400,
        heartbeat_grace_period: 300,
        uptime_percent: 100,
        checks_total: 0,
        checks_failed: 0,
        last_checked: null,
        public: true,
        paused: false,
        group: "",
        slug: `nightly-backup-job-${id.slice(0, 6)}`,
        maintenance_windows: [],
        created_at: "2026-01-15T12:00:00+00:00",
      },
      error: null,
    });
    // the monitor is a check like any other
    expect((await a.call("GET", `/api/v3/checks/${id}`)).json).toMatchObject({ name: "Nightly Backup Job", timeout: 86400, grace: 300, public: true, status: "new" });
  });

  test("list answers every monitor with meta.total", async () => {
    const a = aRoosterApi();
    const first = await a.createNightly();
    const second = await a.createNightly({ name: "Invoice Cron", heartbeat_interval: 3600 });
    const res = await a.rooster("GET", "");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ data: [first, second], error: null, meta: { total: 2 } });
  });

  test("update with PUT changes only the fields given and answers the full monitor", async () => {
    const a = aRoosterApi();
    const created = await a.createNightly();
    const res = await a.rooster("PUT", `/${created.id}`, { heartbeat_interval: 3600, heartbeat_grace_period: 120 });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ data: { ...created, heartbeat_interval: 3600, heartbeat_grace_period: 120 }, error: null });
    expect(a.tx.getCheckByUuid(created.id)).toMatchObject({ timeout: 3600, grace: 120, name: "Nightly Backup Job" });
    const patched = await a.rooster("PATCH", `/${created.id}`, { name: "Nightly Backup", public: false, group: "Cron Jobs" });
    expect(patched.json.data).toMatchObject({ name: "Nightly Backup", public: false, group: "Cron Jobs", heartbeat_interval: 3600 });
  });

  test("the returned ping_url records a heartbeat, and the monitor shows it", async () => {
    const a = aRoosterApi();
    const created = await a.createNightly();
    const ping = await a.request(new URL(created.ping_url).pathname + new URL(created.ping_url).search);
    expect(ping.status).toBe(200);
    expect(await ping.json()).toEqual({ ok: true, status: "up", monitor: "Nightly Backup Job", next_expected_before: (T0 + 86_400 * S) / 1000 });
    const res = await a.rooster("GET", `/${created.id}`);
    expect(res.json).toEqual({ data: { ...created, status: "up", checks_total: 1, last_checked: "2026-01-15T12:00:00+00:00" }, error: null });
  });
});

describe("what StatusRooster clients get wrong", () => {
  test.each([
    { name: "monitor_type http", body: { monitor_type: "http", name: "Site", url: "https://example.com" } },
    { name: "no monitor_type (StatusRooster's default is http)", body: { name: "Site" } },
  ])("$name is a clear 400 and creates nothing", async ({ body }) => {
    const a = aRoosterApi();
    const res = await a.rooster("POST", "", body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ data: null, error: 'only heartbeat monitors exist here: monitor_type must be "heartbeat"' });
    expect(a.count("checks")).toBe(0);
  });

  test("an update may not change the type either", async () => {
    const a = aRoosterApi();
    const created = await a.createNightly();
    expect((await a.rooster("PUT", `/${created.id}`, { monitor_type: "ssl" })).status).toBe(400);
    expect((await a.rooster("PUT", `/${created.id}`, { monitor_type: "heartbeat", name: "Renamed" })).json.data.name).toBe("Renamed");
  });

  test.each([
    { name: "an interval below 60 s", body: { heartbeat_interval: 30 }, error: "heartbeat_interval must be between 60 and 86400 seconds" },
    { name: "an interval over a day", body: { heartbeat_interval: 86401 }, error: "heartbeat_interval must be between 60 and 86400 seconds" },
    { name: "a grace period over an hour", body: { heartbeat_grace_period: 3601 }, error: "heartbeat_grace_period must be between 0 and 3600 seconds" },
    { name: "an interval that is not an integer", body: { heartbeat_interval: "300" }, error: "heartbeat_interval is not a number" },
    { name: "no name", body: { name: undefined }, error: "name is required" },
    { name: "a window at 25:00", body: { maintenance_windows: [{ day: "daily", start_utc: "25:00", end_utc: "26:00" }] }, error: "an item in 'maintenance_windows' must be HH:MM (UTC)" },
    { name: "a window on no day", body: { maintenance_windows: [{ day: "someday", start_utc: "03:00", end_utc: "04:00" }] }, error: "an item in 'maintenance_windows' has unexpected value" },
    { name: "a window of no length", body: { maintenance_windows: [{ day: "daily", start_utc: "03:00", end_utc: "03:00" }] }, error: "maintenance_windows: end_utc must differ from start_utc" },
  ])("$name answers 422 with the reason and creates nothing", async ({ body, error }) => {
    const a = aRoosterApi();
    const res = await a.rooster("POST", "", { monitor_type: "heartbeat", name: "Job", ...body });
    expect(res.status).toBe(422);
    expect(res.json).toEqual({ data: null, error });
    expect([a.count("checks"), a.count("maintenance")]).toEqual([0, 0]);
  });

  test("a missing, wrong or read-only key answers 401 in the envelope", async () => {
    const a = aRoosterApi();
    expect((await a.rooster("GET", "", undefined, null)).json).toEqual({ data: null, error: "missing api key" });
    expect((await a.rooster("GET", "", undefined, "sr_your_key_here")).json).toEqual({ data: null, error: "wrong api key" });
    const ro = await a.rooster("POST", "", { monitor_type: "heartbeat", name: "Job" }, a.keys.apiKeyReadOnly);
    expect(ro.status).toBe(401);
    expect(a.count("checks")).toBe(0);
  });

  test("unparsable JSON answers 400 in the envelope", async () => {
    const a = aRoosterApi();
    const res = await a.call("POST", "/api/v1/monitors", undefined, a.keys.apiKey, "{not json");
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ data: null, error: "could not parse request body" });
  });

  test("an unknown monitor, a malformed id and another project's monitor are all 404", async () => {
    const a = aRoosterApi();
    const other = a.store.write((tx) => tx.createProject("ops", "Ops", a.clock.now()));
    const theirs = (await a.call("POST", "/api/v1/monitors", { monitor_type: "heartbeat", name: "Theirs" }, other.apiKey)).json.data;
    for (const id of [crypto.randomUUID(), "hb_abc789", theirs.id]) {
      for (const method of ["GET", "PUT", "DELETE"]) {
        const res = await a.rooster(method, `/${id}`, method === "PUT" ? { name: "x" } : undefined);
        expect([res.status, res.json]).toEqual([404, { data: null, error: "monitor not found" }]);
      }
    }
    expect(a.tx.getCheckByUuid(theirs.id)?.name).toBe("Theirs");
  });

  test("the project's check limit answers 403", async () => {
    const a = aRoosterApi();
    a.setProject({ checkLimit: 0 });
    const res = await a.rooster("POST", "", { monitor_type: "heartbeat", name: "Job" });
    expect([res.status, res.json.error]).toEqual([403, "monitor limit reached (the project's check_limit)"]);
  });

  test("a slug already in use answers 409; a given slug is sanitised", async () => {
    const a = aRoosterApi();
    expect((await a.createNightly({ slug: "Nightly Backup!" })).slug).toBe("nightly-backup");
    const res = await a.rooster("POST", "", { monitor_type: "heartbeat", name: "Again", slug: "nightly-backup" });
    expect([res.status, res.json]).toEqual([409, { data: null, error: "slug already in use" }]);
  });
});

describe("pausing", () => {
  test("paused monitors accept pings but do not track them, until resumed", async () => {
    const a = aRoosterApi();
    const created = await a.createNightly({ paused: true });
    expect(created).toMatchObject({ status: "paused", paused: true });
    const ping = await a.request(`/api/ping/${created.id}?token=${a.tx.getCheckByUuid(created.id)!.pushToken}`);
    expect(await ping.json()).toEqual({ ok: true, status: "paused", message: "Monitor is paused — ping recorded but not tracked" });
    expect((await a.rooster("GET", `/${created.id}`)).json.data).toMatchObject({ status: "paused", checks_total: 1 });
    const resumed = await a.rooster("PATCH", `/${created.id}`, { paused: false });
    expect(resumed.json.data).toMatchObject({ status: "pending", paused: false });
    expect((await a.rooster("PATCH", `/${created.id}`, { paused: true })).json.data.status).toBe("paused");
  });
});

describe("maintenance windows", () => {
  test("are stored as Tocsin windows selecting the monitor's slug, replaced by an update, and follow a new slug", async () => {
    const a = aRoosterApi();
    const windows = [
      { day: "daily", start_utc: "03:00", end_utc: "04:00" },
      { day: "sunday", start_utc: "23:30", end_utc: "01:00" },
    ];
    const created = await a.createNightly({ maintenance_windows: windows });
    expect(created.maintenance_windows).toEqual(windows);
    const stored = (await a.call("GET", "/api/v3/maintenance/")).json.maintenance;
    // written in one transaction, they share their creation instant: compare them in a fixed order
    expect(stored.map((w: Record<string, unknown>) => [w.cron, w.tz, w.duration, w.slugs]).sort()).toEqual([
      ["0 3 * * *", "UTC", 3600, [created.slug]],
      ["30 23 * * 0", "UTC", 5400, [created.slug]],
    ]);
    const moved = await a.rooster("PUT", `/${created.id}`, { slug: "backup" });
    expect(moved.json.data).toMatchObject({ slug: "backup", maintenance_windows: windows });
    expect((await a.call("GET", "/api/v3/maintenance/")).json.maintenance.map((w: { slugs: string[] }) => w.slugs)).toEqual([["backup"], ["backup"]]);
    const replaced = await a.rooster("PUT", `/${created.id}`, { maintenance_windows: [{ day: "monday", start_utc: "12:00", end_utc: "12:15" }] });
    expect(replaced.json.data.maintenance_windows).toEqual([{ day: "monday", start_utc: "12:00", end_utc: "12:15" }]);
    expect((await a.rooster("PUT", `/${created.id}`, { maintenance_windows: [] })).json.data.maintenance_windows).toEqual([]);
    expect(a.count("maintenance")).toBe(0);
  });

  test("select the monitor: its maintenance covers the window's hour, in UTC", async () => {
    const a = aRoosterApi();
    const created = await a.createNightly({ heartbeat_interval: 60, heartbeat_grace_period: 0, maintenance_windows: [{ day: "daily", start_utc: "12:00", end_utc: "13:00" }] });
    const check = a.tx.getCheckByUuid(created.id)!;
    const windows = a.tx.listWindows(check.projectId);
    expect(windows).toHaveLength(1);
    expect(a.tx.maintenanceIntervalsForCheck(check, T0, T0 + 3_600 * S)).toEqual([{ start: T0, end: T0 + 3_600 * S }]);
  });

  test("a monitor without a slug gets one when it is given windows; other checks' windows are left alone", async () => {
    const a = aRoosterApi();
    const plain = await a.create({ name: "Plain Job" });
    await a.call("POST", "/api/v3/maintenance/", { name: "mine", cron: "0 1 * * *", duration: 60, slugs: ["*"] });
    const res = await a.rooster("PUT", `/${plain.uuid}`, { maintenance_windows: [{ day: "friday", start_utc: "18:00", end_utc: "20:00" }] });
    expect(res.json.data).toMatchObject({ slug: `plain-job-${plain.uuid.slice(0, 6)}`, maintenance_windows: [{ day: "friday", start_utc: "18:00", end_utc: "20:00" }] });
    expect(a.count("maintenance")).toBe(2);
  });

  test("deleting a monitor answers StatusRooster's shape and takes its windows; its ping URL answers 404", async () => {
    const a = aRoosterApi();
    const created = await a.createNightly({ maintenance_windows: [{ day: "daily", start_utc: "03:00", end_utc: "04:00" }] });
    const res = await a.rooster("DELETE", `/${created.id}`);
    expect(res.json).toEqual({ data: { deleted: true, monitor_id: created.id }, error: null });
    expect([a.count("checks"), a.count("maintenance")]).toEqual([0, 0]);
    expect((await a.request(new URL(created.ping_url).pathname)).status).toBe(404);
  });

  test("a check declared in the config file is read, not changed: 409", async () => {
    const a = aRoosterApi();
    const created = await a.createNightly();
    a.tx.setCheckManaged(a.tx.getCheckByUuid(created.id)!.id, true);
    expect((await a.rooster("PUT", `/${created.id}`, { name: "x" })).json).toEqual({ data: null, error: "managed by config file" });
    expect((await a.rooster("DELETE", `/${created.id}`)).status).toBe(409);
    expect((await a.rooster("GET", `/${created.id}`)).json.data.name).toBe("Nightly Backup Job");
  });
});
