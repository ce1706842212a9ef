// Healthchecks clients keep working beside the Cronitor form: the requests runitor makes (start
// with a fresh rid, the exit status with the job's output as the body, cut to the Ping-Body-Limit
// it reads; slug and ping key with create=1) and the README's curl lines, over a real socket.
import { afterEach, describe, expect, test } from "bun:test";
import { aWorld, T0 } from "../support/world.ts";

const PK = "pingkeypingkey0001";
const UA = "runitor/v1.3.0 (+https://bdd.fi/x/runitor)";

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

function served() {
  const w = aWorld({ config: { pingBodyLimit: 1000 } });
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, development: false, fetch: (req, srv) => w.services.fetch(req, srv.requestIP(req)?.address ?? "") });
  stops.push(() => void server.stop(true));
  const base = `http://127.0.0.1:${server.port}`;
  const runitor = (path: string, body?: string) => fetch(`${base}${path}`, { method: "POST", headers: { "User-Agent": UA }, body: body ?? "" });
  return { ...w, base, runitor };
}

describe("runitor-style pings", () => {
  test("start with a rid, then exit status 0 with the output: a success with the run's duration", async () => {
    const w = served();
    const check = w.addCheck();
    const rid = crypto.randomUUID();
    const start = await w.runitor(`/ping/${check.uuid}/start?rid=${rid}`);
    expect(start.status).toBe(200);
    const limit = Number(start.headers.get("ping-body-limit"));
    expect(limit).toBe(1000);
    w.clock.set(T0 + 90_000);
    const output = `${"x".repeat(1200)}\ndone`;
    // runitor sends at most Ping-Body-Limit bytes, the tail of the output
    expect((await w.runitor(`/ping/${check.uuid}/0?rid=${rid}`, output.slice(-limit))).status).toBe(200);
    expect(w.pings(check).map((p) => [p.kind, p.rid, p.ua, p.duration, p.exit_status])).toEqual([
      ["start", rid, UA, null, null],
      ["success", rid, UA, 90, 0],
    ]);
    expect(new TextDecoder().decode(w.pings(check)[1]!.body!)).toEndWith("done");
    expect(w.reload(check)).toMatchObject({ status: "up", lastDuration: 90 });
  });

  test("a non-zero exit status is a failure with the output kept; -on-nonzero-exit log records without a state change", async () => {
    const w = served();
    const check = w.addCheck();
    await w.runitor(`/ping/${check.uuid}/3?rid=${crypto.randomUUID()}`, "Traceback ...");
    expect(w.reload(check).status).toBe("down");
    await w.runitor(`/ping/${check.uuid}/log?rid=${crypto.randomUUID()}`, "still failing");
    expect(w.pings(check).map((p) => [p.kind, p.exit_status])).toEqual([["fail", 3], ["log", null]]);
    expect(w.reload(check).status).toBe("down");
  });

  test("slug and ping key with -create: the first ping creates the check (201), the next ones find it", async () => {
    const w = served();
    const rid = crypto.randomUUID();
    expect((await w.runitor(`/ping/${PK}/db-backup/start?create=1&rid=${rid}`)).status).toBe(201);
    expect((await w.runitor(`/ping/${PK}/db-backup/0?create=1&rid=${rid}`, "ok")).status).toBe(200);
    const check = w.tx.getCheckBySlug(w.project.id, "db-backup")!;
    expect(check.name).toBe("db-backup");
    expect(w.pings(check).map((p) => p.kind)).toEqual(["start", "success"]);
  });
});

describe("curl-style pings from the README", () => {
  test("a bare GET is a success; --data-raw with the exit status is stored as the body", async () => {
    const w = served();
    const check = w.addCheck();
    const ok = await fetch(`${w.base}/ping/${check.uuid}`, { headers: { "User-Agent": "curl/8.5.0" } });
    expect([ok.status, await ok.text()]).toEqual([200, "OK"]);
    await fetch(`${w.base}/ping/${check.uuid}/1`, { method: "POST", headers: { "User-Agent": "curl/8.5.0", "Content-Type": "application/x-www-form-urlencoded" }, body: "disk full" });
    expect(w.pings(check).map((p) => [p.kind, p.ua, p.body === null ? null : new TextDecoder().decode(p.body)])).toEqual([
      ["success", "curl/8.5.0", null],
      ["fail", "curl/8.5.0", "disk full"],
    ]);
  });

  test("a slug with capitals is still refused without a Cronitor parameter", async () => {
    const w = served();
    w.addCheck({ slug: "backup" });
    const res = await fetch(`${w.base}/ping/${PK}/Backup`);
    expect([res.status, await res.text()]).toEqual([400, "invalid url format"]);
  });
});
