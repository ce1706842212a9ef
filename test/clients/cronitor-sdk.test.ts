// The official `cronitor` npm package drives Tocsin over a real socket, with the project's ping key
// as its API key. It pings `GET /ping/<api_key>/<key>?state=...&message=...&metric=...&series=...
// &host=...&stamp=...&env=...` with `Authorization: Basic base64(<api_key>:)`; its ping host is a
// hard-coded constant, so `_api.pingUrl` (shared by every Monitor) points it at the test server.
// Every event is checked through the management API, as a user would see it.
import { afterEach, describe, expect, spyOn, test } from "bun:test";
import Cronitor from "cronitor";
import { aWorld, T0 } from "../support/world.ts";

const PK = "pingkeypingkey0001";
const S = 1000;

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

function served() {
  const w = aWorld();
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, development: false, fetch: (req, srv) => w.services.fetch(req, srv.requestIP(req)?.address ?? "") });
  stops.push(() => void server.stop(true));
  const cronitor = Cronitor(PK, { environment: "production" });
  cronitor._api.pingUrl = (key: string) => `http://127.0.0.1:${server.port}/ping/${PK}/${key}`;
  const api = async (path: string, init: RequestInit = {}): Promise<any> => {
    const res = await w.request(path, { ...init, headers: { "X-Api-Key": w.keys.apiKey, ...init.headers } });
    return res.json();
  };
  const pings = async (uuid: string): Promise<Record<string, unknown>[]> => ((await api(`/api/v3/checks/${uuid}/pings/`)) as { pings: Record<string, unknown>[] }).pings.reverse();
  const check = (uuid: string): Promise<Record<string, unknown>> => api(`/api/v3/checks/${uuid}`);
  const flips = async (uuid: string): Promise<Record<string, unknown>[]> => ((await api(`/api/v3/checks/${uuid}/flips/`)) as { flips: Record<string, unknown>[] }).flips.reverse();
  const addCheck = (slug: string) => w.addCheck({ slug, name: slug });
  return { ...w, cronitor, api, pings, check, flips, addCheck };
}

describe("the official cronitor SDK", () => {
  test("wrap() around a job that succeeds: run and complete pair by series into a duration, the returned text is the message", async () => {
    const w = served();
    const job = w.addCheck("nightly-backup");
    const wrapped = w.cronitor.wrap("nightly-backup", () => {
      w.clock.set(T0 + 42 * S);
      return "copied 3 files";
    });
    expect(await wrapped()).toBe("copied 3 files");
    const [run, complete] = await w.pings(job.uuid);
    expect(run).toMatchObject({ type: "start", method: "GET", ua: "cronitor-js" });
    expect(complete).toMatchObject({ type: "success", msg: "copied 3 files", duration: 42, series: run!.series });
    expect(run!.series).toMatch(/^[0-9a-f]{8}$/);
    expect(await w.check(job.uuid)).toMatchObject({ status: "up", last_duration: 42, n_pings: 2 });
  });

  test("wrap() around a job that throws: a failure with the thrown error as its message, and an alert-worthy flip", async () => {
    const w = served();
    const job = w.addCheck("nightly-backup");
    const wrapped = w.cronitor.wrap("nightly-backup", () => {
      w.clock.set(T0 + 7 * S);
      throw new Error("disk full");
    });
    await wrapped();
    const [run, failure] = await w.pings(job.uuid);
    expect(run).toMatchObject({ type: "start" });
    expect(failure).toMatchObject({ type: "fail", msg: "Error: disk full", duration: 7, series: run!.series });
    expect((await w.check(job.uuid)).status).toBe("down");
    expect(await w.flips(job.uuid)).toMatchObject([{ old_status: "new", new_status: "down", reason: "fail" }]);
  });

  test("explicit run, complete, fail and ok pings with messages, metrics, host and the environment", async () => {
    const w = served();
    const job = w.addCheck("import");
    const monitor = new w.cronitor.Monitor("import");
    expect(await monitor.ping({ state: "run", message: "starting", host: "web 1" })).toBe(true);
    // minutes apart: status changes within a minute fold into one flip row
    w.clock.set(T0 + 120 * S);
    expect(await monitor.ping({ state: "complete", message: "imported 5 rows", metrics: { count: 5, duration: 12.5 } })).toBe(true);
    w.clock.set(T0 + 240 * S);
    expect(await monitor.ping({ state: "fail", message: "upstream answered 502 & gave up" })).toBe(true);
    w.clock.set(T0 + 360 * S);
    expect(await monitor.ok()).toBe(true);
    expect(await w.pings(job.uuid)).toMatchObject([
      { type: "start", msg: "starting", host: "web 1", env: "production" },
      { type: "success", msg: "imported 5 rows", metrics: { count: 5 }, duration: 12.5, env: "production" },
      { type: "fail", msg: "upstream answered 502 & gave up" },
      { type: "success" },
    ]);
    // ok resets the monitor to passing without a recovery alert, as on Cronitor
    expect(await w.flips(job.uuid)).toMatchObject([
      { new_status: "up", reason: "" },
      { new_status: "down", reason: "fail" },
      { new_status: "up", reason: "ok" },
    ]);
    expect((await w.check(job.uuid)).status).toBe("up");
  });

  test("a monitor key with capitals pings the check whose slug it normalises to", async () => {
    const w = served();
    const job = w.addCheck("nightlybackup");
    expect(await new w.cronitor.Monitor("NightlyBackup").ping({ state: "complete" })).toBe(true);
    expect(await w.pings(job.uuid)).toMatchObject([{ type: "success" }]);
  });

  test("an unknown key is created when the project has ping_create, named with the key as given", async () => {
    const w = served();
    const set = await w.api("/api/v3/project", { method: "POST", body: JSON.stringify({ ping_create: true }) });
    expect(set).toMatchObject({ ping_create: true });
    expect(await new w.cronitor.Monitor("Weekly Report").ping({ state: "run" })).toBe(true);
    const { checks } = (await w.api("/api/v3/checks/?slug=weekly-report")) as { checks: Record<string, unknown>[] };
    expect(checks).toMatchObject([{ name: "Weekly Report", slug: "weekly-report", timeout: 86_400, grace: 3_600, status: "started", started: true }]);
  });

  test("an unknown key is not found without ping_create: the SDK reports the failure and nothing is created", async () => {
    const w = served();
    const errors = spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(await new w.cronitor.Monitor("Weekly Report").ping({ state: "run" })).toBe(false);
    } finally {
      errors.mockRestore();
    }
    expect(((await w.api("/api/v3/checks/")) as { checks: unknown[] }).checks).toEqual([]);
  });
});
