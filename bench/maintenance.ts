// Maintenance window arithmetic (SPEC §11: no window definition may block the event loop > 50 ms).
// Three window shapes used to freeze the daemon: a 30-day window opening every minute (the
// notifier asking "held until when?"), back-to-back hourly windows with 20 down checks, and a
// 30-day window opening every second (each listing). Plus the same windows over 90 days (uptime).
// For each, prints the cron evaluator calls and wall time of the bounded arithmetic, and of the
// nested forward search it replaced, re-enacted here with a call counter and stopped at --cap.
//
//   bun bench/maintenance.ts [--cap 10000000]
import { parseArgs } from "node:util";
import { type CronSchedule, nextFire, parseCron } from "../src/core/cron.ts";
import {
  activeAt, HOLD_CALLS, maintenanceCoverage, type MaintenanceWindow, nextOccurrence, RANGE_CALLS, workMeter, type WorkMeter,
} from "../src/core/maintenance.ts";
import { heldUntil } from "../src/core/noise.ts";

const { values } = parseArgs({ options: { cap: { type: "string", default: "10000000" } } });
const CAP = Number(values.cap);
const NOW = Date.UTC(2026, 0, 15, 12, 0, 30);
const DAY = 86_400_000;
const win = (expr: string, duration: number): MaintenanceWindow => ({ id: expr, name: "", start: null, end: null, cron: expr, tz: "UTC", duration, slugs: ["*"], tags: [] });
const checks = Array.from({ length: 20 }, (_, i) => ({ slug: `job-${i}`, tags: "", mutedUntil: null }));

interface Scenario {
  readonly name: string;
  /** the bounded arithmetic, counting on the meters it is given */
  readonly now: (meter: () => WorkMeter) => void;
  /** the search it replaced */
  readonly before: (c: Counter) => void;
}

const scenarios: Scenario[] = [
  {
    name: "held until: 30-day window every minute, 1 check",
    now: (m) => heldUntil(checks[0]!, [win("* * * * *", 2_592_000)], NOW, m()),
    before: (c) => oldHeldUntil([win("* * * * *", 2_592_000)], NOW, c),
  },
  {
    name: "held until: back-to-back hourly windows, 20 down checks",
    now: (m) => checks.forEach((check) => heldUntil(check, [win("0 * * * *", 3_600)], NOW, m())),
    before: (c) => checks.forEach(() => oldHeldUntil([win("0 * * * *", 3_600)], NOW, c)),
  },
  {
    name: "listing: 30-day window every second (active + next)",
    now: (m) => {
      activeAt(win("* * * * * *", 2_592_000), NOW, m());
      nextOccurrence(win("* * * * * *", 2_592_000), NOW, m());
    },
    before: (c) => {
      oldOccurrenceAt(win("* * * * * *", 2_592_000), NOW, c);
      oldOccurrenceAt(win("* * * * * *", 2_592_000), NOW, c);
    },
  },
  {
    name: "uptime: 30-day window every minute over 90 days",
    now: (m) => maintenanceCoverage([win("* * * * *", 2_592_000)], checks[0]!, NOW - 90 * DAY, NOW, m()),
    before: (c) => oldOccurrences(win("* * * * *", 2_592_000), NOW - 90 * DAY, NOW, c),
  },
  {
    name: "uptime: back-to-back hourly windows over 90 days",
    now: (m) => maintenanceCoverage([win("0 * * * *", 3_600)], checks[0]!, NOW - 90 * DAY, NOW, m()),
    before: (c) => oldOccurrences(win("0 * * * *", 3_600), NOW - 90 * DAY, NOW, c),
  },
];

for (const s of scenarios) {
  s.now(() => workMeter(HOLD_CALLS)); // warm up: zone tables, JIT
  const meters: WorkMeter[] = [];
  const t0 = performance.now();
  s.now(() => {
    const m = workMeter(s.name.startsWith("uptime") ? RANGE_CALLS : HOLD_CALLS);
    meters.push(m);
    return m;
  });
  const nowMs = performance.now() - t0;
  const c: Counter = { calls: 0, cap: CAP };
  const t1 = performance.now();
  s.before(c);
  const beforeMs = performance.now() - t1;
  const calls = meters.reduce((n, m) => n + m.calls, 0);
  console.log(s.name);
  console.log(`  now:    ${String(calls).padStart(10)} evaluator calls  ${nowMs.toFixed(2).padStart(9)} ms`);
  console.log(`  before: ${(c.calls >= c.cap ? `>${c.cap}` : String(c.calls)).padStart(10)} evaluator calls  ${beforeMs.toFixed(2).padStart(9)} ms${c.calls >= c.cap ? " (stopped at --cap)" : ""}`);
}

// The search the arithmetic replaced: occurrence lookups that walk every fire forward from
// t - duration, parsing the window each time, nested in chain-following rounds (1 000 per
// maintenance question, 100 per held-until question). Kept only to count what it cost.
interface Counter {
  calls: number;
  readonly cap: number;
}

function compiled(w: MaintenanceWindow): CronSchedule {
  const parsed = parseCron(w.cron!, w.tz);
  if (!parsed.ok) throw new Error(`bench window does not parse: ${w.cron}`);
  return parsed.cron;
}

function countedNext(cron: CronSchedule, from: number, c: Counter): number | null {
  c.calls += 1;
  return nextFire(cron, from);
}

function oldOccurrenceAt(w: MaintenanceWindow, t: number, c: Counter): number | null {
  const cron = compiled(w);
  const length = w.duration! * 1000;
  let latest: number | null = null;
  for (let at = countedNext(cron, t - length, c); at !== null && at <= t && c.calls < c.cap; at = countedNext(cron, at, c)) latest = at;
  return latest === null ? null : latest + length;
}

function oldEndsAt(windows: readonly MaintenanceWindow[], t0: number, c: Counter): number | null {
  let t = t0;
  for (let round = 0; round < 1_000 && c.calls < c.cap; round++) {
    let end = t;
    for (const w of windows) end = Math.max(end, oldOccurrenceAt(w, t, c) ?? end);
    if (end === t) break;
    t = end;
  }
  return t > t0 ? t : null;
}

function oldHeldUntil(windows: readonly MaintenanceWindow[], now: number, c: Counter): void {
  let t = now;
  for (let round = 0; round < 100 && c.calls < c.cap; round++) {
    const next = oldEndsAt(windows, t, c) ?? t;
    if (next === t) break;
    t = next;
  }
}

function oldOccurrences(w: MaintenanceWindow, start: number, end: number, c: Counter): void {
  const cron = compiled(w);
  let n = 0;
  for (let at = countedNext(cron, start - w.duration! * 1000, c); at !== null && at < end && n < 100_000 && c.calls < c.cap; at = countedNext(cron, at, c)) n++;
}
