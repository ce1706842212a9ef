// The outbox worker: retries, permanent failures, ordering, retention (SPEC §8).
import { afterEach, describe, expect, test } from "bun:test";
import { pruneOldNotifications } from "../../src/notify/retention.ts";
import { migratedStore, tempDbPath } from "../support/db.ts";
import { aNotifier, aReceiver, anAlertWorld, type Receiver } from "./support.ts";

const S = 1000;
const MIN = 60 * S;
let receiver: Receiver;
afterEach(() => receiver?.stop());

function hookWorld(statuses: number[] = []) {
  receiver = aReceiver({ statuses });
  const w = anAlertWorld();
  const check = w.addCheck({ name: "job", slug: "job" });
  const hook = w.addChannel("webhook", { url: `${receiver.url}/hook` });
  w.assign(check, hook);
  return { ...w, check, hook };
}

describe("delivery", () => {
  test("a receiver that fails twice then succeeds gets 3 attempts and 1 success is recorded", async () => {
    const w = hookWorld([500, 503]);
    await w.ping(w.check, "/fail");
    await w.notifier.runDue();
    expect(w.attempts(w.check).map((a) => a.status)).toEqual(["error"]);
    // nothing before the first retry (10 s ± 20 %) is due
    w.clock.advance(7 * S);
    await w.notifier.runDue();
    expect(receiver.received).toHaveLength(1);
    w.clock.advance(6 * S);
    await w.notifier.runDue();
    expect(receiver.received).toHaveLength(2);
    // the third attempt comes about a minute after the first (1 min ± 20 %), not later
    w.clock.advance(61 * S);
    await w.notifier.runDue();
    expect(w.attempts(w.check).map((a) => [a.attempt, a.status])).toEqual([[1, "error"], [2, "error"], [3, "ok"]]);
    expect(w.attempts(w.check)[0]!.error).toBe("HTTP 500: status 500");
    // once delivered, never again
    w.clock.advance(2 * 3_600 * S);
    await w.notifier.runDue();
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received.every((r) => r.json.event === "down")).toBe(true);
    expect(w.tx.getChannel(w.hook.id)!.lastError).toBe("");
  });

  test("after two failures the third attempt is within a minute and a quarter of the first", async () => {
    const w = hookWorld([503, 503]);
    const t0 = w.clock.now();
    await w.ping(w.check, "/fail");
    for (let i = 0; i < 12 && receiver.received.length < 3; i++) {
      await w.notifier.runDue();
      w.clock.advance(10 * S);
    }
    const third = w.attempts(w.check)[2];
    expect(third?.status).toBe("ok");
    expect(third!.created - t0).toBeLessThanOrEqual(80 * S);
  });

  test("gives up after 6 attempts spread over about 30 minutes and shows the error on the channel", async () => {
    const w = hookWorld([500, 500, 500, 500, 500, 500, 500]);
    const t0 = w.clock.now();
    await w.ping(w.check, "/fail");
    for (let i = 0; i < 60 * 6; i++) {
      await w.notifier.runDue();
      w.clock.advance(10 * S);
    }
    const attempts = w.attempts(w.check);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    // SPEC §8: 0, 10 s, 1, 5, 15 and 30 minutes after the first, each ± 20 %; the clock moves in
    // 10 s steps here, so each attempt may run up to 10 s late and the next counts from then
    const offsets = attempts.map((a) => a.created - t0);
    const expected = [0, 10 * S, MIN, 5 * MIN, 15 * MIN, 30 * MIN];
    offsets.forEach((o, i) => {
      expect(o).toBeGreaterThanOrEqual(expected[i]! * 0.8);
      expect(o).toBeLessThanOrEqual(expected[i]! * 1.2 + i * 10 * S);
    });
    expect(w.tx.getChannel(w.hook.id)!.lastError).toBe("HTTP 500: status 500");
  });

  test.each([
    { status: 404, attempts: 1, final: "permanent" },
    { status: 401, attempts: 1, final: "permanent" },
    { status: 408, attempts: 2, final: "ok" },
    { status: 429, attempts: 2, final: "ok" },
    { status: 502, attempts: 2, final: "ok" },
  ])("HTTP $status is retried: $attempts attempt(s), last $final", async ({ status, attempts, final }) => {
    const w = hookWorld([status]);
    await w.ping(w.check, "/fail");
    await w.notifier.runDue();
    w.clock.advance(5 * MIN);
    await w.notifier.runDue();
    const rows = w.attempts(w.check);
    expect(rows).toHaveLength(attempts);
    expect(rows.at(-1)!.status).toBe(final);
    if (final === "permanent") expect(w.tx.getChannel(w.hook.id)!.lastError).toBe(`HTTP ${status}: status ${status}`);
  });

  test("an unreachable receiver is a retryable error", async () => {
    const w = anAlertWorld();
    const check = w.addCheck();
    w.assign(check, w.addChannel("webhook", { url: "http://127.0.0.1:9/x" }));
    await w.ping(check, "/fail");
    await w.notifier.runDue();
    expect(w.attempts(check)).toMatchObject([{ status: "error" }]);
    expect(w.attempts(check)[0]!.error).toStartWith("connection failed");
  });

  test("a silent flip (the first ping) sends nothing", async () => {
    const w = hookWorld();
    await w.ping(w.check);
    await w.notifier.runDue();
    expect(receiver.received).toHaveLength(0);
    expect({ n: w.flips(w.check).length }).toEqual({ n: 1 });
  });

  test("a recovery is sent after the outage, with the downtime", async () => {
    const w = hookWorld();
    await w.ping(w.check, "/fail");
    await w.notifier.runDue();
    w.clock.advance(5 * MIN);
    await w.ping(w.check);
    await w.notifier.runDue();
    expect(receiver.received.map((r) => r.json.event)).toEqual(["down", "up"]);
    const flips = w.tx.listFlips(w.check.id);
    expect(w.attempts(w.check).map((a) => a.flip_id)).toEqual(flips.map((f) => f.id));
  });

  test("a recovery supersedes a down alert still waiting for its retry", async () => {
    const w = hookWorld([500]);
    await w.ping(w.check, "/fail");
    await w.notifier.runDue();
    // back up before the retry (10 s ± 20 %) is due
    w.clock.advance(5 * S);
    await w.ping(w.check);
    await w.notifier.runDue();
    w.clock.advance(30 * MIN);
    await w.notifier.runDue();
    expect(receiver.received.map((r) => r.json.event)).toEqual(["down", "up"]);
    expect(w.attempts(w.check).map((a) => a.status)).toEqual(["error", "ok"]);
  });

  test("a check without channels has its flips claimed and nothing sent", async () => {
    const w = anAlertWorld();
    const check = w.addCheck();
    await w.ping(check, "/fail");
    const run = await w.notifier.runDue();
    expect(run).toEqual({ flips: 1, queued: 0, attempts: 0 });
    expect({ processed: w.tx.listFlips(check.id)[0]!.processed }).toEqual({ processed: w.clock.now() });
  });

  test("every channel of the check gets the alert", async () => {
    const w = hookWorld();
    const second = aReceiver();
    try {
      const other = w.addChannel("webhook", { url: `${second.url}/b` });
      w.assign(w.check, w.hook, other);
      await w.ping(w.check, "/fail");
      await w.notifier.runDue();
      expect(receiver.received).toHaveLength(1);
      expect(second.received).toHaveLength(1);
    } finally {
      second.stop();
    }
  });

  test("two workers on one database deliver a flip once", async () => {
    receiver = aReceiver();
    const path = tempDbPath();
    const w = anAlertWorld({ store: migratedStore(path) });
    const check = w.addCheck();
    w.assign(check, w.addChannel("webhook", { url: `${receiver.url}/x` }));
    await w.ping(check, "/fail");
    const other = aNotifier(migratedStore(path), w.clock.now);
    await Promise.all([w.notifier.runDue(), other.runDue(), w.notifier.runDue(), other.runDue()]);
    w.clock.advance(3_600 * S);
    await Promise.all([w.notifier.runDue(), other.runDue()]);
    expect(receiver.received).toHaveLength(1);
    expect(w.attempts(check)).toHaveLength(1);
  });

  test("notifications older than 90 days are pruned", async () => {
    const w = hookWorld();
    await w.ping(w.check, "/fail");
    await w.notifier.runDue();
    expect(w.attempts(w.check)).toHaveLength(1);
    w.clock.advance(89 * 86_400 * S);
    expect(pruneOldNotifications(w.store, w.clock.now())).toBe(0);
    w.clock.advance(2 * 86_400 * S);
    expect(pruneOldNotifications(w.store, w.clock.now())).toBe(1);
    expect(w.attempts(w.check)).toHaveLength(0);
  });

  test("counts attempts by channel kind and outcome", async () => {
    const w = hookWorld([500]);
    await w.ping(w.check, "/fail");
    await w.notifier.runDue();
    w.clock.advance(5 * MIN);
    await w.notifier.runDue();
    expect(w.services.counters.list().sort((a, b) => a.status.localeCompare(b.status))).toEqual([
      { kind: "webhook", status: "error", count: 1 },
      { kind: "webhook", status: "ok", count: 1 },
    ]);
  });

  test("a started notifier delivers a flip from the ping path on its own, and stop() waits for sends in flight", async () => {
    const w = hookWorld();
    w.services.start();
    try {
      await w.ping(w.check, "/fail");
      await receiver.until(1);
    } finally {
      await w.services.stop();
    }
    expect(w.attempts(w.check)).toMatchObject([{ status: "ok" }]);
  });
});
