// Noise control end to end (SPEC §8): thresholds, reminders, damping, muting, maintenance windows.
// Real pings through the HTTP path, the real worker, a local receiver and a settable clock.
import { afterEach, describe, expect, test } from "bun:test";
import { definitionOf } from "../../src/store/check-model.ts";
import { aReceiver, anAlertWorld, type Receiver } from "./support.ts";

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
let receiver: Receiver;
afterEach(() => receiver?.stop());

function setup(check: Parameters<ReturnType<typeof anAlertWorld>["addCheck"]>[0] = {}) {
  receiver = aReceiver();
  const w = anAlertWorld();
  const c = w.addCheck({ name: "db backup", slug: "db", tags: "prod", ...check });
  w.assign(c, w.addChannel("webhook", { url: `${receiver.url}/hook` }));
  const events = (): string[] => receiver.received.map((r) => `${r.json.event}${r.json.reminder ? " reminder" : ""}${r.json.changes > 1 ? ` x${r.json.changes}` : ""}`);
  /** moves the clock to `t` ms after the start and runs what is due */
  const t0 = w.clock.now();
  const at = async (t: number): Promise<void> => {
    w.clock.set(t0 + t);
    await w.notifier.runDue();
  };
  return { ...w, check: c, events, at };
}

describe("failure threshold", () => {
  test("alerts only when the third consecutive failure takes the check down", async () => {
    const w = setup({ failureThreshold: 3 });
    await w.ping(w.check);
    for (const [i, t] of [MIN, 2 * MIN].entries()) {
      await w.at(t);
      await w.ping(w.check, "/fail");
      await w.notifier.runDue();
      expect(w.events()).toHaveLength(0);
      expect(w.reload(w.check).failStreak).toBe(i + 1);
    }
    await w.at(3 * MIN);
    await w.ping(w.check, "/fail");
    await w.notifier.runDue();
    expect(w.events()).toEqual(["down"]);
  });
});

describe("reminders", () => {
  test("repeat every reminder_interval while the check stays down, and stop when it recovers", async () => {
    const w = setup();
    w.tx.updateCheckDefinition(w.check.id, { ...definitionOf(w.check), reminderInterval: 600 }, w.reload(w.check).downAt);
    await w.ping(w.check, "/fail");
    await w.notifier.runDue();
    await w.at(9 * MIN);
    expect(w.events()).toEqual(["down"]);
    await w.at(10 * MIN);
    await w.at(15 * MIN);
    await w.at(20 * MIN);
    expect(w.events()).toEqual(["down", "down reminder", "down reminder"]);
    await w.at(25 * MIN);
    await w.ping(w.check);
    await w.notifier.runDue();
    await w.at(40 * MIN);
    await w.at(60 * MIN);
    expect(w.events()).toEqual(["down", "down reminder", "down reminder", "up"]);
  });

  test("are off by default", async () => {
    const w = setup();
    await w.ping(w.check, "/fail");
    await w.notifier.runDue();
    await w.at(24 * H);
    expect(w.events()).toEqual(["down"]);
    expect({ n: w.rows("alert_states").filter((r) => r.next_eval_at !== null).length }).toEqual({ n: 0 });
  });
});

describe("flapping damping", () => {
  test("sends at most one message a minute, then one summary if the state differs from the last alert", async () => {
    const w = setup();
    await w.ping(w.check, "/fail"); // down, sent at once
    await w.notifier.runDue();
    for (const [t, suffix] of [[10 * S, ""], [20 * S, "/fail"], [30 * S, ""]] as const) {
      await w.at(t);
      await w.ping(w.check, suffix);
      await w.notifier.runDue();
    }
    await w.at(59 * S);
    expect(w.events()).toEqual(["down"]);
    await w.at(60 * S);
    expect(w.events()).toEqual(["down", "up x3"]);
  });

  test("sends no summary when the state at the end of the minute is the one last alerted", async () => {
    const w = setup();
    await w.ping(w.check, "/fail");
    await w.notifier.runDue();
    await w.at(10 * S);
    await w.ping(w.check);
    await w.at(20 * S);
    await w.ping(w.check, "/fail");
    await w.at(2 * MIN);
    expect(w.events()).toEqual(["down"]);
  });
});

describe("muting", () => {
  test("holds the down alert while muted and sends one when the mute ends with the check still down", async () => {
    const w = setup();
    await w.ping(w.check);
    await w.ping(w.check, "/pause/2");
    await w.at(10 * MIN);
    await w.ping(w.check, "/fail");
    await w.notifier.runDue();
    await w.at(H);
    await w.at(2 * H - 1);
    expect(w.events()).toEqual([]);
    await w.at(2 * H);
    await w.at(3 * H);
    expect(w.events()).toEqual(["down"]);
  });

  test("sends nothing when the check recovered before the mute ended", async () => {
    const w = setup();
    await w.ping(w.check);
    await w.ping(w.check, "/pause/1");
    await w.at(10 * MIN);
    await w.ping(w.check, "/fail");
    await w.at(20 * MIN);
    await w.ping(w.check);
    await w.at(2 * H);
    expect(w.events()).toEqual([]);
  });

  test("an early unmute by /pause/0 lets the held alert out at once", async () => {
    const w = setup();
    await w.ping(w.check);
    await w.ping(w.check, "/pause/5");
    await w.ping(w.check, "/fail");
    await w.notifier.runDue();
    await w.at(10 * MIN);
    expect(w.events()).toEqual([]);
    await w.ping(w.check, "/pause/0");
    await w.notifier.runDue();
    expect(w.events()).toEqual(["down"]);
  });
});

describe("mute and channel changes through the API", () => {
  const update = (w: ReturnType<typeof setup>, body: Record<string, unknown>) =>
    w.request(`/api/v3/checks/${w.check.uuid}`, { method: "POST", headers: { "X-Api-Key": w.keys.apiKey, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  /** a check muted through the API for two hours, down, its alert held */
  const heldDown = async () => {
    const w = setup();
    await w.ping(w.check);
    expect((await update(w, { muted_until: new Date(w.clock.now() + 2 * H).toISOString() })).status).toBe(200);
    await w.ping(w.check, "/fail");
    await w.notifier.runDue();
    expect(w.reload(w.check).status).toBe("down");
    expect(w.events()).toEqual([]);
    return w;
  };

  test("unmuting lets the held down alert out at once, without waiting for the next look", async () => {
    const w = await heldDown();
    expect((await update(w, { muted_until: "" })).status).toBe(200);
    await w.notifier.runDue();
    expect(w.events()).toEqual(["down"]);
  });

  test("a channel taken off the check forgets the alert it held at once", async () => {
    const w = await heldDown();
    const held = () => ({ n: w.rows("alert_states").filter((r) => r.check_id === w.check.id).length });
    expect(held()).toEqual({ n: 1 });
    expect((await update(w, { channels: "" })).status).toBe(200);
    await w.notifier.runDue();
    expect(held()).toEqual({ n: 0 });
    await update(w, { muted_until: "" });
    await w.at(3 * H);
    expect(w.events()).toEqual([]);
  });
});

describe("maintenance windows", () => {
  const create = (w: ReturnType<typeof setup>, body: Record<string, unknown>) =>
    w.request("/api/v3/maintenance/", { method: "POST", headers: { "X-Api-Key": w.keys.apiKey, "Content-Type": "application/json" }, body: JSON.stringify(body) });

  test("hold alerts inside the window and alert when it ends with the check still down", async () => {
    const w = setup();
    await w.ping(w.check);
    const t0 = w.clock.now();
    const res = await create(w, { name: "upgrade", start: t0 / 1000, end: t0 / 1000 + 3_600, slugs: ["db"] });
    expect(res.status).toBe(201);
    await w.at(5 * MIN);
    await w.ping(w.check, "/fail");
    await w.notifier.runDue();
    await w.at(59 * MIN);
    expect(w.events()).toEqual([]);
    await w.at(H);
    expect(w.events()).toEqual(["down"]);
    await w.at(H + 10 * MIN);
    await w.ping(w.check);
    await w.notifier.runDue();
    expect(w.events()).toEqual(["down", "up"]);
  });

  test("a recurring window selected by tag holds alerts every night and sends nothing if the check recovered inside", async () => {
    const w = setup();
    await w.ping(w.check);
    // T0 is 12:00 UTC: the window is 12:30-13:30 every day
    expect((await create(w, { name: "nightly", cron: "30 12 * * *", duration: 3_600, tags: ["prod"] })).status).toBe(201);
    await w.at(40 * MIN);
    await w.ping(w.check, "/fail");
    await w.at(50 * MIN);
    await w.ping(w.check);
    await w.at(2 * H);
    expect(w.events()).toEqual([]);
    // outside the window alerts flow as usual
    await w.ping(w.check, "/fail");
    await w.notifier.runDue();
    expect(w.events()).toEqual(["down"]);
  });

  test("deleting the window lets a held alert out at once", async () => {
    const w = setup();
    await w.ping(w.check);
    const t0 = w.clock.now();
    const created = (await (await create(w, { start: t0 / 1000, end: t0 / 1000 + 86_400, slugs: ["*"] })).json()) as { id: string };
    await w.ping(w.check, "/fail");
    await w.notifier.runDue();
    await w.at(MIN);
    const del = await w.request(`/api/v3/maintenance/${created.id}`, { method: "DELETE", headers: { "X-Api-Key": w.keys.apiKey } });
    expect(del.status).toBe(200);
    await w.notifier.runDue();
    expect(w.events()).toEqual(["down"]);
  });
});
