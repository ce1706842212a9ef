import { describe, expect, test } from "bun:test";
import { aWorld } from "../support/world.ts";

describe("Uptime Kuma push URLs", () => {
  test("status=up records a success and answers {ok:true}", async () => {
    const w = aWorld();
    const check = w.addCheck({ pushToken: "kumaToken123" });
    const res = await w.request("/api/push/kumaToken123?status=up&msg=OK&ping=250");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(w.pings(check)).toMatchObject([{ kind: "success", msg: "OK", duration: 0.25 }]);
    expect(w.reload(check).status).toBe("up");
  });

  test("a missing status counts as up, any other status as a failure", async () => {
    const w = aWorld();
    const check = w.addCheck({ pushToken: "kumaToken123" });
    await w.request("/api/push/kumaToken123");
    await w.request("/api/push/kumaToken123?status=down&msg=disk%20full", { method: "POST" });
    expect(w.pings(check).map((p) => [p.kind, p.msg])).toEqual([
      ["success", null],
      ["fail", "disk full"],
    ]);
    expect(w.reload(check).status).toBe("down");
  });

  test("an unknown token answers 404 in Kuma's words", async () => {
    const w = aWorld();
    const res = await w.request("/api/push/nosuchtoken");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, msg: "Monitor not found or not active." });
  });
});

describe("Crontify routes", () => {
  test.each([
    ["start", "running", "start"],
    ["success", "success", "success"],
    ["fail", "failed", "fail"],
  ] as const)("POST /api/v1/ping/<uuid>/%s answers status %s", async (event, status, kind) => {
    const w = aWorld();
    const check = w.addCheck();
    const rid = crypto.randomUUID();
    const res = await w.request(`/api/v1/ping/${check.uuid}/${event}?rid=${rid}`, { method: "POST", headers: { "X-API-Key": "ck_live_anything" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      success: true,
      data: { received: true, monitorId: check.uuid, runId: rid, status, timestamp: "2026-01-15T12:00:00+00:00" },
    });
    expect(w.pings(check).map((p) => p.kind)).toEqual([kind]);
  });

  test("understands a Crontify JSON body: errorMessage, numeric meta and logOutput", async () => {
    const w = aWorld();
    const check = w.addCheck();
    const body = JSON.stringify({ errorMessage: "Database connection timeout", meta: { exit_code: 1, rows: 1523, note: "text is dropped" }, logOutput: "Traceback ..." });
    await w.request(`/api/v1/ping/${check.uuid}/fail`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
    const [ping] = w.pings(check);
    expect(ping!.kind).toBe("fail");
    expect(ping!.msg).toBe("Database connection timeout");
    expect(JSON.parse(ping!.metrics!)).toEqual({ exit_code: 1, rows: 1523 });
    expect(new TextDecoder().decode(ping!.body!)).toBe("Traceback ...");
  });

  test.each([
    { name: "over 1 MB", body: JSON.stringify({ errorMessage: "boom", logOutput: "x".repeat(1_000_000) }) },
    { name: "nested deeper than its shape", body: `{"errorMessage":"boom","logOutput":"short","deep":${"[".repeat(100)}${"]".repeat(100)}}` },
    { name: "thousands of tiny members", body: `{"errorMessage":"boom","meta":{${Array.from({ length: 5_000 }, (_, i) => `"m${i}":${i}`).join(",")}}}` },
  ])("stores a Crontify body $name as sent, without parsing it", async ({ body }) => {
    const w = aWorld({ config: { pingBodyLimit: 2_000_000 } });
    const check = w.addCheck();
    const res = await w.request(`/api/v1/ping/${check.uuid}/fail`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
    expect(res.status).toBe(200);
    const [ping] = w.pings(check);
    expect(ping).toMatchObject({ kind: "fail", msg: null, metrics: null });
    expect(new TextDecoder().decode(ping!.body!)).toBe(body);
  });

  test("answers unknown monitors with 404 JSON", async () => {
    const w = aWorld();
    const res = await w.request(`/api/v1/ping/${crypto.randomUUID()}/start`, { method: "POST" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ success: false, error: "not found" });
  });
});

describe("StatusRooster route", () => {
  test("GET, POST and HEAD record a success and answer with the next expected time in UNIX seconds", async () => {
    const w = aWorld();
    const check = w.addCheck({ name: "Nightly Backup Job", timeout: 86_400, pushToken: "aBcDeFgH123" });
    for (const method of ["GET", "POST", "HEAD"]) {
      const res = await w.request(`/api/ping/${check.uuid}?token=aBcDeFgH123`, { method });
      expect(res.status).toBe(200);
      if (method !== "HEAD") {
        expect(await res.json()).toEqual({ ok: true, status: "up", monitor: "Nightly Backup Job", next_expected_before: (Date.UTC(2026, 0, 16, 12) / 1000) });
      }
    }
    expect(w.pings(check)).toHaveLength(3);
  });

  test("a paused check with manual resume answers status paused and stays paused", async () => {
    const w = aWorld();
    const check = w.addCheck({ manualResume: true });
    w.setState(check, { status: "paused" });
    const res = await w.request(`/api/ping/${check.uuid}`);
    expect(await res.json()).toEqual({ ok: true, status: "paused", message: "Monitor is paused — ping recorded but not tracked" });
    expect(w.pings(check).map((p) => p.kind)).toEqual(["ign"]);
    expect(w.reload(check).status).toBe("paused");
  });

  test("a token that is not the check's push token answers 403 invalid token and stores nothing; without one the ping counts", async () => {
    const w = aWorld();
    const check = w.addCheck({ pushToken: "aBcDeFgH123" });
    const other = w.addCheck({ pushToken: "otherToken99" });
    for (const token of ["wrong", "", "otherToken99"]) {
      const res = await w.request(`/api/ping/${check.uuid}?token=${token}`);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ ok: false, error: "invalid token" });
    }
    expect(w.pings(check)).toEqual([]);
    expect((await w.request(`/api/ping/${check.uuid}`)).status).toBe(200);
    expect(w.pings(check)).toHaveLength(1);
    expect(w.pings(other)).toEqual([]);
  });

  test("a check without a push token refuses any token", async () => {
    const w = aWorld();
    const check = w.addCheck();
    expect((await w.request(`/api/ping/${check.uuid}?token=anything`)).status).toBe(403);
  });

  test("an unknown id answers 404 JSON", async () => {
    const w = aWorld();
    const res = await w.request(`/api/ping/${crypto.randomUUID()}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, error: "not found" });
  });
});
