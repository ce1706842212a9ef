import { describe, expect, test } from "bun:test";
import { withDownAt } from "../../src/core/deadline.ts";
import {
  canResume,
  ignoresPings,
  isDue,
  transition,
} from "../../src/core/transition.ts";
import type { CheckEvent, CheckState, Flip } from "../../src/core/types.ts";
import { aCheck as aCheckAsGiven } from "../support/check-state.ts";

const S = 1000;
const T0 = Date.UTC(2025, 5, 1, 12, 0, 0); // last ping of the "up" fixtures
const NOW = T0 + 600 * S;
const RID_A = "0b6c5a3e-1f44-4e5a-9b9e-7d1c1a1a1a1a";
const RID_B = "9f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f";

/** The shared fixture (timeout 1 h, grace 5 min), with downAt derived unless given. */
function aCheck(overrides: Partial<CheckState> = {}): CheckState {
  const base = aCheckAsGiven(overrides);
  return "downAt" in overrides ? base : withDownAt(base, null);
}
const anUpCheck = (o: Partial<CheckState> = {}): CheckState =>
  aCheck({ status: "up", lastPing: T0, ...o });

const success = (rid: string | null = null): CheckEvent => ({ type: "success", rid });
const fail = (rid: string | null = null): CheckEvent => ({ type: "fail", rid });
const start = (rid: string | null = null): CheckEvent => ({ type: "start", rid });
const ev = (type: "log" | "ign" | "ok" | "pause" | "resume" | "due"): CheckEvent => ({ type });
const flip = (f: Omit<Flip, "created"> & { created?: number }): Flip => ({ created: NOW, ...f });

interface Row {
  readonly name: string;
  readonly check: CheckState;
  readonly event: CheckEvent;
  readonly now?: number;
  readonly expected: Partial<CheckState>;
  readonly flip: Flip | null;
  readonly duration?: number | null;
}

const DEADLINE = NOW + 3900 * S; // after a ping at NOW: timeout 3600 + grace 300

const rows: Row[] = [
  { name: "a first success brings a new check up silently", check: aCheck(), event: success(),
    expected: { status: "up", lastPing: NOW, downAt: DEADLINE },
    flip: flip({ oldStatus: "new", newStatus: "up", reason: "", silent: true }) },
  { name: "a success keeps an up check up and resets the fail streak",
    check: anUpCheck({ failureThreshold: 3, failStreak: 2 }), event: success(),
    expected: { status: "up", failStreak: 0, lastPing: NOW, downAt: DEADLINE }, flip: null },
  { name: "a fail takes an up check down", check: anUpCheck(), event: fail(),
    expected: { status: "down", failStreak: 1, lastPing: NOW, downAt: null },
    flip: flip({ oldStatus: "up", newStatus: "down", reason: "fail", silent: false }) },
  { name: "a fail takes a new check down", check: aCheck(), event: fail(),
    expected: { status: "down", failStreak: 1, downAt: null },
    flip: flip({ oldStatus: "new", newStatus: "down", reason: "fail", silent: false }) },
  { name: "a fail below the threshold keeps an up check up and moves its deadline",
    check: anUpCheck({ failureThreshold: 3 }), event: fail(),
    expected: { status: "up", failStreak: 1, lastPing: NOW, downAt: DEADLINE }, flip: null },
  { name: "the fail that reaches the threshold takes the check down",
    check: anUpCheck({ failureThreshold: 3, failStreak: 2 }), event: fail(),
    expected: { status: "down", failStreak: 3, downAt: null },
    flip: flip({ oldStatus: "up", newStatus: "down", reason: "fail", silent: false }) },
  { name: "a fail below the threshold keeps a new check new", check: aCheck({ failureThreshold: 2 }),
    event: fail(), expected: { status: "new", failStreak: 1, downAt: null }, flip: null },
  { name: "a start on an up check opens a run limited by the grace time", check: anUpCheck(),
    event: start(RID_A),
    expected: { status: "up", lastStart: NOW, lastStartRid: RID_A, lastPing: T0, downAt: NOW + 300 * S },
    flip: null },
  { name: "a start on a new check opens a run with a deadline", check: aCheck({ maxRuntime: 60 }),
    event: start(), expected: { status: "new", lastStart: NOW, downAt: NOW + 60 * S }, flip: null },
  { name: "an up check goes down for timeout at its down_at, not when the scheduler woke",
    check: anUpCheck(), event: ev("due"), now: T0 + 3905 * S,
    expected: { status: "down", downAt: null },
    flip: flip({ oldStatus: "up", newStatus: "down", reason: "timeout", silent: false, created: T0 + 3900 * S }) },
  { name: "an up check whose run overruns goes down for runtime",
    check: anUpCheck({ lastStart: NOW }), event: ev("due"), now: NOW + 301 * S,
    expected: { status: "down", downAt: null, lastStart: NOW },
    flip: flip({ oldStatus: "up", newStatus: "down", reason: "runtime", silent: false, created: NOW + 300 * S }) },
  { name: "a new check whose run overruns max_runtime goes down for runtime exactly at the limit",
    check: aCheck({ lastStart: NOW, maxRuntime: 60 }), event: ev("due"), now: NOW + 60 * S,
    expected: { status: "down", downAt: null },
    flip: flip({ oldStatus: "new", newStatus: "down", reason: "runtime", silent: false, created: NOW + 60 * S }) },
  { name: "a paused check whose run overruns goes down for runtime",
    check: aCheck({ status: "paused", lastStart: NOW }), event: ev("due"), now: NOW + 300 * S,
    expected: { status: "down" },
    flip: flip({ oldStatus: "paused", newStatus: "down", reason: "runtime", silent: false, created: NOW + 300 * S }) },
  { name: "a due check keeps the startup-grace down_at as the flip instant",
    check: anUpCheck({ downAt: T0 + 9000 * S }), event: ev("due"), now: T0 + 9000 * S,
    expected: { status: "down", downAt: null },
    flip: flip({ oldStatus: "up", newStatus: "down", reason: "timeout", silent: false, created: T0 + 9000 * S }) },
  { name: "a success recovers a down check with an alert",
    check: anUpCheck({ status: "down", failStreak: 2 }), event: success(),
    expected: { status: "up", failStreak: 0, lastPing: NOW, downAt: DEADLINE },
    flip: flip({ oldStatus: "down", newStatus: "up", reason: "", silent: false }) },
  { name: "a fail keeps a down check down without a deadline",
    check: anUpCheck({ status: "down", failStreak: 1 }), event: fail(),
    expected: { status: "down", failStreak: 2, downAt: null }, flip: null },
  { name: "a start on a down check records the run but opens no deadline",
    check: anUpCheck({ status: "down" }), event: start(RID_A),
    expected: { status: "down", lastStart: NOW, lastStartRid: RID_A, downAt: null }, flip: null },
  ...(["new", "up", "down"] as const).map((status): Row => ({
    name: `pause silences a ${status} check and clears its run, deadline and fail streak`,
    check: anUpCheck({ status, lastStart: T0, lastStartRid: RID_A, failStreak: 1 }), event: ev("pause"),
    expected: { status: "paused", lastStart: null, lastStartRid: null, downAt: null, failStreak: 0 },
    flip: flip({ oldStatus: status, newStatus: "paused", reason: "pause", silent: true }),
  })),
  { name: "pausing a paused check clears its run without a flip",
    check: aCheck({ status: "paused", lastStart: T0 }), event: ev("pause"),
    expected: { status: "paused", lastStart: null, downAt: null }, flip: null },
  { name: "a success unpauses a paused check silently", check: aCheck({ status: "paused" }),
    event: success(), expected: { status: "up", lastPing: NOW, downAt: DEADLINE },
    flip: flip({ oldStatus: "paused", newStatus: "up", reason: "", silent: true }) },
  { name: "a fail takes a paused check down with an alert", check: aCheck({ status: "paused" }),
    event: fail(), expected: { status: "down", failStreak: 1, downAt: null },
    flip: flip({ oldStatus: "paused", newStatus: "down", reason: "fail", silent: false }) },
  { name: "a fail below the threshold keeps a paused check paused",
    check: aCheck({ status: "paused", failureThreshold: 2 }), event: fail(),
    expected: { status: "paused", failStreak: 1, downAt: null }, flip: null },
  { name: "a start on a paused check opens a run with a runtime deadline",
    check: aCheck({ status: "paused" }), event: start(RID_B),
    expected: { status: "paused", lastStart: NOW, lastStartRid: RID_B, downAt: NOW + 300 * S }, flip: null },
  { name: "resume makes a paused check new silently and resets its fail streak",
    check: aCheck({ status: "paused", failStreak: 1, lastPing: T0, lastStart: T0 }), event: ev("resume"),
    expected: { status: "new", failStreak: 0, lastStart: null, downAt: null, lastPing: T0 },
    flip: flip({ oldStatus: "paused", newStatus: "new", reason: "resume", silent: true }) },
  ...(["new", "down"] as const).map((status): Row => ({
    name: `ok brings a ${status} check up silently`,
    check: aCheck({ status, failStreak: 2, lastStart: T0 }), event: ev("ok"),
    expected: { status: "up", failStreak: 0, lastPing: NOW, lastStart: null, downAt: DEADLINE },
    flip: flip({ oldStatus: status, newStatus: "up", reason: "ok", silent: true }),
  })),
  { name: "ok on an up check moves last_ping without a flip", check: anUpCheck(), event: ev("ok"),
    expected: { status: "up", lastPing: NOW, downAt: DEADLINE }, flip: null },
  { name: "ok unpauses a paused check without manual resume", check: aCheck({ status: "paused" }),
    event: ev("ok"), expected: { status: "up", lastPing: NOW },
    flip: flip({ oldStatus: "paused", newStatus: "up", reason: "ok", silent: true }) },
];

describe("transition", () => {
  test.each(rows)("$name", (row) => {
    const result = transition(row.check, row.event, row.now ?? NOW, null);
    expect(result.check).toMatchObject(row.expected);
    expect(result.flip).toEqual(row.flip);
    expect(result.duration).toBe(row.duration ?? null);
    expect(result.check.mutedUntil).toBe(row.check.mutedUntil);
  });
});

interface NoOpRow {
  readonly name: string;
  readonly check: CheckState;
  readonly event: CheckEvent;
  readonly now?: number;
}

const statuses = ["new", "up", "down", "paused"] as const;
const noOps: NoOpRow[] = [
  ...statuses.flatMap((status) =>
    (["log", "ign"] as const).map((type): NoOpRow => ({
      name: `a ${type} ping leaves a ${status} check unchanged`,
      check: anUpCheck({ status, lastStart: T0 }), event: ev(type),
    })),
  ),
  ...[success(), fail(), start(), ev("ok"), ev("log")].map((event): NoOpRow => ({
    name: `a paused check with manual resume ignores a ${event.type} ping`,
    check: aCheck({ status: "paused", manualResume: true }), event,
  })),
  ...(["new", "up", "down"] as const).map((status): NoOpRow => ({
    name: `resume leaves a ${status} check unchanged`, check: anUpCheck({ status }), event: ev("resume"),
  })),
  { name: "a due event before down_at is a no-op (a ping won the race)", check: anUpCheck(),
    event: ev("due"), now: T0 + 3899 * S },
  { name: "a due event on a check without down_at is a no-op", check: aCheck(), event: ev("due"),
    now: NOW },
  { name: "a due event on a down check is a no-op", check: anUpCheck({ status: "down", downAt: T0 }),
    event: ev("due") },
  { name: "a due event on a paused check without a run is a no-op",
    check: aCheck({ status: "paused", downAt: T0 }), event: ev("due") },
  { name: "a due event on a new check without a run is a no-op",
    check: aCheck({ status: "new", downAt: T0 }), event: ev("due") },
];

describe("events that change nothing", () => {
  test.each(noOps)("$name", (row) => {
    const result = transition(row.check, row.event, row.now ?? NOW, null);
    expect(result.check).toBe(row.check); // the same object: callers may skip the write
    expect(result.flip).toBeNull();
    expect(result.duration).toBeNull();
  });
});

const RUN_START = NOW - 30 * S;
const runRows = [
  { name: "a success with the run's rid closes it with its duration", run: RID_A, event: success(RID_A), open: false, duration: 30 },
  { name: "a success and a start both without rid pair up", run: null, event: success(), open: false, duration: 30 },
  { name: "a fail with the run's rid closes it with its duration", run: RID_A, event: fail(RID_A), open: false, duration: 30 },
  { name: "a fail with another rid closes the run without duration", run: RID_A, event: fail(RID_B), open: false, duration: null },
  { name: "a fail without rid closes a run that has one, without duration", run: RID_A, event: fail(), open: false, duration: null },
  { name: "a success without rid closes a run that has one, without duration", run: RID_A, event: success(), open: false, duration: null },
  { name: "a success with another rid leaves the run open", run: RID_A, event: success(RID_B), open: true, duration: null },
  { name: "a success with a rid leaves a run without rid open", run: null, event: success(RID_B), open: true, duration: null },
] as const;

describe("run pairing by rid", () => {
  test.each(runRows)("$name", (row) => {
    const check = anUpCheck({ failureThreshold: 5, lastStart: RUN_START, lastStartRid: row.run, lastDuration: 7 });
    const result = transition(check, row.event, NOW, null);
    expect(result.duration).toBe(row.duration);
    expect(result.check.lastDuration).toBe(row.duration ?? 7);
    expect(result.check.lastStart).toBe(row.open ? RUN_START : null);
    expect(result.check.lastStartRid).toBe(row.open ? row.run : null);
  });

  test("a success without an open run reports no duration and keeps the last one", () => {
    const result = transition(anUpCheck({ lastDuration: 7 }), success(RID_A), NOW, null);
    expect(result.duration).toBeNull();
    expect(result.check.lastDuration).toBe(7);
  });

  test("durations keep milliseconds", () => {
    const result = transition(anUpCheck({ lastStart: NOW - 1500 }), success(), NOW, null);
    expect(result.duration).toBe(1.5);
  });
});

const inSeries = (type: "success" | "fail" | "start", series: string | null, rid: string | null = null): CheckEvent => ({ type, rid, series });
const seriesRows = [
  { name: "an end with the start's series closes the run with its duration", run: { rid: null, series: "s1" }, event: inSeries("success", "s1"), open: false, duration: 30 },
  { name: "a success of another series leaves the run open", run: { rid: null, series: "s1" }, event: inSeries("success", "s2"), open: true, duration: null },
  { name: "a fail of another series closes the run without duration", run: { rid: null, series: "s1" }, event: inSeries("fail", "s2"), open: false, duration: null },
  { name: "a fail with the start's series closes the run with its duration", run: { rid: null, series: "s1" }, event: inSeries("fail", "s1"), open: false, duration: 30 },
  { name: "an end without series pairs with the newest open run", run: { rid: null, series: "s1" }, event: inSeries("success", null), open: false, duration: 30 },
  { name: "an end with a series pairs with a start that had none", run: { rid: null, series: null }, event: inSeries("success", "s1"), open: false, duration: 30 },
  { name: "the rid decides when both carry one, whatever the series", run: { rid: RID_A, series: "s1" }, event: inSeries("success", "s2", RID_A), open: false, duration: 30 },
  { name: "the same series does not pair a rid-less end with a run that has a rid", run: { rid: RID_A, series: "s1" }, event: inSeries("success", "s1"), open: false, duration: null },
] as const;

describe("run pairing by series when there is no rid", () => {
  test.each(seriesRows)("$name", (row) => {
    const check = anUpCheck({ failureThreshold: 5, lastStart: RUN_START, lastStartRid: row.run.rid, lastStartSeries: row.run.series, lastDuration: 7 });
    const result = transition(check, row.event, NOW, null);
    expect(result.duration).toBe(row.duration);
    expect(result.check.lastStart).toBe(row.open ? RUN_START : null);
    expect(result.check.lastStartSeries).toBe(row.open ? row.run.series : null);
  });

  test("a start records its series, and a later start replaces it", () => {
    const first = transition(anUpCheck(), inSeries("start", "s1"), NOW, null).check;
    expect(first).toMatchObject({ lastStart: NOW, lastStartRid: null, lastStartSeries: "s1" });
    expect(transition(first, inSeries("start", "s2"), NOW + S, null).check).toMatchObject({ lastStart: NOW + S, lastStartSeries: "s2" });
  });

  test("two overlapping runs: the end of the older one leaves the newer open for its own end", () => {
    let check = anUpCheck();
    check = transition(check, inSeries("start", "a"), NOW, null).check;
    check = transition(check, inSeries("start", "b"), NOW + 10 * S, null).check;
    const older = transition(check, inSeries("success", "a"), NOW + 20 * S, null);
    expect(older.duration).toBeNull();
    const newer = transition(older.check, inSeries("success", "b"), NOW + 40 * S, null);
    expect(newer.duration).toBe(30);
  });
});

/** Applies events one second apart and returns the status after each. */
function statusesAfter(check: CheckState, events: readonly CheckEvent[]): string[] {
  const seen: string[] = [];
  events.reduce((current, event, i) => {
    const next = transition(current, event, NOW + i * S, null).check;
    seen.push(`${next.status}/${next.failStreak}`);
    return next;
  }, check);
  return seen;
}

describe("failure_threshold", () => {
  test.each([
    { name: "two fails with threshold 3 stay up, the third goes down", check: anUpCheck({ failureThreshold: 3 }),
      events: [fail(), fail(), fail()], expected: ["up/1", "up/2", "down/3"] },
    { name: "a success in between resets the streak", check: anUpCheck({ failureThreshold: 3 }),
      events: [fail(), fail(), success(), fail(), fail()], expected: ["up/1", "up/2", "up/0", "up/1", "up/2"] },
    { name: "fails after a pause count from one and go down at the threshold",
      check: anUpCheck({ failureThreshold: 2, failStreak: 1 }), events: [ev("pause"), fail(), fail()],
      expected: ["paused/0", "paused/1", "down/2"] },
  ])("$name", (row) => {
    expect(statusesAfter(row.check, row.events)).toEqual([...row.expected]);
  });

  test("a timeout goes down at once whatever the fail streak", () => {
    const check = anUpCheck({ failureThreshold: 3, failStreak: 1 });
    const result = transition(check, ev("due"), T0 + 3900 * S, null);
    expect(result.check.status).toBe("down");
    expect(result.flip?.reason).toBe("timeout");
  });
});

describe("helpers for the edges", () => {
  test.each([
    { name: "a paused check with manual resume ignores pings", check: aCheck({ status: "paused", manualResume: true }), expected: true },
    { name: "a paused check without manual resume takes pings", check: aCheck({ status: "paused" }), expected: false },
    { name: "an up check with manual resume takes pings", check: anUpCheck({ manualResume: true }), expected: false },
  ])("$name", (row) => {
    expect(ignoresPings(row.check)).toBe(row.expected);
  });

  test.each([
    { name: "only a paused check can be resumed", status: "paused", expected: true },
    { name: "an up check cannot be resumed", status: "up", expected: false },
    { name: "a new check cannot be resumed", status: "new", expected: false },
    { name: "a down check cannot be resumed", status: "down", expected: false },
  ] as const)("$name", (row) => {
    expect(canResume(aCheck({ status: row.status }))).toBe(row.expected);
  });

  test("isDue agrees with the stored down_at, inclusive", () => {
    const check = anUpCheck();
    expect(isDue(check, T0 + 3900 * S - 1)).toBe(false);
    expect(isDue(check, T0 + 3900 * S)).toBe(true);
  });
});

describe("rules turn a success into a failure", () => {
  const rowsRule = { metric: "rows_processed", op: "<", value: 1 } as const;
  const fastRule = { metric: "duration", op: "<", value: 2 } as const;
  const successWith = (o: { rid?: string | null; metrics?: Record<string, number>; duration?: number }): CheckEvent => ({ type: "success", rid: o.rid ?? null, ...o });

  test.each([
    { name: "rows_processed = 0 with rows_processed < 1 takes an up check down",
      check: anUpCheck({ rules: [rowsRule] }), event: successWith({ metrics: { rows_processed: 0 } }),
      status: "down", failStreak: 1, reason: "rule", message: "rows_processed < 1: got 0" },
    { name: "a run that paired in 1 s fails duration < 2",
      check: anUpCheck({ rules: [fastRule], lastStart: NOW - 1_000, lastStartRid: RID_A }), event: successWith({ rid: RID_A }),
      status: "down", failStreak: 1, reason: "rule", message: "duration < 2: got 1" },
    { name: "a reported duration wins over the paired one",
      check: anUpCheck({ rules: [fastRule], lastStart: NOW - 60_000 }), event: successWith({ duration: 0.5 }),
      status: "down", failStreak: 1, reason: "rule", message: "duration < 2: got 0.5" },
    { name: "a reported long duration passes although the pairing says 1 s",
      check: anUpCheck({ rules: [fastRule], lastStart: NOW - 1_000 }), event: successWith({ duration: 30 }),
      status: "up", failStreak: 0, reason: null, message: null },
    { name: "a success without a known duration passes duration < 2",
      check: anUpCheck({ rules: [fastRule] }), event: successWith({}),
      status: "up", failStreak: 0, reason: null, message: null },
    { name: "a metric the ping does not carry matches nothing",
      check: anUpCheck({ rules: [rowsRule] }), event: successWith({ metrics: { bytes: 0 } }),
      status: "up", failStreak: 0, reason: null, message: null },
    { name: "a ping without metrics matches nothing",
      check: anUpCheck({ rules: [rowsRule] }), event: successWith({}),
      status: "up", failStreak: 0, reason: null, message: null },
    { name: "threshold 2: the first rule failure keeps the check up",
      check: anUpCheck({ rules: [rowsRule], failureThreshold: 2 }), event: successWith({ metrics: { rows_processed: 0 } }),
      status: "up", failStreak: 1, reason: null, message: "rows_processed < 1: got 0" },
    { name: "threshold 2: the second rule failure takes it down",
      check: anUpCheck({ rules: [rowsRule], failureThreshold: 2, failStreak: 1 }), event: successWith({ metrics: { rows_processed: 0 } }),
      status: "down", failStreak: 2, reason: "rule", message: "rows_processed < 1: got 0" },
    { name: "a rule failure does not recover a down check",
      check: anUpCheck({ rules: [rowsRule], status: "down", failStreak: 1 }), event: successWith({ metrics: { rows_processed: 0 } }),
      status: "down", failStreak: 2, reason: null, message: "rows_processed < 1: got 0" },
    { name: "a passing success recovers a down check with rules",
      check: anUpCheck({ rules: [rowsRule], status: "down", failStreak: 1 }), event: successWith({ metrics: { rows_processed: 3 } }),
      status: "up", failStreak: 0, reason: "", message: null },
    { name: "a rule failure takes a new check down with an alert",
      check: aCheck({ rules: [rowsRule] }), event: successWith({ metrics: { rows_processed: 0 } }),
      status: "down", failStreak: 1, reason: "rule", message: "rows_processed < 1: got 0" },
  ] as const)("$name", ({ check, event, status, failStreak, reason, message }) => {
    const result = transition(check, event, NOW, null);
    expect(result.check.status).toBe(status);
    expect(result.check.failStreak).toBe(failStreak);
    expect(result.check.lastPing).toBe(NOW);
    expect(result.flip?.reason ?? null).toBe(reason);
    if (reason === "rule") expect(result.flip?.silent).toBe(false);
    expect(result.rule?.message ?? null).toBe(message);
  });

  test("the result names the rule that matched", () => {
    const result = transition(anUpCheck({ rules: [fastRule, rowsRule] }), successWith({ metrics: { rows_processed: 0 } }), NOW, null);
    expect(result.rule).toEqual({ rule: rowsRule, seen: 0, message: "rows_processed < 1: got 0" });
  });

  test("a rule-failed success still closes its run with the duration", () => {
    const result = transition(anUpCheck({ rules: [fastRule], lastStart: NOW - 1_000, lastStartRid: RID_A }), successWith({ rid: RID_A }), NOW, null);
    expect(result.duration).toBe(1);
    expect(result.check.lastStart).toBeNull();
    expect(result.check.lastDuration).toBe(1);
  });

  test("a fail ping is a failure whatever the rules say", () => {
    const result = transition(anUpCheck({ rules: [rowsRule] }), fail(), NOW, null);
    expect(result.flip?.reason).toBe("fail");
    expect(result.rule).toBeNull();
  });

  test("a paused check with manual resume ignores a success rules would fail", () => {
    const check = aCheck({ status: "paused", manualResume: true, rules: [rowsRule] });
    const result = transition(check, successWith({ metrics: { rows_processed: 0 } }), NOW, null);
    expect(result.check).toBe(check);
    expect(result.rule).toBeNull();
  });
});
