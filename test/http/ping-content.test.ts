import { describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { migratedStore, tempDbPath } from "../support/db.ts";
import { aWorld, T0 } from "../support/world.ts";

const decode = (b: Uint8Array | null): string => (b ? new TextDecoder().decode(b) : "");

describe("ping query parameters", () => {
  test("stores msg (cut at 1000 characters), host and series", async () => {
    const w = aWorld();
    const check = w.addCheck();
    await w.request(`/ping/${check.uuid}?msg=${"x".repeat(1500)}&host=web-1&series=nightly`);
    const [p] = w.pings(check);
    expect(p!.msg).toHaveLength(1000);
    expect(p).toMatchObject({ host: "web-1", series: "nightly" });
  });

  test("a bad rid answers 400 invalid uuid format and stores nothing", async () => {
    const w = aWorld();
    const check = w.addCheck();
    const res = await w.request(`/ping/${check.uuid}/start?rid=not-a-uuid`);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe("invalid uuid format");
    expect(w.pings(check)).toHaveLength(0);
  });

  test("exit_code or status_code classify a bare ping, but the path's event wins", async () => {
    const w = aWorld();
    const check = w.addCheck();
    await w.request(`/ping/${check.uuid}?exit_code=0`);
    await w.request(`/ping/${check.uuid}?status_code=2`);
    await w.request(`/ping/${check.uuid}/start?status_code=1`);
    await w.request(`/ping/${check.uuid}/success?exit_code=1`);
    // ignored, so never refused: the path said what happened
    expect((await w.request(`/ping/${check.uuid}/log?exit_code=999`)).status).toBe(200);
    expect(w.pings(check).map((p) => [p.kind, p.exit_status])).toEqual([
      ["success", 0],
      ["fail", 2],
      ["start", null],
      ["success", null],
      ["log", null],
    ]);
  });

  test.each(["256", "-1", "9999999999", "99999999999", "1.5", "0x1", " 1", ""])("exit_code=%p answers 400 invalid exit status and stores nothing", async (value) => {
    const w = aWorld();
    const check = w.addCheck();
    for (const name of ["exit_code", "status_code"]) {
      const res = await w.request(`/ping/${check.uuid}?${name}=${encodeURIComponent(value)}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toBe("invalid exit status");
    }
    expect(w.pings(check)).toHaveLength(0);
  });

  test.each(["0x10", "1e3", "-1", "10000000.5", "Infinity", "NaN", " 5", "5s", "1_000"])("duration=%p answers 400 invalid duration and stores nothing", async (value) => {
    const w = aWorld();
    const check = w.addCheck();
    const res = await w.request(`/ping/${check.uuid}?duration=${encodeURIComponent(value)}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe("invalid duration");
    expect(w.pings(check)).toHaveLength(0);
  });

  test.each([
    { value: "0", stored: 0 },
    { value: "12", stored: 12 },
    { value: "0.25", stored: 0.25 },
    { value: "10000000", stored: 10_000_000 },
  ])("duration=$value is stored as $stored seconds", async ({ value, stored }) => {
    const w = aWorld();
    const check = w.addCheck();
    expect((await w.request(`/ping/${check.uuid}?duration=${value}`)).status).toBe(200);
    expect(w.pings(check)[0]!.duration).toBe(stored);
  });

  test("takes the client address from X-Forwarded-For only when told to trust the proxy", async () => {
    const plain = aWorld();
    const a = plain.addCheck();
    await plain.request(`/ping/${a.uuid}`, { headers: { "X-Forwarded-For": "203.0.113.9, 10.0.0.1" } });
    expect(plain.pings(a)[0]!.remote_addr).toBe("192.0.2.7");
    const proxied = aWorld({ config: { trustProxy: true } });
    const b = proxied.addCheck();
    await proxied.request(`/ping/${b.uuid}`, { headers: { "X-Forwarded-For": "203.0.113.9, 10.0.0.1" } });
    await proxied.request(`/ping/${b.uuid}`, { headers: { "X-Real-IP": "203.0.113.10" } });
    expect(proxied.pings(b).map((p) => p.remote_addr)).toEqual(["203.0.113.9", "203.0.113.10"]);
  });

  test("stores the user agent, cut at 200 characters", async () => {
    const w = aWorld();
    const check = w.addCheck();
    await w.request(`/ping/${check.uuid}`, { headers: { "User-Agent": "curl/8.0 " + "z".repeat(300) } });
    expect(w.pings(check)[0]!.ua).toHaveLength(200);
  });
});

describe("runs paired by rid", () => {
  test("a success with the start's rid records the run's duration", async () => {
    const w = aWorld();
    const check = w.addCheck();
    const rid = crypto.randomUUID();
    await w.request(`/ping/${check.uuid}/start?rid=${rid}`);
    w.clock.advance(42_500);
    await w.request(`/ping/${check.uuid}?rid=${rid.toUpperCase()}`);
    expect(w.pings(check).map((p) => p.duration)).toEqual([null, 42.5]);
    expect(w.reload(check)).toMatchObject({ lastDuration: 42.5, lastStart: null });
  });

  test("a success with another rid leaves the run open", async () => {
    const w = aWorld();
    const check = w.addCheck();
    const rid = crypto.randomUUID();
    await w.request(`/ping/${check.uuid}/start?rid=${rid}`);
    w.clock.advance(10_000);
    await w.request(`/ping/${check.uuid}?rid=${crypto.randomUUID()}`);
    expect(w.pings(check)[1]!.duration).toBeNull();
    expect(w.reload(check)).toMatchObject({ lastStart: T0, lastStartRid: rid });
  });

  test("a client-reported duration wins over the computed one", async () => {
    const w = aWorld();
    const check = w.addCheck();
    await w.request(`/ping/${check.uuid}/start`);
    w.clock.advance(5_000);
    await w.request(`/ping/${check.uuid}?duration=3.25`);
    expect(w.pings(check)[1]!.duration).toBe(3.25);
  });
});

describe("ping bodies", () => {
  test("a JSON body on a plain ping route is stored as sent, even in Crontify's shape", async () => {
    const w = aWorld();
    const check = w.addCheck({ slug: "job" });
    const body = JSON.stringify({ errorMessage: "boom", meta: { rows: 3 }, logOutput: "only part of it" });
    for (const path of [`/ping/${check.uuid}/fail`, "/ping/pingkeypingkey0001/job", `/api/ping/${check.uuid}`]) {
      const res = await w.request(path, { method: "POST", headers: { "Content-Type": "application/json" }, body });
      expect(res.status).toBe(200);
    }
    const pings = w.pings(check);
    expect(pings).toHaveLength(3);
    for (const p of pings) {
      expect(p).toMatchObject({ msg: null, metrics: null });
      expect(decode(p.body)).toBe(body);
    }
  });

  test("stores a body up to the limit and cuts the rest", async () => {
    const w = aWorld({ config: { pingBodyLimit: 10 } });
    const check = w.addCheck();
    await w.request(`/ping/${check.uuid}`, { method: "POST", body: "0123456789ABCDEF" });
    expect(decode(w.pings(check)[0]!.body)).toBe("0123456789");
  });

  test("accepts binary and non-UTF-8 bodies byte for byte", async () => {
    const w = aWorld();
    const check = w.addCheck();
    const bytes = new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0x41]);
    await w.request(`/ping/${check.uuid}`, { method: "POST", body: bytes });
    expect([...w.pings(check)[0]!.body!]).toEqual([...bytes]);
  });

  test("refuses a body declared over 10 MB with 413 and stores nothing", async () => {
    const w = aWorld();
    const check = w.addCheck();
    const res = await w.request(`/ping/${check.uuid}`, { method: "POST", headers: { "Content-Length": "10000001" }, body: "x" });
    expect(res.status).toBe(413);
    expect(w.pings(check)).toHaveLength(0);
  });

  test("stores a streamed body of any length cut to the body limit, reading no more of it", async () => {
    const w = aWorld();
    const check = w.addCheck();
    const chunk = new Uint8Array(1_000_000).fill(0x61);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 11) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await w.request(`/ping/${check.uuid}`, { method: "POST", body });
    expect(res.status).toBe(200);
    expect(w.pings(check)[0]!.body).toEqual(new Uint8Array(100_000).fill(0x61));
    expect(sent).toBeLessThanOrEqual(2);
  });
});

describe("check settings that change how pings count", () => {
  test("keyword filters classify a bare ping by its body: failure, then success, then start", async () => {
    const w = aWorld();
    const check = w.addCheck();
    w.setDefinition(check, { filterHttpBody: true, failureKw: "ERROR, fatal", successKw: "done", startKw: "begin" });
    for (const body of ["begin backup", "all done", "done with a FATAL error", "nothing special"]) {
      await w.request(`/ping/${check.uuid}`, { method: "POST", body });
    }
    expect(w.pings(check).map((p) => p.kind)).toEqual(["start", "success", "fail", "ign"]);
  });

  test("with filter_default_fail an unmatched body is a failure", async () => {
    const w = aWorld();
    const check = w.addCheck();
    w.setDefinition(check, { filterHttpBody: true, successKw: "ok", filterDefaultFail: true });
    await w.request(`/ping/${check.uuid}`, { method: "POST", body: "something else" });
    expect(w.pings(check).map((p) => p.kind)).toEqual(["fail"]);
  });

  test("a POST-only check stores other methods as ignored and stays new", async () => {
    const w = aWorld();
    const check = w.addCheck({ methods: "POST" });
    await w.request(`/ping/${check.uuid}`);
    await w.request(`/ping/${check.uuid}`, { method: "HEAD" });
    expect(w.reload(check).status).toBe("new");
    await w.request(`/ping/${check.uuid}`, { method: "POST" });
    expect(w.pings(check).map((p) => p.kind)).toEqual(["ign", "ign", "success"]);
    expect(w.reload(check).status).toBe("up");
  });

  test("/pause/<hours> mutes the check without changing its status; 0 unmutes", async () => {
    const w = aWorld();
    const check = w.addCheck();
    await w.request(`/ping/${check.uuid}`);
    expect(await (await w.request(`/ping/${check.uuid}/pause/2`)).text()).toBe("OK");
    expect(w.reload(check)).toMatchObject({ status: "up", mutedUntil: T0 + 2 * 3_600_000 });
    await w.request(`/ping/${check.uuid}/p/0`);
    expect(w.reload(check).mutedUntil).toBeNull();
    expect(w.pings(check).map((p) => p.kind)).toEqual(["success", "log", "log"]);
    expect((await w.request(`/ping/${check.uuid}/pause/100001`)).status).toBe(400);
    expect((await w.request(`/ping/${check.uuid}/pause/x`)).status).toBe(400);
  });

  test("/ok brings a down check up silently", async () => {
    const w = aWorld();
    const check = w.addCheck();
    await w.request(`/ping/${check.uuid}/fail`);
    // a minute later, so that the change gets a row of its own instead of folding (SPEC §3)
    w.clock.advance(2 * 60_000);
    await w.request(`/ping/${check.uuid}/ok`);
    expect(w.reload(check).status).toBe("up");
    expect(w.flips(check)).toEqual([
      { old_status: "new", new_status: "down", reason: "fail", silent: 0 },
      { old_status: "down", new_status: "up", reason: "ok", silent: 1 },
    ]);
  });

  test("a fail ping writes its flip in the same transaction as the ping", async () => {
    const w = aWorld();
    const check = w.addCheck();
    await w.request(`/ping/${check.uuid}`);
    w.clock.advance(2 * 60_000);
    await w.request(`/ping/${check.uuid}/fail`);
    expect(w.flips(check).map((f) => [f.old_status, f.new_status, f.silent])).toEqual([
      ["new", "up", 1],
      ["up", "down", 0],
    ]);
    expect(w.services.scheduler.nextDeadline()).toBeNull();
  });
});

describe("retention", () => {
  test("keeps only the newest pings of each check", async () => {
    const w = aWorld({ config: { pingLogLimit: 3 } });
    const check = w.addCheck();
    for (let i = 0; i < 7; i++) await w.request(`/ping/${check.uuid}?msg=${i}`);
    expect(w.pings(check).map((p) => [p.n, p.msg])).toEqual([
      [5, "4"],
      [6, "5"],
      [7, "6"],
    ]);
    expect(w.reload(check).nPings).toBe(7);
  });
});

describe("group commit", () => {
  test("answers every concurrent ping after one shared commit", async () => {
    const w = aWorld();
    const checks = Array.from({ length: 20 }, () => w.addCheck());
    const before = w.services.writer.committedBatches;
    const answers = await Promise.all(checks.map((c) => w.request(`/ping/${c.uuid}`)));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(w.services.writer.committedBatches - before).toBe(1);
    expect({ n: w.count("pings") }).toEqual({ n: 20 });
  });

  test("a failed batch answers 503 try again and loses nothing already committed", async () => {
    const path = tempDbPath();
    // Tocsin waits only 20 ms for a lock held by someone else
    const w = aWorld({ store: migratedStore(path, { busyTimeoutMs: 20 }) });
    const check = w.addCheck();
    await w.request(`/ping/${check.uuid}`);
    // another process holds the write lock longer than Tocsin waits: the batch cannot commit
    const other = new Database(path);
    other.run("BEGIN IMMEDIATE");
    const res = await w.request(`/ping/${check.uuid}`);
    other.run("COMMIT");
    other.close();
    expect(res.status).toBe(503);
    expect(await res.text()).toBe("try again");
    expect(w.pings(check)).toHaveLength(1);
    expect((await w.request(`/ping/${check.uuid}`)).status).toBe(200);
    expect(w.pings(check)).toHaveLength(2);
  });
});
