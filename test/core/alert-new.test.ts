// First-ping alerts (SPEC §4 `alert_new`): a new check waits for its first ping as if it had been
// pinged when it became new, and goes down with reason timeout when that ping is late.
import { describe, expect, test } from "bun:test";
import { type CronSchedule, parseCron } from "../../src/core/cron.ts";
import { computeDownAt, firstPingExpectedAt, withDownAt } from "../../src/core/deadline.ts";
import { displayStatus } from "../../src/core/status.ts";
import { isDue, transition } from "../../src/core/transition.ts";
import type { CheckState } from "../../src/core/types.ts";
import { aCheck } from "../support/check-state.ts";

const S = 1000;
const T0 = Date.UTC(2026, 2, 2, 10, 17, 0); // a Monday, 11:17 in Berlin
const HOUR = 3600;

/** A new simple check with alert_new, created at T0 (timeout 1 h, grace 5 min). */
const aNewCheck = (o: Partial<CheckState> = {}): CheckState => aCheck({ alertNew: true, newSince: T0, ...o });

function cron(expr: string, tz: string): CronSchedule {
  const parsed = parseCron(expr, tz);
  if (!parsed.ok) throw new Error(`bad cron ${expr}`);
  return parsed.cron;
}
const NIGHTLY_BERLIN = cron("0 3 * * *", "Europe/Berlin");
/** 03:00 in Berlin (CET, UTC+1) the morning after T0 */
const NEXT_NIGHT = Date.UTC(2026, 2, 3, 2, 0, 0);

describe("the first ping's expected time and deadline", () => {
  test.each([
    { name: "a simple check waits one timeout after it was created, then grace", check: aNewCheck(), cron: null,
      expected: T0 + HOUR * S, downAt: { at: T0 + (HOUR + 300) * S, reason: "timeout" } },
    { name: "a cron check waits for the first fire after it was created, in its zone, then grace",
      check: aNewCheck({ kind: "cron", schedule: "0 3 * * *", tz: "Europe/Berlin", grace: 600 }), cron: NIGHTLY_BERLIN,
      expected: NEXT_NIGHT, downAt: { at: NEXT_NIGHT + 600 * S, reason: "timeout" } },
    { name: "a resumed check counts from the resume, not from its old last ping",
      check: aNewCheck({ lastPing: T0 - 86_400 * S, newSince: T0 }), cron: null,
      expected: T0 + HOUR * S, downAt: { at: T0 + (HOUR + 300) * S, reason: "timeout" } },
    { name: "a failure below the threshold counts as its latest ping",
      check: aNewCheck({ lastPing: T0 + 600 * S, failStreak: 1, failureThreshold: 3 }), cron: null,
      expected: T0 + (600 + HOUR) * S, downAt: { at: T0 + (600 + HOUR + 300) * S, reason: "timeout" } },
    { name: "an open run whose limit is earlier wins with reason runtime",
      check: aNewCheck({ lastStart: T0 + 60 * S, maxRuntime: 120 }), cron: null,
      expected: T0 + HOUR * S, downAt: { at: T0 + 180 * S, reason: "runtime" } },
    { name: "an open run whose limit is later leaves the first ping's deadline",
      check: aNewCheck({ lastStart: T0 + 3500 * S, maxRuntime: 3600 }), cron: null,
      expected: T0 + HOUR * S, downAt: { at: T0 + (HOUR + 300) * S, reason: "timeout" } },
    { name: "without alert_new a new check waits forever, as in Healthchecks", check: aNewCheck({ alertNew: false }), cron: null,
      expected: null, downAt: null },
    { name: "a check that does not say (older callers) waits forever", check: aCheck({ newSince: T0 }), cron: null,
      expected: null, downAt: null },
    { name: "without knowing when it became new it waits forever", check: aNewCheck({ newSince: null }), cron: null,
      expected: null, downAt: null },
    { name: "a cron check without a compiled schedule has no deadline",
      check: aNewCheck({ kind: "cron", schedule: "0 3 * * *" }), cron: null, expected: null, downAt: null },
    { name: "an up check is not waiting for a first ping", check: aNewCheck({ status: "up", lastPing: T0 }), cron: null,
      expected: null, downAt: { at: T0 + (HOUR + 300) * S, reason: "timeout" } },
    { name: "a paused check is not waiting for a first ping", check: aNewCheck({ status: "paused" }), cron: null,
      expected: null, downAt: null },
  ])("$name", (row) => {
    expect(firstPingExpectedAt(row.check, row.cron)).toBe(row.expected);
    expect(computeDownAt(row.check, row.cron)).toEqual(row.downAt as ReturnType<typeof computeDownAt>);
  });
});

describe("a new check with alert_new in the state machine", () => {
  const armed = withDownAt(aNewCheck(), null);
  const downAt = T0 + (HOUR + 300) * S;

  test("is due at its first ping's deadline and goes down by timeout, with an alert", () => {
    expect(armed.downAt).toBe(downAt);
    expect(isDue(armed, downAt - 1)).toBe(false);
    expect(isDue(armed, downAt)).toBe(true);
    const r = transition(armed, { type: "due" }, downAt + 200, null);
    expect(r.check.status).toBe("down");
    expect(r.check.downAt).toBeNull();
    expect(r.flip).toEqual({ created: downAt, oldStatus: "new", newStatus: "down", reason: "timeout", silent: false });
  });

  test("is not due before its deadline", () => {
    expect(transition(armed, { type: "due" }, downAt - 1, null).check).toBe(armed);
  });

  test("without alert_new a stored deadline alone does not take it down", () => {
    const old = { ...armed, alertNew: false };
    expect(isDue(old, downAt)).toBe(false);
  });

  test("its first success brings it up silently, with the usual deadline", () => {
    const r = transition(armed, { type: "success", rid: null }, T0 + 60 * S, null);
    expect(r.flip).toMatchObject({ oldStatus: "new", newStatus: "up", silent: true });
    expect(r.check.downAt).toBe(T0 + (60 + HOUR + 300) * S);
  });

  test("a success after it went down is a recovery", () => {
    const down = transition(armed, { type: "due" }, downAt, null).check;
    const r = transition(down, { type: "success", rid: null }, downAt + 60 * S, null);
    expect(r.flip).toMatchObject({ oldStatus: "down", newStatus: "up", silent: false });
  });

  test("resuming makes it wait as if pinged at the resume", () => {
    const paused = transition(withDownAt(aNewCheck({ status: "up", lastPing: T0 }), null), { type: "pause" }, T0 + 60 * S, null).check;
    expect(paused.downAt).toBeNull();
    const resumeAt = T0 + 86_400 * S;
    const r = transition(paused, { type: "resume" }, resumeAt, null);
    expect(r.check).toMatchObject({ status: "new", newSince: resumeAt, downAt: resumeAt + (HOUR + 300) * S });
    expect(r.flip).toMatchObject({ reason: "resume", silent: true });
  });

  test("a start keeps the earlier of the run limit and the first ping's deadline", () => {
    const r = transition(armed, { type: "start", rid: null }, T0 + 10 * S, null);
    // max_runtime follows grace: 5 min after the start, earlier than the first ping's deadline
    expect(r.check.downAt).toBe(T0 + 310 * S);
  });
});

describe("how a waiting check is shown", () => {
  test.each([
    { name: "new before its first ping is expected", now: T0 + 60 * S, expected: "new" },
    { name: "late once its first ping is overdue", now: T0 + HOUR * S, expected: "grace" },
    { name: "down once its deadline has passed", now: T0 + (HOUR + 300) * S, expected: "down" },
  ])("$name", (row) => {
    expect(displayStatus(withDownAt(aNewCheck(), null), row.now, null)).toBe(row.expected as ReturnType<typeof displayStatus>);
  });

  test("without alert_new it stays new however long it waits", () => {
    expect(displayStatus(withDownAt(aNewCheck({ alertNew: false }), null), T0 + 30 * 86_400 * S, null)).toBe("new");
  });
});
