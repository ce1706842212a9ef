import { describe, expect, test } from "bun:test";
import { CheckIndex } from "../../src/ingest/check-index.ts";
import { aWorld } from "../support/world.ts";

describe("ping URLs by uuid", () => {
  test.each([
    ["", "success", "up"],
    ["/start", "start", "new"],
    ["/run", "start", "new"],
    ["/r", "start", "new"],
    ["/fail", "fail", "down"],
    ["/f", "fail", "down"],
    ["/log", "log", "new"],
    ["/0", "success", "up"],
    ["/1", "fail", "down"],
    ["/255", "fail", "down"],
    ["/success", "success", "up"],
    ["/complete", "success", "up"],
    ["/c", "success", "up"],
    ["/ok", "success", "up"],
    ["/", "success", "up"],
  ] as const)("/ping/<uuid>%s is stored as %s and leaves the check %s", async (suffix, kind, status) => {
    const w = aWorld();
    const check = w.addCheck();
    const res = await w.request(`/ping/${check.uuid}${suffix}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("OK");
    expect(w.pings(check).map((p) => p.kind)).toEqual([kind]);
    expect(w.reload(check).status).toBe(status);
  });

  test("answers with the ping headers", async () => {
    const w = aWorld({ config: { pingBodyLimit: 1234 } });
    const check = w.addCheck();
    const res = await w.request(`/ping/${check.uuid}`);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("ping-body-limit")).toBe("1234");
  });

  test("records exit statuses and refuses 256 with 400 invalid url format", async () => {
    const w = aWorld();
    const check = w.addCheck();
    await w.request(`/ping/${check.uuid}/0`);
    await w.request(`/ping/${check.uuid}/1`);
    await w.request(`/ping/${check.uuid}/255`);
    const res = await w.request(`/ping/${check.uuid}/256`);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe("invalid url format");
    expect(w.pings(check).map((p) => [p.kind, p.exit_status])).toEqual([
      ["success", 0],
      ["fail", 1],
      ["fail", 255],
    ]);
  });

  test("accepts an uppercase uuid", async () => {
    const w = aWorld();
    const check = w.addCheck();
    const res = await w.request(`/ping/${check.uuid.toUpperCase()}`);
    expect(res.status).toBe(200);
    expect(w.pings(check)).toHaveLength(1);
  });

  test("answers 404 not found for an unknown uuid and stores nothing", async () => {
    const w = aWorld();
    const res = await w.request(`/ping/${crypto.randomUUID()}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("not found");
    expect({ n: w.count("pings") }).toEqual({ n: 0 });
  });

  test("answers 404 for unknown suffixes and malformed ids", async () => {
    const w = aWorld();
    const check = w.addCheck();
    expect((await w.request(`/ping/${check.uuid}/explode`)).status).toBe(404);
    expect((await w.request(`/ping/not-a-uuid`)).status).toBe(404);
    expect((await w.request(`/ping/`)).status).toBe(404);
    expect(w.pings(check)).toHaveLength(0);
  });

  test("records any HTTP method and answers HEAD without a body", async () => {
    const w = aWorld();
    const check = w.addCheck();
    for (const method of ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"]) {
      const res = await w.request(`/ping/${check.uuid}`, { method });
      expect(res.status).toBe(200);
    }
    expect(w.pings(check).map((p) => p.method)).toEqual(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"]);
  });

  test("answers OPTIONS with 204 and CORS headers without recording", async () => {
    const w = aWorld();
    const check = w.addCheck();
    const res = await w.request(`/ping/${check.uuid}`, { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(w.pings(check)).toHaveLength(0);
  });

  test("answers JSON with the next expected time when asked", async () => {
    const w = aWorld();
    const check = w.addCheck({ name: "backup", timeout: 3600, grace: 60 });
    const res = await w.request(`/ping/${check.uuid}`, { headers: { Accept: "application/json" } });
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ ok: true, status: "up", check: "backup", next_expected_before: "2026-01-15T13:00:00+00:00" });
  });

  test("stops answering for a check as soon as it leaves the index", async () => {
    const w = aWorld();
    const check = w.addCheck();
    w.services.index.removeCheck(check.id);
    expect((await w.request(`/ping/${check.uuid}`)).status).toBe(404);
  });
});

describe("ping URLs by ping key and slug", () => {
  test("pings the check with that slug, with every suffix", async () => {
    const w = aWorld();
    const check = w.addCheck({ slug: "db-backup" });
    expect(await (await w.request(`/ping/${w.project.pingKey}/db-backup/start`)).text()).toBe("OK");
    expect(await (await w.request(`/ping/${w.project.pingKey}/db-backup`)).text()).toBe("OK");
    expect(await (await w.request(`/ping/${w.project.pingKey}/db-backup/1`)).text()).toBe("OK");
    expect(w.pings(check).map((p) => p.kind)).toEqual(["start", "success", "fail"]);
  });

  test("refuses an uppercase slug or other characters with 400 invalid url format", async () => {
    const w = aWorld();
    w.addCheck({ slug: "db-backup" });
    for (const slug of ["DB-backup", "db.backup", "db%20backup"]) {
      const res = await w.request(`/ping/${w.project.pingKey}/${slug}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toBe("invalid url format");
    }
  });

  test("answers 404 for an unknown slug or ping key", async () => {
    const w = aWorld();
    w.addCheck({ slug: "db-backup" });
    expect((await w.request(`/ping/${w.project.pingKey}/nope`)).status).toBe(404);
    expect((await w.request(`/ping/otherpingkey00000000/db-backup`)).status).toBe(404);
  });

  test("creates an unknown slug with ?create=1: 201 Created, then 200 OK", async () => {
    const w = aWorld();
    const [c1, c2] = ["c1", "c2"].map((id) => w.tx.insertChannel({ id, projectId: w.project.id, name: id === "c1" ? "hook" : "mail", kind: id === "c1" ? "webhook" : "email", settings: {}, managed: false, created: 0 }));
    const first = await w.request(`/ping/${w.project.pingKey}/new-job?create=1`);
    expect(first.status).toBe(201);
    expect(await first.text()).toBe("Created");
    const second = await w.request(`/ping/${w.project.pingKey}/new-job?create=1`);
    expect(second.status).toBe(200);
    expect(await second.text()).toBe("OK");
    const row = w.rows("checks").find((c) => c.slug === "new-job")!;
    expect(row).toMatchObject({ name: "new-job", timeout: 86_400, grace: 3_600, status: "up", n_pings: 2 });
    const channels = w.rows("check_channels").filter((cc) => cc.check_id === row.id).map((cc) => ({ channel_id: cc.channel_id }));
    expect(channels).toEqual([{ channel_id: c1!.id }, { channel_id: c2!.id }]);
  });

  test("refuses to create beyond the project's check limit", async () => {
    const w = aWorld();
    w.setProject({ checkLimit: 1 });
    w.addCheck({ slug: "existing" });
    const res = await w.request(`/ping/${w.project.pingKey}/one-more?create=1`);
    expect(res.status).toBe(403);
    expect(await res.text()).toBe("check limit reached");
    expect({ n: w.count("checks") }).toEqual({ n: 1 });
  });

  test("creates one check when two pings for the same new slug share a batch", async () => {
    const w = aWorld();
    const [a, b] = await Promise.all([
      w.request(`/ping/${w.project.pingKey}/racy?create=1`),
      w.request(`/ping/${w.project.pingKey}/racy?create=1`),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect({ n: w.rows("checks").filter((c) => c.slug === "racy").length }).toEqual({ n: 1 });
  });
});

describe("ping authentication", () => {
  test("a ping_auth project requires auth_key or X-Ping-Key on uuid URLs", async () => {
    const w = aWorld();
    w.setProject({ pingAuth: true });
    const check = w.addCheck();
    const missing = await w.request(`/ping/${check.uuid}`);
    expect(missing.status).toBe(401);
    expect(await missing.text()).toBe("auth required");
    expect((await w.request(`/ping/${check.uuid}?auth_key=wrongwrongwrong00`)).status).toBe(401);
    expect((await w.request(`/ping/${check.uuid}?auth_key=${w.project.pingKey}`)).status).toBe(200);
    expect((await w.request(`/ping/${check.uuid}`, { headers: { "X-Ping-Key": w.project.pingKey } })).status).toBe(200);
    expect(w.pings(check)).toHaveLength(2);
  });

  test("slug URLs carry the ping key and need nothing more", async () => {
    const w = aWorld();
    w.setProject({ pingAuth: true });
    w.addCheck({ slug: "nightly" });
    expect((await w.request(`/ping/${w.project.pingKey}/nightly`)).status).toBe(200);
  });
});

describe("the in-memory index", () => {
  test("is loaded from the database at start", async () => {
    const w = aWorld();
    const check = w.tx.insertCheck({ projectId: w.project.id, uuid: crypto.randomUUID(), slug: "loaded", pushToken: "tok123" }, 0);
    const index = w.store.read((tx) => CheckIndex.load(tx));
    expect(index.checkByUuid(check.uuid)).toBe(check.id);
    expect(index.checkBySlug(w.project.id, "loaded")).toBe(check.id);
    expect(index.checkByPushToken("tok123")).toBe(check.id);
    expect(index.projectByPingKey(w.project.pingKey)?.id).toBe(w.project.id);
  });
});
