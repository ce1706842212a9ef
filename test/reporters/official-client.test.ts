// The official `crisp-status-reporter` npm package drives Tocsin over a real socket. It posts to
// `/v1/report/<service_id>/<node_id>/` with Basic auth (":" + token) and counts only a 200 as
// delivered. Its report host is a module constant, so each instance's request options are pointed
// at the test server; its timers are stopped and each report is triggered by the test, through the
// library's own dispatch, so the clock stays the test's.
import { afterEach, describe, expect, test } from "bun:test";
import * as http from "node:http";
import { CrispStatusReporter } from "crisp-status-reporter";
import type { NewCheck } from "../../src/store/store.ts";
import { T0 } from "../support/world.ts";
import { aReporterWorld, S } from "./support.ts";

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

function served(check: Partial<NewCheck> = {}) {
  const w = aReporterWorld(check);
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, development: false, fetch: (req, srv) => w.services.fetch(req, srv.requestIP(req)?.address ?? "") });
  stops.push(() => void server.stop(true));
  const errors: string[] = [];
  /** A reporter for one replica, as an application node would construct it. */
  const node = (replicaId: string, opts: { interval?: number; token?: string } = {}) => {
    const reporter = new CrispStatusReporter({
      token: opts.token ?? w.token,
      service_id: "default",
      node_id: "api",
      replica_id: replicaId,
      interval: opts.interval ?? 60,
      console: { error: (m) => errors.push(`${replicaId}: ${m}`) },
    });
    reporter.end();
    reporter.__http_library = http;
    reporter.__http_request.host = "127.0.0.1";
    reporter.__http_request.port = server.port!;
    stops.push(() => reporter.end());
    /** One report; true when the library counted it as delivered. */
    return (): Promise<boolean> => new Promise((resolve) => reporter.__dispatchPollRequest((retryFailed) => resolve(!retryFailed)));
  };
  return { ...w, server, node, errors };
}

describe("the official crisp-status-reporter library", () => {
  test("posts to Crisp's own path, and a replica that stops takes the check down after interval + grace; it returns and the check is up", async () => {
    const w = served({ grace: 30 });
    const a = w.node("10.0.0.1");
    const b = w.node("10.0.0.2");
    expect([await a(), await b()]).toEqual([true, true]);
    expect(w.rows("replicas").map((r) => [r.replica_id, r.interval])).toEqual([["10.0.0.1", 60], ["10.0.0.2", 60]]);
    expect(w.pings(w.reporter).map((p) => [p.host, p.ua])).toEqual([["10.0.0.1", "node-crisp-status-reporter/1.2.2"], ["10.0.0.2", "node-crisp-status-reporter/1.2.2"]]);
    w.clock.set(T0 + 60 * S);
    expect(await b()).toBe(true);
    w.clock.set(T0 + 90 * S);
    expect(w.services.scheduler.runDue()).toBe(1);
    expect(w.reload(w.reporter).status).toBe("down");
    // back more than a minute later, so the outage and the recovery are separate flip rows
    w.clock.set(T0 + 120 * S);
    expect(await b()).toBe(true);
    w.clock.set(T0 + 160 * S);
    expect(await a()).toBe(true);
    expect(w.reload(w.reporter).status).toBe("up");
    expect(w.flips(w.reporter).map((f) => [f.old_status, f.new_status, f.reason])).toEqual([["new", "up", ""], ["up", "down", "timeout"], ["down", "up", ""]]);
    expect(w.errors).toEqual([]);
  });

  test("a wrong token is 401 and the library does not count the report as delivered", async () => {
    const w = served();
    expect(await w.node("10.0.0.1", { token: "wrong-token-wrong-token" })()).toBe(false);
    expect(w.errors).toEqual(["10.0.0.1: Crisp Status Reporter: Failed dispatching request"]);
    expect(w.count("replicas")).toBe(0);
    const direct = await fetch(`${w.server.url}v1/report/default/api/`, { method: "POST", headers: { Authorization: `Basic ${btoa(":wrong")}` }, body: "{}" });
    expect(direct.status).toBe(401);
  });

  test("an interval outside 10 s to a day is 400 naming it, not delivered; broken JSON on the same socket is 400 too", async () => {
    const w = served();
    expect(await w.node("10.0.0.1", { interval: 5 })()).toBe(false);
    expect(w.count("replicas")).toBe(0);
    const headers = { Authorization: `Basic ${btoa(`:${w.token}`)}`, "Content-Type": "application/json; charset=utf-8" };
    const interval = await fetch(`${w.server.url}v1/report/default/api/`, { method: "POST", headers, body: JSON.stringify({ replica_id: "x", interval: 5 }) });
    expect(await interval.json()).toEqual({ ok: false, error: "interval: must be a number from 10 to 86400 seconds" });
    const broken = await fetch(`${w.server.url}v1/report/default/api/`, { method: "POST", headers, body: '{"replica_id": "x", "interval": ' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ ok: false, error: "body: is not valid JSON" });
  });

  test("load above the check's threshold shows it sick, with no flip and no alert", async () => {
    // the library reports the heap's share of its limit as ram: always above a millionth
    const w = served({ loadMaxRam: 0.000001 });
    expect(await w.node("10.0.0.1")()).toBe(true);
    const json = (await (await w.request(`/api/v3/checks/${w.reporter.uuid}`, { headers: { "X-Api-Key": w.keys.apiKey } })).json()) as Record<string, unknown>;
    expect(json).toMatchObject({ status: "up", sick: true, replicas: [{ replica_id: "10.0.0.1", sick: true }] });
    expect(w.flips(w.reporter).map((f) => f.silent)).toEqual([1]);
  });

  test("with policy all, the check stays up while one replica reports and goes down when the last one stops", async () => {
    const w = served({ replicaPolicy: "all", grace: 30 });
    const a = w.node("10.0.0.1");
    const b = w.node("10.0.0.2");
    await a();
    await b();
    for (const t of [60, 120]) {
      w.clock.set(T0 + t * S);
      expect(await b()).toBe(true);
      expect(w.services.scheduler.runDue()).toBe(0);
    }
    expect(w.reload(w.reporter).status).toBe("up");
    w.clock.set(T0 + 210 * S);
    expect(w.services.scheduler.runDue()).toBe(1);
    expect(w.reload(w.reporter).status).toBe("down");
  });
});
