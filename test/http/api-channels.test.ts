// Management API for channels, notifications and maintenance windows (SPEC §6, §8).
import { afterEach, describe, expect, test } from "bun:test";
import { aReceiver, anAlertWorld, type Receiver } from "../notify/support.ts";

let receiver: Receiver | null = null;
// response bodies are asserted field by field
const j = (r: Response): Promise<any> => r.json();
afterEach(() => {
  receiver?.stop();
  receiver = null;
});

function api() {
  const w = anAlertWorld();
  const call = (method: string, path: string, body?: unknown, key: string = w.keys.apiKey) =>
    w.request(path, { method, headers: { "X-Api-Key": key, "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { ...w, call };
}

describe("channels API", () => {
  test("creates a webhook channel with 201 and its JSON", async () => {
    const w = api();
    const res = await w.call("POST", "/api/v3/channels/", { name: "hook", kind: "webhook", settings: { url: "http://127.0.0.1:9/x" } });
    expect(res.status).toBe(201);
    const body = await j(res);
    expect(body).toMatchObject({ name: "hook", kind: "webhook", settings: { url: "http://127.0.0.1:9/x", method: "POST", on_down: true, on_up: true } });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    const listed = await j(await w.call("GET", "/api/v3/channels/"));
    expect(listed.channels.map((c: { id: string }) => c.id)).toEqual([body.id]);
    expect(await j(await w.call("GET", `/api/v3/channels/${body.id.toUpperCase()}`))).toEqual(body);
  });

  test.each([
    { name: "a missing url", body: { kind: "webhook", settings: {} }, error: "json validation error: settings.url is required" },
    { name: "a bad url", body: { kind: "slack", settings: { url: "ftp://x" } }, error: "json validation error: settings.url must be an http or https URL" },
    { name: "a bad email address", body: { kind: "email", settings: { to: ["not-an-address"] } }, error: "json validation error: settings.to.0 must be an email address" },
    { name: "a wrong type", body: { kind: "telegram", settings: { bot_token: 5, chat_id: "1" } }, error: "json validation error: settings.bot_token is not a string" },
    { name: "an unknown kind", body: { kind: "carrier-pigeon" }, error: "json validation error: kind must be one of" },
    { name: "the shell kind", body: { kind: "shell", settings: { argv: ["true"] } }, error: 'json validation error: kind "shell" can only be declared in the config file' },
    { name: "a name that is not a string", body: { name: 5, kind: "slack", settings: { url: "https://x.test" } }, error: "json validation error: name is not a string" },
  ])("refuses $name with 400 naming the field", async ({ body, error }) => {
    const w = api();
    const res = await w.call("POST", "/api/v3/channels/", body);
    expect(res.status).toBe(400);
    expect((await j(res)).error).toStartWith(error);
  });

  test("answers 400 for a body that is not JSON", async () => {
    const w = api();
    const res = await w.request("/api/v3/channels/", { method: "POST", headers: { "X-Api-Key": w.keys.apiKey }, body: "{nope" });
    expect(res.status).toBe(400);
  });

  test.each([
    { kind: "telegram", settings: { bot_token: "123456:ABCDEFGHIJKLMNOPQRSTUV", chat_id: "42" }, secret: "bot_token", shown: "****STUV" },
    { kind: "pagerduty", settings: { routing_key: "abcdefghijklmnopqrstuvwxyz012345" }, secret: "routing_key", shown: "****2345" },
    { kind: "ntfy", settings: { topic: "t", token: "short" }, secret: "token", shown: "****" },
    { kind: "slack", settings: { url: "https://hooks.slack.test/services/T000/B000/XXXXXXXXXXXXXXXX" }, secret: "url", shown: "https://hooks.slack.test/****XXXX" },
    { kind: "webhook", settings: { url: "https://u:pw@example.test/x?token=abc", secret: "hmac-secret-long-enough", headers: { Authorization: "Bearer abc" } }, secret: "secret", shown: "****ough" },
  ])("never returns $kind secrets in full", async ({ kind, settings, secret, shown }) => {
    const w = api();
    const res = await w.call("POST", "/api/v3/channels/", { kind, settings });
    expect(res.status).toBe(201);
    const text = await res.clone().text();
    expect((await j(res)).settings[secret]).toBe(shown);
    for (const value of Object.values(settings)) if (typeof value === "string" && value.length > 8 && secret !== "url") expect(text).not.toContain(value);
    if (kind === "webhook") expect(text).not.toContain("pw@");
  });

  test("webhook URLs keep their path but hide user name, password and query values; header values are hidden unless plainly harmless", async () => {
    const w = api();
    const headers = { Authorization: "Bearer abcdefghijklmnopqrstu", "X-Plain": "v", "X-Team-Route": "routing-0123456789abcdef", "Content-Type": "application/json" };
    const res = await w.call("POST", "/api/v3/channels/", { kind: "webhook", settings: { url: "https://alice:pw@example.test/x?token=abc", url_up: "https://deploy-token@example.test/up", headers } });
    const text = await res.clone().text();
    const settings = (await j(res)).settings;
    expect(settings.url).toBe("https://****:****@example.test/x?token=****");
    expect(settings.url_up).toBe("https://****@example.test/up");
    expect(settings.headers).toEqual({ Authorization: "****rstu", "X-Plain": "****", "X-Team-Route": "****cdef", "Content-Type": "application/json" });
    for (const secret of ["alice", "deploy-token", "routing-0123456789abcdef"]) expect(text).not.toContain(secret);
  });

  test.each([
    { kind: "ntfy", settings: { topic: "alerts-of-my-own-7f3a9c", url: "https://bob:hunter2@ntfy.example.test" }, shown: { topic: "****3a9c", url: "https://****:****@ntfy.example.test/" }, hidden: ["alerts-of-my-own", "bob", "hunter2"] },
    { kind: "gotify", settings: { url: "https://carol:pw@gotify.example.test/", token: "AbCdEfGhIjKlMnOp" }, shown: { url: "https://****:****@gotify.example.test/", token: "****MnOp" }, hidden: ["carol", "AbCdEfGhIjKl"] },
  ])("masks $kind settings that grant access", async ({ kind, settings, shown, hidden }) => {
    const w = api();
    const res = await w.call("POST", "/api/v3/channels/", { kind, settings });
    expect(res.status).toBe(201);
    const text = await res.clone().text();
    const body = await j(res);
    expect(body.settings).toMatchObject(shown);
    for (const secret of hidden) expect(text).not.toContain(secret);
  });

  test("a shell channel shows its program but not its arguments, and settings that no longer parse show no text", async () => {
    const w = api();
    const shell = w.addChannel("shell", { argv: ["/usr/local/bin/page", "--key", "pager-key-0123"] }, { name: "page", managed: true });
    const stale = w.store.write((tx) => tx.insertChannel({ id: crypto.randomUUID(), projectId: w.project.id, name: "stale", kind: "shell", settings: { argv: ["/bin/sh", "-c", "curl -u admin:pw https://x.test?n=$NAME"] }, managed: true, created: 0 }));
    const listed = await w.call("GET", "/api/v3/channels/");
    const text = await listed.clone().text();
    const byName = Object.fromEntries((await j(listed)).channels.map((c: { name: string; settings: unknown }) => [c.name, c.settings]));
    expect(byName.page).toMatchObject({ argv: ["/usr/local/bin/page", "****", "****"] });
    expect(byName.stale).toEqual({ argv: ["****", "****", "****"] });
    for (const secret of ["pager-key-0123", "admin:pw"]) expect(text).not.toContain(secret);
    expect([shell.id, stale.id].every((id) => text.includes(id))).toBe(true);
  });

  test("refuses a second channel with the same name in a project with 409, but not in another project", async () => {
    const w = api();
    expect((await w.call("POST", "/api/v3/channels/", { name: "ops", kind: "slack", settings: { url: "https://x.test/a" } })).status).toBe(201);
    const again = await w.call("POST", "/api/v3/channels/", { name: "ops", kind: "webhook", settings: { url: "https://x.test/b" } });
    expect(again.status).toBe(409);
    expect(await j(again)).toEqual({ error: "name already in use" });
    w.addChannel("slack", { url: "https://x.test/m" }, { name: "declared", managed: true });
    expect((await w.call("POST", "/api/v3/channels/", { name: "declared", kind: "slack", settings: { url: "https://x.test/c" } })).status).toBe(409);
    const other = w.tx.createProject("other", "Other", 0);
    expect((await w.call("POST", "/api/v3/channels/", { name: "ops", kind: "slack", settings: { url: "https://x.test/d" } }, other.apiKey)).status).toBe(201);
    // unnamed channels are referred to by id only, so any number of them may exist
    for (let i = 0; i < 2; i++) expect((await w.call("POST", "/api/v3/channels/", { kind: "slack", settings: { url: "https://x.test/e" } })).status).toBe(201);
    expect((await j(await w.call("GET", "/api/v3/channels/"))).channels.map((c: { name: string }) => c.name).sort()).toEqual(["", "", "declared", "ops"]);
  });

  test("refuses renaming a channel to a name another channel of the project has, with 409", async () => {
    const w = api();
    const first = await j(await w.call("POST", "/api/v3/channels/", { name: "ops", kind: "slack", settings: { url: "https://x.test/a" } }));
    await w.call("POST", "/api/v3/channels/", { name: "pager", kind: "slack", settings: { url: "https://x.test/b" } });
    const renamed = await w.call("POST", `/api/v3/channels/${first.id}`, { name: "pager" });
    expect(renamed.status).toBe(409);
    expect(await j(renamed)).toEqual({ error: "name already in use" });
    // its own name, sent back with its JSON, is no conflict
    expect((await w.call("POST", `/api/v3/channels/${first.id}`, { name: "ops" })).status).toBe(200);
  });

  test("another project's channel is 403, an unknown one 404, a read-only key 401", async () => {
    const w = api();
    const other = w.tx.createProject("other", "Other", 0);
    const created = await j(await w.call("POST", "/api/v3/channels/", { kind: "slack", settings: { url: "https://x.test/h" } }, other.apiKey));
    expect((await w.call("GET", `/api/v3/channels/${created.id}`)).status).toBe(403);
    expect((await w.call("DELETE", `/api/v3/channels/${created.id}`)).status).toBe(403);
    expect((await w.call("POST", `/api/v3/channels/${created.id}/test`)).status).toBe(403);
    expect((await w.call("GET", `/api/v3/channels/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await w.call("GET", "/api/v3/channels/not-a-uuid")).status).toBe(404);
    expect((await w.call("GET", "/api/v3/channels/", undefined, w.keys.apiKeyReadOnly)).status).toBe(401);
    expect((await w.request("/api/v3/channels/")).status).toBe(401);
  });

  test("deletes a channel, and refuses a managed one with 409", async () => {
    const w = api();
    const created = await j(await w.call("POST", "/api/v3/channels/", { kind: "slack", settings: { url: "https://x.test/h" } }));
    expect((await w.call("DELETE", `/api/v3/channels/${created.id}`)).status).toBe(200);
    expect((await w.call("GET", `/api/v3/channels/${created.id}`)).status).toBe(404);
    const managed = w.addChannel("slack", { url: "https://x.test/m" }, { managed: true });
    const res = await w.call("DELETE", `/api/v3/channels/${managed.id}`);
    expect(res.status).toBe(409);
    expect(await j(res)).toEqual({ error: "managed by config file" });
  });

  test("POST /channels/<id> renames and merges settings; secrets left out or sent back masked keep their value", async () => {
    receiver = aReceiver({ statuses: [200] });
    const w = api();
    const created = await j(await w.call("POST", "/api/v3/channels/", { name: "hook", kind: "webhook", settings: { url: `${receiver.url}/a`, secret: "hmac-secret-long-enough", body: "x" } }));
    const renamed = await w.call("POST", `/api/v3/channels/${created.id}`, { name: "ops hook", settings: { url: `${receiver.url}/b`, on_up: false, body: null } });
    expect(renamed.status).toBe(200);
    expect(await j(renamed)).toMatchObject({ id: created.id, name: "ops hook", kind: "webhook", settings: { url: `${receiver.url}/b`, on_up: false, body: "", secret: "****ough" } });
    // the channel's own JSON sent back unchanged: nothing changes, the masked secret included
    const shown = await j(await w.call("GET", `/api/v3/channels/${created.id}`));
    expect((await w.call("POST", `/api/v3/channels/${created.id}`, shown)).status).toBe(200);
    await w.call("POST", `/api/v3/channels/${created.id}/test`);
    const signature = receiver.received[0]!.headers.get("x-tocsin-signature");
    const expected = new Bun.CryptoHasher("sha256", "hmac-secret-long-enough").update(receiver.received[0]!.body).digest("hex");
    expect(signature).toBe(`sha256=${expected}`);
    expect(receiver.received[0]!.url.pathname).toBe("/b");
  });

  test.each([
    { name: "settings the kind refuses", body: { settings: { url: "ftp://x" } }, status: 400, error: "json validation error: settings.url must be an http or https URL" },
    { name: "another kind", body: { kind: "slack" }, status: 400, error: "json validation error: kind cannot change; create another channel" },
    { name: "a name that is not a string", body: { name: 5 }, status: 400, error: "json validation error: name is not a string" },
  ])("POST /channels/<id> refuses $name with $status and changes nothing", async ({ body, status, error }) => {
    const w = api();
    const created = await j(await w.call("POST", "/api/v3/channels/", { name: "hook", kind: "webhook", settings: { url: "https://x.test/h" } }));
    const res = await w.call("POST", `/api/v3/channels/${created.id}`, body);
    expect(res.status).toBe(status);
    expect(await j(res)).toEqual({ error });
    expect(await j(await w.call("GET", `/api/v3/channels/${created.id}`))).toEqual(created);
  });

  test("POST /channels/<id> refuses a managed channel with 409 and a released shell channel with 400", async () => {
    const w = api();
    const managed = w.addChannel("slack", { url: "https://x.test/m" }, { managed: true });
    const res = await w.call("POST", `/api/v3/channels/${managed.id}`, { name: "mine" });
    expect(res.status).toBe(409);
    expect(await j(res)).toEqual({ error: "managed by config file" });
    const shell = w.addChannel("shell", { argv: ["/bin/true"] });
    const refused = await w.call("POST", `/api/v3/channels/${shell.id}`, { settings: { argv: ["/bin/sh", "-c", "echo pwned"] } });
    expect(refused.status).toBe(400);
    expect((await j(await w.call("GET", `/api/v3/channels/${shell.id}`))).settings.argv).toEqual(["/bin/true"]);
  });

  test("POST .../test sends a test message now and answers the outcome", async () => {
    receiver = aReceiver({ statuses: [200, 404] });
    const w = api();
    const created = await j(await w.call("POST", "/api/v3/channels/", { kind: "webhook", settings: { url: `${receiver.url}/t?s=$STATUS` } }));
    const ok = await w.call("POST", `/api/v3/channels/${created.id}/test`);
    expect(ok.status).toBe(200);
    expect(await j(ok)).toMatchObject({ ok: true, status: "ok", error: "" });
    expect(receiver.received[0]!.url.searchParams.get("s")).toBe("test");
    const failed = await j(await w.call("POST", `/api/v3/channels/${created.id}/test`));
    expect(failed).toMatchObject({ ok: false, status: "permanent", error: "HTTP 404: status 404" });
    expect((await j(await w.call("GET", `/api/v3/channels/${created.id}`))).last_error).toBe("HTTP 404: status 404");
  });

  test("answers OPTIONS with 204 and other methods with 405", async () => {
    const w = api();
    expect((await w.request("/api/v3/channels/", { method: "OPTIONS" })).status).toBe(204);
    expect((await w.call("PUT", "/api/v3/channels/")).status).toBe(405);
  });
});

describe("notifications API", () => {
  test("lists a check's delivery attempts, newest first", async () => {
    receiver = aReceiver({ statuses: [500] });
    const w = api();
    const check = w.addCheck({ name: "job" });
    const hook = w.addChannel("webhook", { url: `${receiver.url}/x` }, { name: "ops hook" });
    w.assign(check, hook);
    await w.ping(check, "/fail");
    await w.notifier.runDue();
    w.clock.advance(300_000);
    await w.notifier.runDue();
    const res = await w.call("GET", `/api/v3/checks/${check.uuid}/notifications/`);
    expect(res.status).toBe(200);
    expect((await j(res)).notifications).toMatchObject([
      { channel: hook.id, channel_kind: "webhook", channel_name: "ops hook", event: "down", attempt: 2, status: "ok", error: "", created: "2026-01-15T12:05:00+00:00" },
      { channel: hook.id, event: "down", attempt: 1, status: "error", error: "HTTP 500: status 500", created: "2026-01-15T12:00:00+00:00" },
    ]);
    expect((await w.call("GET", `/api/v3/checks/${crypto.randomUUID()}/notifications/`)).status).toBe(404);
  });
});

describe("maintenance API", () => {
  test("creates, lists and deletes windows", async () => {
    const w = api();
    const start = Date.UTC(2026, 0, 20, 22, 0, 0) / 1000;
    const oneOff = await w.call("POST", "/api/v3/maintenance/", { name: "migration", start, end: start + 7_200, slugs: ["db"] });
    expect(oneOff.status).toBe(201);
    expect(await j(oneOff)).toMatchObject({ name: "migration", start: "2026-01-20T22:00:00+00:00", end: "2026-01-21T00:00:00+00:00", cron: null, slugs: ["db"], tags: [], active: false, managed: false });
    const weekly = await j(await w.call("POST", "/api/v3/maintenance/", { name: "sunday", cron: "0 3 * * 0", tz: "Europe/Riga", duration: 3_600, tags: "prod db" }));
    expect(weekly).toMatchObject({ cron: "0 3 * * 0", tz: "Europe/Riga", duration: 3_600, tags: ["prod", "db"], next: { start: "2026-01-18T01:00:00+00:00", end: "2026-01-18T02:00:00+00:00" } });
    const iso = await w.call("POST", "/api/v3/maintenance/", { start: "2026-01-15T12:00:00+02:00", end: "2026-01-15T13:00:00Z", slugs: ["*"] });
    expect(await j(iso)).toMatchObject({ start: "2026-01-15T10:00:00+00:00", active: true });
    const list = await j(await w.call("GET", "/api/v3/maintenance/"));
    expect(list.maintenance).toHaveLength(3);
    expect((await w.call("DELETE", `/api/v3/maintenance/${weekly.id}`)).status).toBe(200);
    expect((await w.call("DELETE", `/api/v3/maintenance/${weekly.id}`)).status).toBe(404);
    expect((await j(await w.call("GET", "/api/v3/maintenance/"))).maintenance).toHaveLength(2);
  });

  test.each([
    { name: "a window without a shape", body: { slugs: ["db"] }, error: "either start and end, or cron and duration, are required" },
    { name: "a bad cron", body: { cron: "61 * * * *", duration: 60, slugs: ["db"] }, error: "cron:" },
    { name: "a local time without offset", body: { start: "2026-01-15T12:00:00", end: "2026-01-15T13:00:00", slugs: ["db"] }, error: "start" },
    { name: "a window selecting nothing", body: { cron: "0 3 * * *", duration: 60 }, error: "slugs or tags" },
  ])("refuses $name with 400", async ({ body, error }) => {
    const w = api();
    const res = await w.call("POST", "/api/v3/maintenance/", body);
    expect(res.status).toBe(400);
    expect((await j(res)).error).toContain(error);
  });

  test("refuses to delete a managed window and another project's", async () => {
    const w = api();
    const other = w.tx.createProject("other", "Other", 0);
    const theirs = await j(await w.call("POST", "/api/v3/maintenance/", { start: 0, end: 60, slugs: ["*"] }, other.apiKey));
    expect((await w.call("DELETE", `/api/v3/maintenance/${theirs.id}`)).status).toBe(403);
    w.tx.setWindowManaged(theirs.id, true);
    expect((await w.call("DELETE", `/api/v3/maintenance/${theirs.id}`, undefined, other.apiKey)).status).toBe(409);
  });
});
