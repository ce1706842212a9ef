// Maintenance arithmetic is bounded in work whatever the windows look like (SPEC §11), and exact
// where it answers. Work is counted in cron evaluator calls on a WorkMeter; tests never time.
import { type Interval, mergeIntervals } from "../../src/core/interval.ts";
import { describe, expect, test } from "bun:test";
import { type CronSchedule, nextFire, parseCron } from "../../src/core/cron.ts";
import {
  activeAt, HOLD_CALLS, HOLD_HORIZON_MS, maintenanceCoverage, maintenanceStretch, type MaintenanceWindow,
  nextOccurrence, RANGE_CALLS, workMeter,
} from "../../src/core/maintenance.ts";
import { heldUntil } from "../../src/core/noise.ts";

const S = 1000;
const H = 3_600 * S;
const DAY = 24 * H;
const NOW = Date.UTC(2026, 0, 15, 12, 0, 30);
const cron = (expr: string, duration: number, tz = "UTC"): MaintenanceWindow => ({ id: expr, name: "", start: null, end: null, cron: expr, tz, duration, slugs: ["*"], tags: [] });
const checks = Array.from({ length: 20 }, (_, i) => ({ slug: `job-${i}`, tags: "", mutedUntil: null }));

describe("the windows that used to freeze the daemon take a bounded number of evaluator calls", () => {
  test("a 30-day window opening every minute: held until at least 30 days on, in two calls", () => {
    const meter = workMeter(HOLD_CALLS);
    const until = heldUntil(checks[0]!, [cron("* * * * *", 30 * 86_400)], NOW, meter);
    expect(until!).toBeGreaterThanOrEqual(NOW + 30 * DAY - 60 * S);
    expect(meter.calls).toBeLessThanOrEqual(2);
    expect(maintenanceStretch([cron("* * * * *", 30 * 86_400)], checks[0]!, NOW)?.open).toBe(true);
  });

  test("back-to-back hourly occurrences with 20 down checks: a week's chain per check, looked at again then", () => {
    let calls = 0;
    for (const check of checks) {
      const meter = workMeter(HOLD_CALLS);
      expect(heldUntil(check, [cron("0 * * * *", 3_600)], NOW, meter)).toBeGreaterThanOrEqual(NOW + HOLD_HORIZON_MS);
      calls += meter.calls;
    }
    // one reverse search per hour of the horizon, per check
    expect(calls).toBeLessThanOrEqual(checks.length * (HOLD_HORIZON_MS / H + 2));
  });

  test("24 daily windows, one per hour, handing over to each other: at most the call budget per check", () => {
    const windows = Array.from({ length: 24 }, (_, h) => cron(`0 ${h} * * *`, 3_600));
    for (const check of checks) {
      const meter = workMeter(HOLD_CALLS);
      const stretch = maintenanceStretch(windows, check, NOW, meter);
      expect(stretch?.open).toBe(true);
      expect(stretch!.end).toBeGreaterThan(NOW + DAY);
      expect(meter.calls).toBeLessThanOrEqual(HOLD_CALLS + windows.length);
    }
  });

  test("listing a 30-day window opening every second: one call for active, one for next", () => {
    const w = cron("* * * * * *", 30 * 86_400);
    const a = workMeter(HOLD_CALLS);
    expect(activeAt(w, NOW, a)).toBe(true);
    expect(a.calls).toBe(1);
    const n = workMeter(HOLD_CALLS);
    expect(nextOccurrence(w, NOW, n)).toEqual({ start: NOW, end: NOW + 30 * DAY });
    expect(n.calls).toBe(1);
  });
});

describe("ranges over 90 days (uptime) are bounded too", () => {
  const start = NOW - 90 * DAY;
  test.each([
    { name: "a 30-day window opening every minute covers it all in a few calls", w: cron("* * * * *", 30 * 86_400), maxCalls: 8, complete: true },
    { name: "back-to-back hourly occurrences: one chain, a call per hour", w: cron("0 * * * *", 3_600), maxCalls: 90 * 24 + 2, complete: true },
    { name: "a daily window: two calls a day", w: cron("0 2 * * *", 3_600), maxCalls: 2 * 90 + 2, complete: true },
    { name: "a one-second window every second stops at the budget", w: cron("* * * * * *", 1), maxCalls: RANGE_CALLS + 1, complete: false },
    { name: "a one-second window every minute stops at the budget", w: cron("* * * * *", 1), maxCalls: RANGE_CALLS + 1, complete: false },
  ])("$name", ({ w, maxCalls, complete }) => {
    const meter = workMeter(RANGE_CALLS);
    const cover = maintenanceCoverage([w], checks[0]!, start, NOW, meter);
    expect(meter.calls).toBeLessThanOrEqual(maxCalls);
    expect(cover.until === NOW).toBe(complete);
    // exact over what it answers
    expect(cover.intervals).toEqual(bruteCoverage([w], start, cover.until));
  });
});

// The reference: every occurrence from a forward walk, merged. Only for windows that fire rarely.
function compile(w: MaintenanceWindow): CronSchedule {
  const r = parseCron(w.cron!, w.tz);
  if (!r.ok) throw new Error(r.error.message);
  return r.cron;
}

function bruteCoverage(windows: readonly MaintenanceWindow[], start: number, end: number): Interval[] {
  const all: Interval[] = [];
  for (const w of windows) {
    const length = w.duration! * S;
    const c = compile(w);
    for (let f = nextFire(c, start - length); f !== null && f < end; f = nextFire(c, f)) {
      all.push({ start: Math.max(f, start), end: Math.min(f + length, end) });
    }
  }
  return mergeIntervals(all);
}

let seed = 424_242;
const rand = (n: number): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed % n;
};
const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)]!;

const EXPRS = ["0 * * * *", "*/15 * * * *", "30 3 * * *", "0 1-5 * * *", "0,30 2-4 * * *", "*/20 3 * * *", "0 */2 * * *", "15 2 * * *", "0 0 * * *", "45 1,2,3 * * *", "*/30 * * * *", "5 * * * *"];
const ZONES = [
  { tz: "Europe/Riga", at: ["2021-03-28T01:00:00Z", "2021-10-31T01:00:00Z"] },
  { tz: "America/New_York", at: ["2021-03-14T07:00:00Z", "2021-11-07T06:00:00Z"] },
  { tz: "Australia/Sydney", at: ["2021-10-02T16:00:00Z", "2021-04-03T16:00:00Z"] },
  { tz: "UTC", at: ["2021-06-01T00:00:00Z"] },
];
const DURATIONS = [60, 900, 1_800, 3_600, 5_400, 7_200, 10_800];

const rows = Array.from({ length: 120 }, (_, i) => {
  const zone = ZONES[i % ZONES.length]!;
  const windows = Array.from({ length: 1 + rand(3) }, () => cron(pick(EXPRS), pick(DURATIONS), zone.tz));
  const t = Date.parse(pick(zone.at)) + (rand(12 * 3_600) - 6 * 3_600) * S;
  return { label: `${zone.tz} ${windows.map((w) => `[${w.cron} ${w.duration}s]`).join(" ")} at ${new Date(t).toISOString()}`, windows, t };
});

describe("the arithmetic agrees with walking every occurrence, in DST zones", () => {
  test.each(rows.map((r) => [r.label, r] as const))("coverage: %s", (_label, { windows, t }) => {
    const cover = maintenanceCoverage(windows, checks[0]!, t - DAY, t + DAY);
    expect(cover.until).toBe(t + DAY);
    expect(cover.intervals).toEqual(bruteCoverage(windows, t - DAY, t + DAY));
  });

  test.each(rows.map((r) => [r.label, r] as const))("stretch: %s", (_label, { windows, t }) => {
    // past the horizon, so an open stretch can be checked as a lower bound
    const reach = t + HOLD_HORIZON_MS + DAY;
    const covering = bruteCoverage(windows, t, reach).find((i) => i.start <= t && t < i.end);
    const stretch = maintenanceStretch(windows, checks[0]!, t);
    if (covering === undefined) return expect(stretch).toBeNull();
    expect(stretch).not.toBeNull();
    // closed: exact; open: a true lower bound (everything up to it is inside a window)
    if (stretch!.open) expect(stretch!.end).toBeLessThanOrEqual(covering.end);
    else expect(stretch!.end).toBe(covering.end);
    if (covering.end < reach && stretch!.open) expect(stretch!.end).toBeGreaterThan(t + DAY);
  });
});
