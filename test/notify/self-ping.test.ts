// Self-monitoring (SPEC §2): TOCSIN_SELF_PING_URL is pinged; /fail when alerts are stuck.
import { afterEach, describe, expect, test } from "bun:test";
import { aReceiver, anAlertWorld, type Receiver } from "./support.ts";

const MIN = 60_000;
let receivers: Receiver[] = [];
afterEach(() => {
  for (const r of receivers) r.stop();
  receivers = [];
});

describe("self-ping", () => {
  test("pings the URL while the notifier keeps up, and /fail with a message once an alert waits over 5 minutes", async () => {
    const monitor = aReceiver();
    const failing = aReceiver({ statuses: Array(20).fill(500) });
    receivers.push(monitor, failing);
    const w = anAlertWorld({ config: { selfPingUrl: `${monitor.url}/ping/abc` } });
    const check = w.addCheck();
    w.assign(check, w.addChannel("webhook", { url: `${failing.url}/x` }));
    expect(await w.services.housekeeping.run("self-ping")).toMatchObject({ failing: false, status: 200 });
    await w.ping(check, "/fail");
    await w.notifier.runDue();
    w.clock.advance(4 * MIN);
    expect(await w.services.housekeeping.run("self-ping")).toMatchObject({ failing: false });
    w.clock.advance(2 * MIN);
    await w.notifier.runDue();
    const result = await w.services.housekeeping.run("self-ping");
    expect(result).toMatchObject({ failing: true, url: `${monitor.url}/ping/abc/fail` });
    expect(monitor.received.map((r) => r.path)).toEqual(["/ping/abc", "/ping/abc", "/ping/abc/fail"]);
    expect(monitor.received[2]!.body).toStartWith("Tocsin notifier backlog: an alert has waited 6 min 0 s to be delivered");
  });

  test("does nothing without a URL", async () => {
    const w = anAlertWorld();
    expect(await w.services.housekeeping.run("self-ping")).toBeNull();
  });
});
