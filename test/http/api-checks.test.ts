import { describe, expect, test } from "bun:test";
import { anApi } from "../checks/api.ts";

const LIST = "/api/v3/checks/";

describe("creating checks", () => {
  test("creates a simple check and answers 201 with Healthchecks' fields and Tocsin's", async () => {
    const a = anApi();
    const res = await a.call("POST", LIST, { name: "Backups", slug: "backups", tags: "prod db", desc: "nightly", timeout: 3600, grace: 120 });
    expect(res.status).toBe(201);
    const c = res.json;
    expect(c).toMatchObject({
      name: "Backups",
      slug: "backups",
      tags: "prod db",
      desc: "nightly",
      timeout: 3600,
      grace: 120,
      n_pings: 0,
      status: "new",
      started: false,
      last_ping: null,
      // alert_new (the default): the first ping is expected one timeout after creation
      next_ping: "2026-01-15T13:00:00+00:00",
      alert_new: true,
      manual_resume: false,
      methods: "",
      channels: "",
      max_runtime: 120,
      failure_threshold: 1,
      public: false,
      group: "",
      reminder_interval: 0,
      muted_until: null,
      managed: false,
      uptime: { "1d": null, "7d": null, "30d": null, "90d": null },
    });
    expect(c.ping_url).toBe(`http://tocsin.test/ping/${c.uuid}`);
    expect(c.update_url).toBe(`http://tocsin.test/api/v3/checks/${c.uuid}`);
    expect(c.pause_url).toBe(`http://tocsin.test/api/v3/checks/${c.uuid}/pause`);
    expect(c.resume_url).toBe(`http://tocsin.test/api/v3/checks/${c.uuid}/resume`);
    expect(c.slug_url).toBe("http://tocsin.test/ping/pingkeypingkey0001/backups");
    expect(c.push_url).toMatch(/^http:\/\/tocsin\.test\/api\/push\/[a-z0-9]{24}$/);
    expect(c.schedule).toBeUndefined();
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  test("infers a cron check from a schedule and keeps its time zone", async () => {
    const a = anApi();
    const c = await a.create({ name: "nightly", schedule: "0 3 * * *", tz: "Europe/Riga", grace: 600 });
    expect(c.schedule).toBe("0 3 * * *");
    expect(c.tz).toBe("Europe/Riga");
    expect(c.timeout).toBeUndefined();
    expect({ kind: a.rows("checks")[0]!.kind }).toEqual({ kind: "cron" });
  });

  test("a created check answers pings at once, by uuid, slug and push token", async () => {
    const a = anApi();
    const c = await a.create({ name: "job", slug: "job" });
    expect((await a.request(`/ping/${c.uuid}`)).status).toBe(200);
    expect((await a.request("/ping/pingkeypingkey0001/job")).status).toBe(200);
    expect((await a.request(new URL(c.push_url).pathname)).status).toBe(200);
    expect((await a.call("GET", `/api/v3/checks/${c.uuid}`)).json.n_pings).toBe(3);
  });

  test("uses a given uuid (imports), in any letter case, returned lowercase", async () => {
    const a = anApi();
    const uuid = "0C1F5A2E-8B6D-4F3A-9E2B-7D5C4B3A2F10";
    const c = await a.create({ name: "imported", uuid });
    expect(c.uuid).toBe(uuid.toLowerCase());
    expect((await a.request(`/ping/${uuid.toLowerCase()}`)).status).toBe(200);
  });

  test("accepts the api key in the JSON body", async () => {
    const a = anApi();
    const res = await a.call("POST", LIST, { api_key: a.keys.apiKey, name: "x" }, null);
    expect(res.status).toBe(201);
  });

  test("ignores unknown fields", async () => {
    const a = anApi();
    const res = await a.call("POST", LIST, { name: "x", subject_re: "whatever", nonsense: [1, 2] });
    expect(res.status).toBe(201);
  });

  test("assigns channels given as *, names, ids, comma-separated or as an array", async () => {
    const a = anApi();
    const mk = (id: string, name: string) => a.tx.insertChannel({ id, projectId: a.project.id, name, kind: "webhook", settings: {}, managed: false, created: 0 });
    const c1 = mk("11111111-1111-4111-8111-111111111111", "ops");
    const c2 = mk("22222222-2222-4222-8222-222222222222", "dev");
    expect((await a.create({ channels: "*" })).channels).toBe(`${c1.id},${c2.id}`);
    expect((await a.create({ channels: "dev" })).channels).toBe(c2.id);
    expect((await a.create({ channels: `ops,${c2.id}` })).channels).toBe(`${c1.id},${c2.id}`);
    expect((await a.create({ channels: ["dev", "ops"] })).channels).toBe(`${c1.id},${c2.id}`);
    expect((await a.create({ channels: "" })).channels).toBe("");
    const bad = await a.call("POST", LIST, { channels: "nope" });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error: "invalid channel identifier: nope" });
  });

  test("refuses another project's channel", async () => {
    const a = anApi();
    const other = a.tx.createProject("other", "Other", 0).project;
    a.tx.insertChannel({ id: "33333333-3333-4333-8333-333333333333", projectId: other.id, name: "theirs", kind: "webhook", settings: {}, managed: false, created: 0 });
    expect((await a.call("POST", LIST, { channels: "theirs" })).status).toBe(400);
  });

  test("refuses to create beyond the project's check limit with 403", async () => {
    const a = anApi();
    a.setProject({ checkLimit: 1 });
    await a.create({ name: "one" });
    const res = await a.call("POST", LIST, { name: "two" });
    expect(res.status).toBe(403);
    expect({ n: a.count("checks") }).toEqual({ n: 1 });
  });

  test("answers 409 slug already in use for a taken slug", async () => {
    const a = anApi();
    await a.create({ slug: "taken" });
    const res = await a.call("POST", LIST, { slug: "taken" });
    expect(res.status).toBe(409);
    expect(res.json).toEqual({ error: "slug already in use" });
  });

  test("answers 409 when a given uuid belongs to another project", async () => {
    const a = anApi();
    const other = a.tx.createProject("other", "Other", 0).project;
    const theirs = a.tx.insertCheck({ projectId: other.id, uuid: crypto.randomUUID() }, 0);
    expect((await a.call("POST", LIST, { uuid: theirs.uuid })).status).toBe(409);
  });
});

describe("validation", () => {
  test.each([
    ["a null field", { name: null }, "json validation error: name is not a string"],
    ["a wrong type", { timeout: "3600" }, "json validation error: timeout is not a number"],
    ["a fractional number", { grace: 1.5 }, "json validation error: grace is not an integer"],
    ["a boolean as text", { manual_resume: "true" }, "json validation error: manual_resume is not a boolean"],
    ["a name over 100 characters", { name: "x".repeat(101) }, "json validation error: name is too long"],
    ["a slug over 100 characters", { slug: "x".repeat(101) }, "json validation error: slug is too long"],
    ["an uppercase slug", { slug: "Nope" }, "json validation error: slug does not match pattern ^[a-z0-9_-]*$"],
    ["an unknown method filter", { methods: "GET" }, "json validation error: methods has unexpected value"],
    ["a timeout under 1 second", { timeout: 0 }, "json validation error: timeout must be an integer from 1 to 31536000 seconds"],
    ["a negative grace", { grace: -1 }, "json validation error: grace must be an integer from 0 to 31536000 seconds"],
    ["an invalid cron expression", { schedule: "61 * * * *" }, "json validation error: schedule is not a valid cron expression (minute field: 61 is out of range 0-59)"],
    ["a schedule that never fires", { schedule: "0 0 31 2 *" }, "json validation error: schedule is not a valid cron expression (it never fires)"],
    ["an unknown time zone", { schedule: "0 3 * * *", tz: "Mars/Olympus" }, "json validation error: tz is not a valid timezone"],
    ["a short reminder interval", { reminder_interval: 60 }, "json validation error: reminder_interval must be 0 (off) or at least 300 seconds"],
    ["a muted_until without offset", { muted_until: "2026-01-01T00:00:00" }, "json validation error: muted_until is not an ISO 8601 instant with a time zone offset (years 2000-9999, offsets up to ±14:00)"],
    ["a muted_until in year 0 with an offset no zone has", { muted_until: "0000-01-01T00:00:00+23:59" }, "json validation error: muted_until is not an ISO 8601 instant with a time zone offset (years 2000-9999, offsets up to ±14:00)"],
    ["a muted_until before 2000", { muted_until: "1999-12-31T23:59:59Z" }, "json validation error: muted_until is not an ISO 8601 instant with a time zone offset (years 2000-9999, offsets up to ±14:00)"],
    ["a muted_until offset beyond +14:00", { muted_until: "2026-01-01T00:00:00+14:30" }, "json validation error: muted_until is not an ISO 8601 instant with a time zone offset (years 2000-9999, offsets up to ±14:00)"],
    ["a muted_until offset minute of 60", { muted_until: "2026-01-01T00:00:00+01:60" }, "json validation error: muted_until is not an ISO 8601 instant with a time zone offset (years 2000-9999, offsets up to ±14:00)"],
    ["a muted_until on a day the month lacks", { muted_until: "2026-02-30T00:00:00Z" }, "json validation error: muted_until is not an ISO 8601 instant with a time zone offset (years 2000-9999, offsets up to ±14:00)"],
    ["a muted_until at hour 24", { muted_until: "2026-01-01T24:00:00Z" }, "json validation error: muted_until is not an ISO 8601 instant with a time zone offset (years 2000-9999, offsets up to ±14:00)"],
    ["a reminder interval past a year", { reminder_interval: 9007199254740991 }, "json validation error: reminder_interval is too large"],
    ["a negative reminder interval", { reminder_interval: -300 }, "json validation error: reminder_interval is too small"],
    ["unique as a string", { unique: "name" }, "json validation error: unique is not an array"],
    ["an unknown unique field", { unique: ["desc"] }, "json validation error: an item in 'unique' has unexpected value"],
    ["channels of the wrong type", { channels: 5 }, "json validation error: channels has an unexpected type"],
    ["a malformed uuid", { uuid: "not-a-uuid" }, "json validation error: uuid does not match pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"],
  ])("refuses %s with 400 naming the field", async (_name, body, error) => {
    const a = anApi();
    const before = a.snapshot();
    const res = await a.call("POST", LIST, body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error });
    expect(a.snapshot()).toBe(before);
  });

  test.each([
    { sent: "2026-02-01T10:00:00+14:00", shown: "2026-01-31T20:00:00+00:00" },
    { sent: "2026-02-01T10:00:00-12:00", shown: "2026-02-01T22:00:00+00:00" },
    { sent: "2028-02-29T00:00:00.250Z", shown: "2028-02-29T00:00:00+00:00" },
    { sent: "9999-12-31T23:59:59Z", shown: "9999-12-31T23:59:59+00:00" },
  ])("stores muted_until $sent and shows it as $shown", async ({ sent, shown }) => {
    const a = anApi();
    const created = await a.create({ name: "x", muted_until: sent });
    expect(created.muted_until).toBe(shown);
    expect((await a.call("GET", `${LIST}${created.uuid}`)).json.muted_until).toBe(shown);
  });

  test("stores a time zone named in another letter case under its own name", async () => {
    const a = anApi();
    const created = await a.create({ name: "x", schedule: "0 3 * * *", tz: "europe/BERLIN" });
    expect(created.tz).toBe("Europe/Berlin");
  });

  test("refuses broken JSON with 400 could not parse request body", async () => {
    const a = anApi();
    const res = await a.call("POST", LIST, undefined, a.keys.apiKey, '{"name": "x",');
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: "could not parse request body" });
  });

  test.each([["an array", "[1,2]"], ["a string", '"name"'], ["a number", "5"], ["null", "null"]])("refuses %s as body with 400", async (_n, raw) => {
    const a = anApi();
    const res = await a.call("POST", LIST, undefined, a.keys.apiKey, raw);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: "json validation error: value is not an object" });
  });

  test("a bad update leaves the stored check exactly as it was", async () => {
    const a = anApi();
    const c = await a.create({ name: "keep", slug: "keep", timeout: 60 });
    const before = a.snapshot();
    for (const body of [{ timeout: null }, { schedule: "nope" }, { tz: "Nowhere/Land" }, { name: 7 }, { grace: 99999999999 }, { channels: "missing" }]) {
      expect((await a.call("POST", `/api/v3/checks/${c.uuid}`, body)).status).toBe(400);
    }
    expect(a.snapshot()).toBe(before);
  });
});

describe("authentication", () => {
  test("answers 401 missing api key without a key", async () => {
    const a = anApi();
    const res = await a.call("GET", LIST, undefined, null);
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: "missing api key" });
  });

  test("answers 401 wrong api key for an unknown key", async () => {
    const a = anApi();
    const res = await a.call("GET", LIST, undefined, "tcw_unknownunknownunknownunknown0");
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: "wrong api key" });
  });

  test("a read-only key cannot write", async () => {
    const a = anApi();
    const c = await a.create({ name: "x" });
    const ro = a.keys.apiKeyReadOnly;
    const before = a.snapshot();
    for (const [method, path] of [["POST", LIST], ["POST", `/api/v3/checks/${c.uuid}`], ["DELETE", `/api/v3/checks/${c.uuid}`], ["POST", `/api/v3/checks/${c.uuid}/pause`]] as const) {
      const res = await a.call(method, path, { name: "changed" }, ro);
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ error: "wrong api key" });
    }
    expect(a.snapshot()).toBe(before);
  });

  test("a read-only key sees unique_key instead of uuid and URLs, and can get a check by it", async () => {
    const a = anApi();
    const c = await a.create({ name: "x", slug: "x" });
    const list = await a.call("GET", LIST, undefined, a.keys.apiKeyReadOnly);
    const seen = list.json.checks[0];
    expect(seen.unique_key).toMatch(/^[0-9a-f]{40}$/);
    for (const hidden of ["uuid", "ping_url", "update_url", "pause_url", "resume_url", "channels", "push_url", "slug_url"]) expect(seen[hidden]).toBeUndefined();
    const one = await a.call("GET", `/api/v3/checks/${seen.unique_key}`, undefined, a.keys.apiKeyReadOnly);
    expect(one.status).toBe(200);
    expect(one.json.name).toBe("x");
    expect((await a.call("GET", `/api/v3/checks/${c.uuid}`, undefined, a.keys.apiKeyReadOnly)).json.unique_key).toBe(seen.unique_key);
  });

  test("another project's check is 403 for every route", async () => {
    const a = anApi();
    const other = a.tx.createProject("other", "Other", 0).project;
    const theirs = a.tx.insertCheck({ projectId: other.id, uuid: crypto.randomUUID(), name: "theirs" }, 0);
    const before = a.snapshot();
    for (const [method, path] of [
      ["GET", ""],
      ["POST", ""],
      ["DELETE", ""],
      ["POST", "/pause"],
      ["POST", "/resume"],
      ["GET", "/pings/"],
      ["GET", "/flips/"],
    ] as const) {
      expect((await a.call(method, `/api/v3/checks/${theirs.uuid}${path}`, method === "GET" ? undefined : {})).status).toBe(403);
    }
    expect(a.snapshot()).toBe(before);
  });

  test("an unknown check is 404", async () => {
    const a = anApi();
    const res = await a.call("GET", `/api/v3/checks/${crypto.randomUUID()}`);
    expect(res.status).toBe(404);
    expect((await a.call("GET", "/api/v3/checks/not-a-uuid")).status).toBe(404);
  });
});

describe("CORS and methods", () => {
  test("answers OPTIONS with 204 allowing X-Api-Key", async () => {
    const a = anApi();
    const res = await a.request(LIST, { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toContain("X-Api-Key");
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, POST, OPTIONS");
  });

  test("answers unsupported methods with 405 and an Allow header", async () => {
    const a = anApi();
    const c = await a.create({ name: "x" });
    for (const [method, path] of [["PUT", LIST], ["PATCH", `/api/v3/checks/${c.uuid}`], ["GET", `/api/v3/checks/${c.uuid}/pause`], ["DELETE", `/api/v3/checks/${c.uuid}/flips/`]] as const) {
      const res = await a.call(method, path);
      expect(res.status).toBe(405);
    }
    expect((await a.call("PUT", LIST)).headers.get("allow")).toBe("GET, POST, OPTIONS");
  });
});

describe("listing and reading", () => {
  test("lists the project's checks only, filtered by every given tag and by slug", async () => {
    const a = anApi();
    await a.create({ name: "a", slug: "a", tags: "prod db" });
    await a.create({ name: "b", slug: "b", tags: "prod web" });
    await a.create({ name: "c", slug: "c", tags: "staging db" });
    const other = a.tx.createProject("other", "Other", 0).project;
    a.tx.insertCheck({ projectId: other.id, uuid: crypto.randomUUID(), name: "theirs", tags: "prod" }, 0);
    const names = async (q: string) => (await a.call("GET", `${LIST}${q}`)).json.checks.map((c: { name: string }) => c.name);
    expect(await names("")).toEqual(["a", "b", "c"]);
    expect(await names("?tag=prod")).toEqual(["a", "b"]);
    expect(await names("?tag=prod&tag=db")).toEqual(["a"]);
    expect(await names("?tag=pro")).toEqual([]);
    expect(await names("?slug=c")).toEqual(["c"]);
    expect((await a.call("GET", "/api/v3/checks")).status).toBe(200);
  });

  test("shows timestamps with +00:00 at second precision and the expected next ping", async () => {
    const a = anApi();
    const c = await a.create({ name: "x", timeout: 3600 });
    a.clock.advance(1234);
    await a.request(`/ping/${c.uuid}`);
    const got = (await a.call("GET", `/api/v3/checks/${c.uuid}`)).json;
    expect(got.last_ping).toBe("2026-01-15T12:00:01+00:00");
    expect(got.next_ping).toBe("2026-01-15T13:00:01+00:00");
    expect(got.status).toBe("up");
    a.clock.advance(3_600_000);
    expect((await a.call("GET", `/api/v3/checks/${c.uuid}`)).json.status).toBe("grace");
  });

  test("shows a started run as status started", async () => {
    const a = anApi();
    const c = await a.create({ name: "x" });
    await a.request(`/ping/${c.uuid}/start`);
    const got = (await a.call("GET", `/api/v3/checks/${c.uuid}`)).json;
    expect(got.status).toBe("started");
    expect(got.started).toBe(true);
  });
});

describe("updating", () => {
  test("changes only the fields given", async () => {
    const a = anApi();
    const c = await a.create({ name: "old", slug: "old", tags: "a", timeout: 60, grace: 30, desc: "d" });
    const res = await a.call("POST", `/api/v3/checks/${c.uuid}`, { name: "new", grace: 90 });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: "new", slug: "old", tags: "a", timeout: 60, grace: 90, desc: "d" });
  });

  test("switches between simple and cron by the field given", async () => {
    const a = anApi();
    const c = await a.create({ timeout: 60 });
    const cron = (await a.call("POST", `/api/v3/checks/${c.uuid}`, { schedule: "*/5 * * * *" })).json;
    expect(cron.schedule).toBe("*/5 * * * *");
    expect(cron.timeout).toBeUndefined();
    const simple = (await a.call("POST", `/api/v3/checks/${c.uuid}`, { timeout: 120 })).json;
    expect(simple.timeout).toBe(120);
  });

  test("validates a new time zone against the stored schedule", async () => {
    const a = anApi();
    const c = await a.create({ schedule: "0 3 * * *" });
    expect((await a.call("POST", `/api/v3/checks/${c.uuid}`, { tz: "Asia/Tokyo" })).json.tz).toBe("Asia/Tokyo");
    expect((await a.call("POST", `/api/v3/checks/${c.uuid}`, { tz: "Asia/Nowhere" })).status).toBe(400);
  });

  test("maps Healthchecks' subject fields onto keywords and the subject filter", async () => {
    const a = anApi();
    const c = await a.create({ subject: "SUCCESS", subject_fail: "ERROR" });
    expect(c).toMatchObject({ success_kw: "SUCCESS", failure_kw: "ERROR", filter_subject: true, subject: "SUCCESS", subject_fail: "ERROR" });
  });

  test("sets Tocsin's fields: max_runtime, failure_threshold, public, group, reminder_interval, muted_until", async () => {
    const a = anApi();
    const c = await a.create({ grace: 60 });
    const res = await a.call("POST", `/api/v3/checks/${c.uuid}`, {
      max_runtime: 600,
      failure_threshold: 3,
      public: true,
      group: "Backups",
      reminder_interval: 3600,
      muted_until: "2026-02-01T10:00:00+01:00",
      filter_http_body: true,
      filter_default_fail: true,
    });
    expect(res.json).toMatchObject({ max_runtime: 600, failure_threshold: 3, public: true, group: "Backups", reminder_interval: 3600, muted_until: "2026-02-01T09:00:00+00:00", filter_http_body: true, filter_default_fail: true });
    const back = (await a.call("POST", `/api/v3/checks/${c.uuid}`, { max_runtime: 0, reminder_interval: 0, muted_until: "" })).json;
    expect(back).toMatchObject({ max_runtime: 60, reminder_interval: 0, muted_until: null });
  });

  test("renaming the slug moves the slug ping URL at once", async () => {
    const a = anApi();
    const c = await a.create({ slug: "before" });
    await a.call("POST", `/api/v3/checks/${c.uuid}`, { slug: "after" });
    expect((await a.request("/ping/pingkeypingkey0001/before")).status).toBe(404);
    expect((await a.request("/ping/pingkeypingkey0001/after")).status).toBe(200);
  });

  test("answers 409 when the new slug is taken, and keeps the check", async () => {
    const a = anApi();
    await a.create({ slug: "one" });
    const two = await a.create({ slug: "two" });
    const before = a.snapshot();
    const res = await a.call("POST", `/api/v3/checks/${two.uuid}`, { slug: "one" });
    expect(res.status).toBe(409);
    expect(res.json).toEqual({ error: "slug already in use" });
    expect(a.snapshot()).toBe(before);
  });

  test("a given push token that another check uses is 409", async () => {
    const a = anApi();
    await a.create({ push_token: "kuma-token-1" });
    const b = await a.create({});
    expect((await a.call("POST", `/api/v3/checks/${b.uuid}`, { push_token: "kuma-token-1" })).status).toBe(409);
  });
});

describe("the check's email address", () => {
  test("is in the check JSON when the SMTP listener is on, and absent when it is off", async () => {
    const on = anApi({ config: { smtpListen: "127.0.0.1:0", emailDomains: ["ping.example.org", "other.example"] } });
    const created = await on.create({ name: "mailed" });
    expect(created.email).toBe(`${created.uuid}@ping.example.org`);
    const off = anApi();
    expect((await off.create({ name: "not mailed" })).email).toBeUndefined();
  });

  test("is not shown to read-only keys, which see no uuid", async () => {
    const a = anApi({ config: { smtpListen: "127.0.0.1:0", emailDomains: ["ping.example.org"] } });
    const created = await a.create({ name: "mailed" });
    const ro = await a.call("GET", `/api/v3/checks/${created.uuid}`, undefined, a.keys.apiKeyReadOnly);
    expect(ro.json.email).toBeUndefined();
  });
});
