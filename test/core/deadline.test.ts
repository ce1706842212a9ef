import { describe, expect, test } from "bun:test";
import { parseCron, type CronSchedule } from "../../src/core/cron.ts";
import {
  computeDownAt,
  effectiveMaxRuntime,
  expectedAt,
  TIMING_LIMITS,
  validateTiming,
  withDownAt,
  type TimingInput,
} from "../../src/core/deadline.ts";
import { isMuted, MAX_MUTE_HOURS, mute } from "../../src/core/mute.ts";
import { displayStatus } from "../../src/core/status.ts";
import { transition } from "../../src/core/transition.ts";
import type { CheckState } from "../../src/core/types.ts";
import { aCheck } from "../support/check-state.ts";

const S = 1000;
const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);

const anUpCheck = (o: Partial<CheckState> = {}): CheckState =>
  aCheck({ status: "up", lastPing: T0, ...o });

describe("expected time D of a simple check", () => {
  test.each([
    { name: "is last_ping plus timeout", check: anUpCheck(), expected: T0 + 3600 * S },
    { name: "does not exist before the first ping", check: aCheck(), expected: null },
    { name: "does not exist for a cron check without a compiled schedule",
      check: anUpCheck({ kind: "cron", schedule: "0 3 * * *" }), expected: null },
  ])("$name", (row) => {
    expect(expectedAt(row.check, null)).toBe(row.expected);
  });
});

describe("down_at", () => {
  test.each([
    { name: "an up check goes down grace after D", check: anUpCheck(),
      expected: { at: T0 + 3900 * S, reason: "timeout" } },
    { name: "a new check has none", check: aCheck(), expected: null },
    { name: "a new check that was pinged before has none", check: aCheck({ lastPing: T0 }), expected: null },
    { name: "a paused check has none", check: anUpCheck({ status: "paused" }), expected: null },
    { name: "a down check has none", check: anUpCheck({ status: "down" }), expected: null },
    { name: "a down check with a run open has none", check: anUpCheck({ status: "down", lastStart: T0 }), expected: null },
    { name: "a run open on a new check is limited by max_runtime", check: aCheck({ lastStart: T0, maxRuntime: 90 }),
      expected: { at: T0 + 90 * S, reason: "runtime" } },
    { name: "a run open on a new check without max_runtime follows grace", check: aCheck({ lastStart: T0, grace: 120 }),
      expected: { at: T0 + 120 * S, reason: "runtime" } },
    { name: "a run open on a paused check is limited by max_runtime",
      check: aCheck({ status: "paused", lastStart: T0, maxRuntime: 30 }), expected: { at: T0 + 30 * S, reason: "runtime" } },
    { name: "an open run wins on an up check when its limit is strictly earlier",
      check: anUpCheck({ lastStart: T0 + 600 * S }), expected: { at: T0 + 900 * S, reason: "runtime" } },
    { name: "the timeout wins when the run limit is later",
      check: anUpCheck({ lastStart: T0 + 3800 * S }), expected: { at: T0 + 3900 * S, reason: "timeout" } },
    { name: "the timeout wins when both fall on the same instant",
      check: anUpCheck({ lastStart: T0 + 3600 * S }), expected: { at: T0 + 3900 * S, reason: "timeout" } },
    { name: "zero grace goes down at D", check: anUpCheck({ grace: 0 }), expected: { at: T0 + 3600 * S, reason: "timeout" } },
  ])("$name", (row) => {
    expect(computeDownAt(row.check, null)).toEqual(row.expected);
  });

  test("withDownAt returns the same object when the stored value is already right", () => {
    const check = anUpCheck({ downAt: T0 + 3900 * S });
    expect(withDownAt(check, null)).toBe(check);
    expect(withDownAt(anUpCheck(), null).downAt).toBe(T0 + 3900 * S);
  });

  test.each([
    { name: "the effective max runtime is max_runtime when set", check: aCheck({ maxRuntime: 45 }), expected: 45 },
    { name: "the effective max runtime follows grace when max_runtime is null", check: aCheck(), expected: 300 },
  ])("$name", (row) => {
    expect(effectiveMaxRuntime(row.check)).toBe(row.expected);
  });
});

describe("timing validation", () => {
  const YEAR = 365 * 86_400;
  test.each([
    { name: "accepts the smallest values", input: { timeout: 1, grace: 0, maxRuntime: 1, failureThreshold: 1 }, field: null },
    { name: "accepts the largest values", input: { timeout: YEAR, grace: YEAR, maxRuntime: YEAR, failureThreshold: 1000 }, field: null },
    { name: "accepts a null max_runtime (follow grace)", input: { maxRuntime: null }, field: null },
    { name: "accepts an update naming no timing field", input: {}, field: null },
    { name: "rejects a zero timeout", input: { timeout: 0 }, field: "timeout" },
    { name: "rejects a timeout over a year", input: { timeout: YEAR + 1 }, field: "timeout" },
    { name: "rejects a fractional timeout", input: { timeout: 1.5 }, field: "timeout" },
    { name: "rejects a negative grace", input: { grace: -1 }, field: "grace" },
    { name: "rejects a grace over a year", input: { grace: YEAR + 1 }, field: "grace" },
    { name: "rejects a zero max_runtime", input: { maxRuntime: 0 }, field: "max_runtime" },
    { name: "rejects a zero failure_threshold", input: { failureThreshold: 0 }, field: "failure_threshold" },
    { name: "rejects a NaN grace", input: { grace: Number.NaN }, field: "grace" },
  ] satisfies { name: string; input: TimingInput; field: string | null }[])("$name", (row) => {
    const result = validateTiming(row.input);
    if (row.field === null) {
      expect(result).toEqual({ ok: true });
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.field).toBe(row.field as keyof typeof TIMING_LIMITS);
    expect(result.error.startsWith(`${row.field} `)).toBe(true);
  });
});

describe("display status", () => {
  const D = T0 + 3600 * S;
  const DOWN_AT = T0 + 3900 * S;
  test.each([
    { name: "a new check shows new", check: aCheck(), now: T0, expected: "new" },
    { name: "an up check before D shows up", check: anUpCheck({ downAt: DOWN_AT }), now: D - 1, expected: "up" },
    { name: "an up check at D shows grace", check: anUpCheck({ downAt: DOWN_AT }), now: D, expected: "grace" },
    { name: "an up check past down_at shows down before the scheduler flips it",
      check: anUpCheck({ downAt: DOWN_AT }), now: DOWN_AT, expected: "down" },
    { name: "an up check with a run open shows started", check: anUpCheck({ lastStart: T0, downAt: T0 + 300 * S }),
      now: T0 + 10 * S, expected: "started" },
    { name: "a new check with a run open shows started", check: aCheck({ lastStart: T0, downAt: T0 + 300 * S }),
      now: T0 + 10 * S, expected: "started" },
    { name: "a new check whose run overran shows down", check: aCheck({ lastStart: T0, downAt: T0 + 300 * S }),
      now: T0 + 300 * S, expected: "down" },
    { name: "a paused check shows paused", check: anUpCheck({ status: "paused" }), now: D + 10 * S, expected: "paused" },
    { name: "a paused check with a run open shows paused", check: aCheck({ status: "paused", lastStart: T0, downAt: T0 + 300 * S }),
      now: T0 + 10 * S, expected: "paused" },
    { name: "a down check shows down even with a run open", check: anUpCheck({ status: "down", lastStart: T0 }),
      now: T0, expected: "down" },
  ] as const)("$name", (row) => {
    expect(displayStatus(row.check, row.now, null)).toBe(row.expected);
  });
});

describe("muting", () => {
  const HOUR = 3_600_000;
  test.each([
    { name: "mutes for the given hours", hours: 2, mutedUntil: T0 + 2 * HOUR },
    { name: "accepts the largest mute", hours: MAX_MUTE_HOURS, mutedUntil: T0 + MAX_MUTE_HOURS * HOUR },
    { name: "zero hours unmutes", hours: 0, mutedUntil: null },
  ])("$name", (row) => {
    const result = mute(aCheck({ mutedUntil: T0 + HOUR }), row.hours, T0);
    expect(result.ok && result.check.mutedUntil).toBe(row.mutedUntil);
  });

  test.each([
    { name: "rejects negative hours", hours: -1 },
    { name: "rejects hours over the limit", hours: MAX_MUTE_HOURS + 1 },
    { name: "rejects fractional hours", hours: 1.5 },
  ])("$name", (row) => {
    const result = mute(aCheck(), row.hours, T0);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain("hours");
  });

  test("a mute holds alerts until, not including, its end", () => {
    const check = aCheck({ mutedUntil: T0 });
    expect(isMuted(check, T0 - 1)).toBe(true);
    expect(isMuted(check, T0)).toBe(false);
    expect(isMuted(aCheck(), T0)).toBe(false);
  });
});

// ---- cron checks, with real expressions ----

function compiled(expr: string, tz: string): CronSchedule {
  const parsed = parseCron(expr, tz);
  if (!parsed.ok) throw new Error(`test fixture does not parse: ${parsed.error}`);
  return parsed.cron;
}

const RIGA_DAILY = compiled("0 3 * * *", "Europe/Riga");
const aRigaCronCheck = (o: Partial<CheckState>): CheckState =>
  aCheck({ kind: "cron", schedule: "0 3 * * *", tz: "Europe/Riga", grace: 600, status: "up", ...o });

describe("cron checks", () => {
  test.each([
    // Riga is UTC+3 in summer (EEST) and UTC+2 in winter (EET).
    { name: "a summer ping at 02:00 local is expected at 03:00 local", lastPing: Date.UTC(2025, 5, 9, 23, 0),
      d: Date.UTC(2025, 5, 10, 0, 0) },
    { name: "a winter ping at 02:00 local is expected at 03:00 local", lastPing: Date.UTC(2025, 0, 10, 0, 0),
      d: Date.UTC(2025, 0, 10, 1, 0) },
    { name: "a ping exactly at a fire time is expected at the next one", lastPing: Date.UTC(2025, 5, 10, 0, 0),
      d: Date.UTC(2025, 5, 11, 0, 0) },
    { name: "a ping just after a fire time is expected the next day", lastPing: Date.UTC(2025, 5, 10, 0, 5),
      d: Date.UTC(2025, 5, 11, 0, 0) },
  ])("$name", (row) => {
    const check = aRigaCronCheck({ lastPing: row.lastPing });
    expect(expectedAt(check, RIGA_DAILY)).toBe(row.d);
    expect(computeDownAt(check, RIGA_DAILY)).toEqual({ at: row.d + 600 * S, reason: "timeout" });
  });

  test("a success at 02:00 local sets down_at to 03:10 local", () => {
    const pingAt = Date.UTC(2025, 5, 9, 23, 0); // 02:00 EEST
    const result = transition(aRigaCronCheck({ status: "new" }), { type: "success", rid: null }, pingAt, RIGA_DAILY);
    expect(result.check.downAt).toBe(Date.UTC(2025, 5, 10, 0, 10)); // 03:10 EEST
  });

  test("a missed run goes down for timeout at 03:10 local", () => {
    const check = withDownAt(aRigaCronCheck({ lastPing: Date.UTC(2025, 5, 9, 23, 0) }), RIGA_DAILY);
    const downAt = Date.UTC(2025, 5, 10, 0, 10);
    expect(transition(check, { type: "due" }, downAt - 1, RIGA_DAILY).check).toBe(check);
    const result = transition(check, { type: "due" }, downAt + 200, RIGA_DAILY);
    expect(result.flip).toEqual({ created: downAt, oldStatus: "up", newStatus: "down", reason: "timeout", silent: false });
  });

  test.each([
    { name: "shows up before 03:00 local", now: Date.UTC(2025, 5, 9, 23, 59), expected: "up" },
    { name: "shows grace between 03:00 and 03:10 local", now: Date.UTC(2025, 5, 10, 0, 5), expected: "grace" },
    { name: "shows down from 03:10 local", now: Date.UTC(2025, 5, 10, 0, 10), expected: "down" },
  ])("a cron check pinged at 02:00 local $name", (row) => {
    const check = withDownAt(aRigaCronCheck({ lastPing: Date.UTC(2025, 5, 9, 23, 0) }), RIGA_DAILY);
    expect(displayStatus(check, row.now, RIGA_DAILY)).toBe(row.expected);
  });

  test("a run on a cron check is limited by its max_runtime", () => {
    const start = Date.UTC(2025, 5, 9, 23, 0);
    const check = aRigaCronCheck({ lastPing: Date.UTC(2025, 5, 9, 0, 0), lastStart: start, maxRuntime: 60 });
    expect(computeDownAt(check, RIGA_DAILY)).toEqual({ at: start + 60 * S, reason: "runtime" });
  });
});
