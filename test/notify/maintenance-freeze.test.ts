// Maintenance windows that once froze the daemon (SPEC §11: no window definition may block the
// event loop): every chain of occurrences is followed in bounded work, so a planning round ends
// with the alert held and re-armed for when the hold was followed to, and the next round goes on.
import { afterEach, describe, expect, test } from "bun:test";
import { HOLD_HORIZON_MS } from "../../src/core/maintenance.ts";
import { aReceiver, anAlertWorld, type Receiver } from "./support.ts";

const DAY = 86_400_000;
let receiver: Receiver;
afterEach(() => receiver?.stop());

async function underWindow(window: Record<string, unknown>, checks = 1) {
  receiver = aReceiver();
  const w = anAlertWorld();
  const channel = w.addChannel("webhook", { url: `${receiver.url}/hook` });
  const all = Array.from({ length: checks }, (_, i) => {
    const c = w.addCheck({ name: `job ${i}`, slug: `job-${i}` });
    w.assign(c, channel);
    return c;
  });
  const res = await w.request("/api/v3/maintenance/", { method: "POST", headers: { "X-Api-Key": w.keys.apiKey }, body: JSON.stringify(window) });
  expect(res.status).toBe(201);
  for (const c of all) await w.ping(c, "/fail");
  const states = () => w.rows("alert_states").map((r) => ({ told: r.told_status, nextEvalAt: r.next_eval_at as number }));
  return { ...w, all, states };
}

describe("a planning round under a window that never ends ends itself", () => {
  test("a 30-day window opening every minute: the round holds the down alert and re-arms it past now", async () => {
    const w = await underWindow({ cron: "* * * * *", duration: 2_592_000, slugs: ["*"] });
    const now = w.clock.now();
    await w.notifier.runDue();
    expect(w.count("deliveries")).toBe(0);
    const [state] = w.states();
    expect(state!.told).toBeNull();
    // held as far as the chain was followed: at least the 7-day horizon, at most one occurrence past it
    expect(state!.nextEvalAt).toBeGreaterThanOrEqual(now + HOLD_HORIZON_MS);
    expect(state!.nextEvalAt).toBeLessThanOrEqual(now + HOLD_HORIZON_MS + 30 * DAY);
    // when that time comes the window still holds: held again, re-armed further on, nothing sent
    w.clock.set(state!.nextEvalAt);
    await w.notifier.runDue();
    expect(w.states()[0]!.nextEvalAt).toBeGreaterThan(state!.nextEvalAt);
    expect(receiver.received).toEqual([]);
  });

  test("back-to-back hourly windows with 20 down checks: one round holds every alert", async () => {
    const w = await underWindow({ cron: "0 * * * *", duration: 3_600, slugs: ["*"] }, 20);
    const now = w.clock.now();
    await w.notifier.runDue();
    const states = w.states();
    expect(states).toHaveLength(20);
    for (const s of states) expect(s.nextEvalAt).toBeGreaterThanOrEqual(now + HOLD_HORIZON_MS);
    expect(w.count("deliveries")).toBe(0);
  });

  test("a 30-day window opening every second holds the alert as the minute one does", async () => {
    const w = await underWindow({ cron: "* * * * * *", duration: 2_592_000, slugs: ["*"] });
    await w.notifier.runDue();
    expect(w.states()[0]!.nextEvalAt).toBeGreaterThanOrEqual(w.clock.now() + HOLD_HORIZON_MS);
    expect(w.count("deliveries")).toBe(0);
  });

  test("when the window is deleted the held alert goes out at once", async () => {
    const w = await underWindow({ cron: "* * * * *", duration: 2_592_000, slugs: ["*"] });
    await w.notifier.runDue();
    const [window] = w.rows("maintenance");
    const res = await w.request(`/api/v3/maintenance/${window!.id}`, { method: "DELETE", headers: { "X-Api-Key": w.keys.apiKey } });
    expect(res.status).toBe(200);
    await w.notifier.runDue();
    expect(receiver.received.map((r) => r.json.event)).toEqual(["down"]);
  });
});
