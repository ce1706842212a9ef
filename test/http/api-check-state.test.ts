import { describe, expect, test } from "bun:test";
import { anApi } from "../checks/api.ts";
import { T0 } from "../support/world.ts";

const HOUR = 3_600_000;

describe("pause and resume", () => {
  test("pause clears the deadline and writes a silent pause flip", async () => {
    const a = anApi();
    const c = await a.create({ timeout: 60, grace: 60 });
    await a.request(`/ping/${c.uuid}`);
    const id = { id: a.rows("checks")[0]!.id as number };
    expect(a.services.scheduler.pending).toBe(1);
    // past the minute changes fold into one row (SPEC §3): the pause gets its own
    a.clock.advance(2 * 60_000);
    const res = await a.call("POST", `/api/v3/checks/${c.uuid}/pause`);
    expect(res.status).toBe(200);
    expect(res.json.status).toBe("paused");
    expect(a.reload(id).downAt).toBeNull();
    expect(a.services.scheduler.pending).toBe(0);
    expect(a.flips(id).at(-1)).toEqual({ old_status: "up", new_status: "paused", reason: "pause", silent: 1 });
  });

  test("resume moves a paused check to new; resuming a check that is not paused is 409", async () => {
    const a = anApi();
    const c = await a.create({});
    const early = await a.call("POST", `/api/v3/checks/${c.uuid}/resume`);
    expect(early.status).toBe(409);
    expect(early.json).toEqual({ error: "check is not paused" });
    await a.call("POST", `/api/v3/checks/${c.uuid}/pause`);
    const res = await a.call("POST", `/api/v3/checks/${c.uuid}/resume`);
    expect(res.status).toBe(200);
    expect(res.json.status).toBe("new");
  });

  test("the pause answers 404 for an unknown check", async () => {
    const a = anApi();
    expect((await a.call("POST", `/api/v3/checks/${crypto.randomUUID()}/pause`)).status).toBe(404);
  });
});

describe("deadlines follow definition changes", () => {
  test("a shorter timeout moves the scheduler's deadline earlier and the check goes down on time", async () => {
    const a = anApi();
    const c = await a.create({ timeout: 86_400, grace: 3_600 });
    await a.request(`/ping/${c.uuid}`);
    const t0 = a.clock.now();
    expect(a.services.scheduler.nextDeadline()).toBe(t0 + 86_400_000 + HOUR);
    await a.call("POST", `/api/v3/checks/${c.uuid}`, { timeout: 60, grace: 60 });
    expect(a.services.scheduler.nextDeadline()).toBe(t0 + 120_000);
    a.clock.advance(120_000);
    expect(a.services.scheduler.runDue()).toBe(1);
    expect((await a.call("GET", `/api/v3/checks/${c.uuid}`)).json.status).toBe("down");
  });

  test("switching to a cron schedule recomputes the deadline in its time zone", async () => {
    const a = anApi();
    const c = await a.create({ timeout: 86_400, grace: 0 });
    await a.request(`/ping/${c.uuid}`); // 12:00 UTC
    await a.call("POST", `/api/v3/checks/${c.uuid}`, { schedule: "30 14 * * *", tz: "Europe/Berlin", grace: 300 });
    // 14:30 in Berlin (UTC+1 in January) is 13:30 UTC, plus 5 minutes of grace
    expect(a.services.scheduler.nextDeadline()).toBe(Date.UTC(2026, 0, 15, 13, 35));
  });
});

describe("deleting", () => {
  test("answers the deleted check and its ping URLs answer 404 at once", async () => {
    const a = anApi();
    const c = await a.create({ name: "doomed", slug: "doomed", timeout: 60 });
    await a.request(`/ping/${c.uuid}`);
    const res = await a.call("DELETE", `/api/v3/checks/${c.uuid}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: "doomed", uuid: c.uuid, n_pings: 1 });
    expect((await a.request(`/ping/${c.uuid}`)).status).toBe(404);
    expect((await a.request("/ping/pingkeypingkey0001/doomed")).status).toBe(404);
    expect((await a.request(new URL(c.push_url).pathname)).status).toBe(404);
    expect(a.services.scheduler.pending).toBe(0);
    expect((await a.call("GET", `/api/v3/checks/${c.uuid}`)).status).toBe(404);
    expect({ n: a.count("pings") }).toEqual({ n: 0 });
  });
});

describe("pings", () => {
  test("lists pings newest first with duration, exit status and body_url", async () => {
    const a = anApi();
    const c = await a.create({});
    const rid = crypto.randomUUID();
    await a.request(`/ping/${c.uuid}/start?rid=${rid}`, { headers: { "User-Agent": "cron" } });
    a.clock.advance(1500);
    await a.request(`/ping/${c.uuid}/3?rid=${rid}`, { method: "POST", body: "disk full" });
    const res = await a.call("GET", `/api/v3/checks/${c.uuid}/pings/`);
    expect(res.status).toBe(200);
    const [fail, start] = res.json.pings;
    expect(start).toMatchObject({ type: "start", n: 1, scheme: "http", remote_addr: "192.0.2.7", method: "GET", ua: "cron", rid, date: "2026-01-15T12:00:00+00:00" });
    expect(start.body_url).toBeUndefined();
    expect(fail).toMatchObject({ type: "fail", n: 2, exitstatus: 3, duration: 1.5, method: "POST", date: "2026-01-15T12:00:01.500+00:00" });
    expect(fail.body_url).toBe(`http://tocsin.test/api/v3/checks/${c.uuid}/pings/2/body`);
  });

  test("serves a ping body raw, as text when it is UTF-8 and as bytes otherwise", async () => {
    const a = anApi();
    const c = await a.create({});
    await a.request(`/ping/${c.uuid}`, { method: "POST", body: "héllo\n" });
    await a.request(`/ping/${c.uuid}`, { method: "POST", body: new Uint8Array([0xff, 0x00, 0xfe]) });
    const text = await a.request(`/api/v3/checks/${c.uuid}/pings/1/body`, { headers: { "X-Api-Key": a.keys.apiKey } });
    expect(text.status).toBe(200);
    expect(text.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await text.text()).toBe("héllo\n");
    const bin = await a.request(`/api/v3/checks/${c.uuid}/pings/2/body`, { headers: { "X-Api-Key": a.keys.apiKey } });
    expect(bin.headers.get("content-type")).toBe("application/octet-stream");
    expect(new Uint8Array(await bin.arrayBuffer())).toEqual(new Uint8Array([0xff, 0x00, 0xfe]));
    expect((await a.call("GET", `/api/v3/checks/${c.uuid}/pings/9/body`)).status).toBe(404);
    expect((await a.call("GET", `/api/v3/checks/${c.uuid}/pings/x/body`)).status).toBe(404);
  });

  test("read-only keys cannot read pings or bodies", async () => {
    const a = anApi();
    const c = await a.create({});
    await a.request(`/ping/${c.uuid}`, { method: "POST", body: "secret" });
    const ro = a.keys.apiKeyReadOnly;
    expect((await a.call("GET", `/api/v3/checks/${c.uuid}/pings/`, undefined, ro)).status).toBe(401);
    expect((await a.call("GET", `/api/v3/checks/${c.uuid}/pings/1/body`, undefined, ro)).status).toBe(401);
  });

  test("answers at most 1000 pings", async () => {
    const a = anApi({ config: { pingLogLimit: 2000 } });
    const c = await a.create({});
    await Promise.all(Array.from({ length: 1005 }, () => a.request(`/ping/${c.uuid}/log`)));
    const pings = (await a.call("GET", `/api/v3/checks/${c.uuid}/pings/`)).json.pings;
    expect(pings).toHaveLength(1000);
    expect(pings[0].n).toBe(1005);
  });
});

describe("flips", () => {
  async function flipped() {
    const a = anApi();
    const c = await a.create({ timeout: 60, grace: 0 });
    await a.request(`/ping/${c.uuid}`); // 12:00 new → up
    a.clock.advance(HOUR);
    await a.request(`/ping/${c.uuid}/fail`); // 13:00 up → down
    a.clock.advance(HOUR);
    await a.request(`/ping/${c.uuid}`); // 14:00 down → up
    return { a, c };
  }

  test("lists flips newest first with Healthchecks' timestamp and up fields", async () => {
    const { a, c } = await flipped();
    const res = await a.call("GET", `/api/v3/checks/${c.uuid}/flips/`);
    expect(res.status).toBe(200);
    expect(res.json.flips).toEqual([
      { timestamp: "2026-01-15T14:00:00+00:00", up: 1, old_status: "down", new_status: "up", reason: "" },
      { timestamp: "2026-01-15T13:00:00+00:00", up: 0, old_status: "up", new_status: "down", reason: "fail" },
      { timestamp: "2026-01-15T12:00:00+00:00", up: 1, old_status: "new", new_status: "up", reason: "" },
    ]);
  });

  test("filters by seconds, start (inclusive) and end (exclusive)", async () => {
    const { a, c } = await flipped();
    const times = async (q: string) => (await a.call("GET", `/api/v3/checks/${c.uuid}/flips/${q}`)).json.flips.map((f: { timestamp: string }) => f.timestamp.slice(11, 13));
    const at13 = Date.UTC(2026, 0, 15, 13) / 1000;
    expect(await times("?seconds=1800")).toEqual(["14"]);
    expect(await times("?seconds=3600")).toEqual(["14", "13"]);
    expect(await times(`?start=${at13}`)).toEqual(["14", "13"]);
    expect(await times(`?end=${at13}`)).toEqual(["12"]);
    expect(await times(`?start=${at13}&end=${at13 + 3600}`)).toEqual(["13"]);
    expect(await times("?seconds=0")).toEqual(["14", "13", "12"]);
  });

  test.each([["seconds=abc"], ["seconds=-5"], ["seconds=31536001"], ["start=1.5"], ["end=99999999999"], ["seconds="]])("refuses ?%s with 400", async (q) => {
    const { a, c } = await flipped();
    const res = await a.call("GET", `/api/v3/checks/${c.uuid}/flips/?${q}`);
    expect(res.status).toBe(400);
    expect(res.json.error).toContain(q.split("=")[0]!);
  });

  test("read-only keys read flips by unique_key", async () => {
    const { a } = await flipped();
    const key = (await a.call("GET", "/api/v3/checks/", undefined, a.keys.apiKeyReadOnly)).json.checks[0].unique_key;
    const res = await a.call("GET", `/api/v3/checks/${key}/flips/`, undefined, a.keys.apiKeyReadOnly);
    expect(res.status).toBe(200);
    expect(res.json.flips).toHaveLength(3);
  });

  test("answers the newest 1000 at most; moving `end` to the oldest timestamp pages through all, even across a crowded second", async () => {
    const a = anApi();
    const c = await a.create({});
    const id = a.rows("checks")[0]!.id as number;
    // 2 100 rows 30 s apart, newest first; the 1000th to 1002nd share one second
    const created = Array.from({ length: 2_100 }, (_, i) => T0 - i * 30_000 + 500);
    created[1000] = created[999]! - 100;
    created[1001] = created[999]! - 200;
    for (const [i, at] of [...created.entries()].reverse()) {
      const up = i % 2 === 0;
      a.tx.insertFlipRow(id, { created: at, lastChange: at, oldStatus: up ? "down" : "up", newStatus: up ? "up" : "down", reason: up ? "" : "fail", silent: false, changes: 1, silentChanges: 0, processed: at });
    }
    const seen: string[] = [];
    let query = "";
    for (let page = 0; page < 5; page++) {
      const res = await a.call("GET", `/api/v3/checks/${c.uuid}/flips/${query}`);
      const flips = res.json.flips as { timestamp: string }[];
      expect(flips.length).toBeLessThanOrEqual(1000);
      if (flips.length === 0) break;
      seen.push(...flips.map((f) => f.timestamp));
      query = `?end=${Date.parse(flips.at(-1)!.timestamp) / 1000}`;
    }
    expect(seen).toEqual(created.map((t) => new Date(Math.floor(t / 1000) * 1000).toISOString().replace(".000Z", "+00:00")));
  });

  test("a minute of flapping is one row that says how many changes it holds", async () => {
    const a = anApi();
    const c = await a.create({});
    await a.request(`/ping/${c.uuid}`);
    a.clock.advance(HOUR);
    for (const suffix of ["/fail", "", "/fail", ""]) {
      await a.request(`/ping/${c.uuid}${suffix}`);
      a.clock.advance(10_000);
    }
    const res = await a.call("GET", `/api/v3/checks/${c.uuid}/flips/`);
    expect(res.json.flips).toEqual([
      { timestamp: "2026-01-15T13:00:00+00:00", up: 1, old_status: "up", new_status: "up", reason: "fail", changes: 4, last_change: "2026-01-15T13:00:30+00:00" },
      { timestamp: "2026-01-15T12:00:00+00:00", up: 1, old_status: "new", new_status: "up", reason: "" },
    ]);
  });

  test("uptime counts the down hour against the check and ignores the time it was new", async () => {
    const { a, c } = await flipped();
    a.clock.advance(2 * HOUR); // 16:00: up 12-13, down 13-14, up 14-16
    const got = (await a.call("GET", `/api/v3/checks/${c.uuid}`)).json;
    expect(got.uptime).toEqual({ "1d": 75, "7d": 75, "30d": 75, "90d": 75 });
  });
});
