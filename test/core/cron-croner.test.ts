// Differential test against croner. Where croner and SPEC §4 mean the same thing our evaluator must
// agree with it fire for fire: in UTC (the day-field rule expressed through croner's domAndDow),
// and across DST transitions when croner's `fixedTimeRule: "no-wildcard"` and SPEC §4 put a job in
// the same class. They classify differently in two places, tabled below against SPEC §4 instead.
import { describe, expect, test } from "bun:test";
import { Cron, CronPattern } from "croner";
import { type CronSchedule, formatInZone, nextFires, parseCron } from "../../src/core/cron.ts";

let seed = 20_240_229;
const rand = (n: number): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed % n;
};
const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)]!;

function compile(expr: string, tz: string): CronSchedule {
  const ours = parseCron(expr, tz);
  if (!ours.ok) throw new Error(ours.error.message);
  return ours.cron;
}

/** croner's fires, told SPEC §4's day-field rule: a day field starting with * makes both required. */
function cronerFires(expr: string, tz: string, from: number, count: number): number[] {
  const fields = expr.split(" ");
  const [dom, , dow] = fields.slice(-3);
  const domAndDow = dom!.startsWith("*") || dow!.startsWith("*");
  return new Cron(expr, { timezone: tz, domAndDow, fixedTimeRule: "no-wildcard" }).nextRuns(count, new Date(from)).map((d) => d.getTime());
}

function field(min: number, max: number): string {
  const a = min + rand(max - min + 1);
  const b = a + rand(max - a + 1);
  return pick(["*", String(a), `${a}-${b}`, `${a},${b}`, `*/${1 + rand(Math.max(1, Math.floor((max - min) / 2)))}`, `${a}-${b}/${1 + rand(3)}`]);
}

function expression(): string {
  const dom = rand(6) === 0 ? pick(["L", "LW", "15W"]) : field(1, 28);
  const dow = rand(6) === 0 ? pick(["5L", "1#2", "MON-FRI", "sun"]) : field(0, 6);
  return [field(0, 59), field(0, 23), dom, field(1, 12), dow].join(" ");
}

const rows = Array.from({ length: 300 }, () => ({
  expr: expression(),
  from: Date.UTC(2020 + rand(10), rand(12), 1 + rand(28), rand(24), rand(60)),
}));

describe("agreement with croner in UTC", () => {
  test.each(rows.map((r) => [r.expr, new Date(r.from).toISOString(), r.from] as const))("%s after %s", (expr, _label, from) => {
    expect(nextFires(compile(expr, "UTC"), from, 5)).toEqual(cronerFires(expr, "UTC", from, 5));
  });
});

// Fields both rules agree on. Wildcard jobs: minute or hour starts with `*` (croner sees a wildcard
// too). Fixed-time jobs: values, ranges and lists only, with no step and no `*` in seconds,
// minutes and hours (croner's "no-wildcard" counts those as fixed, as SPEC §4 does).
const fixed = (max: number): string => {
  const a = rand(max + 1);
  const b = a + rand(max - a + 1);
  return pick([String(a), `${a}-${b}`, `${a},${b}`, `${a},${b},${rand(max + 1)}`]);
};
const wild = (max: number): string => pick(["*", `*/${1 + rand(Math.min(20, max))}`]);

function dstExpression(): string {
  const dom = pick(["*", "*", "1-7", "L", "*/2"]);
  const dow = pick(["*", "*", "MON-FRI", "0", "1-5"]);
  if (rand(2) === 0) {
    // a fixed time; hours around the transitions are more likely
    const seconds = rand(4) === 0 ? `${fixed(59)} ` : "";
    return `${seconds}${fixed(59)} ${pick([fixed(23), "1-4", "2,3", "0-3", "3", "2", String(rand(24))])} ${dom} * ${dow}`;
  }
  const seconds = rand(4) === 0 ? `${pick(["*/20", "0", "15,45", "*/30"])} ` : "";
  const [minute, hour] = pick([[wild(59), wild(23)], [wild(59), fixed(23)], [fixed(59), wild(23)]] as const);
  return `${seconds}${minute} ${hour} ${dom} * ${dow}`;
}

// 2021 transitions: spring forward and fall back, northern and southern hemisphere, a change at
// midnight (Santiago) and a 30-minute one (Lord Howe).
const DST_ZONES: Readonly<Record<string, readonly string[]>> = {
  "Europe/Riga": ["2021-03-28T01:00:00Z", "2021-10-31T01:00:00Z"],
  "America/New_York": ["2021-03-14T07:00:00Z", "2021-11-07T06:00:00Z"],
  "Australia/Sydney": ["2021-10-02T16:00:00Z", "2021-04-03T16:00:00Z"],
  "America/Santiago": ["2021-09-05T04:00:00Z", "2021-04-04T03:00:00Z"],
  "Australia/Lord_Howe": ["2021-10-02T15:30:00Z", "2021-04-03T15:00:00Z"],
};
const dstRows = Array.from({ length: 250 }, () => {
  const tz = pick(Object.keys(DST_ZONES));
  // from up to a day before the transition, so the fires run across it
  return { expr: dstExpression(), tz, from: Date.parse(pick(DST_ZONES[tz]!)) - rand(24) * 3_600_000 - rand(60) * 60_000 };
});

describe("agreement with croner across DST transitions where both classify the job alike", () => {
  test.each(dstRows.map((r) => [r.expr, r.tz, new Date(r.from).toISOString(), r] as const))("%s in %s after %s", (_e, _z, _l, { expr, tz, from }) => {
    const ours = compile(expr, tz);
    // the generator's promise: both rules put the job in the same class
    expect(ours.pattern.wallClock).toBe(new CronPattern(expr, tz, { fixedTimeRule: "no-wildcard" }).isFixedTime);
    expect(nextFires(ours, from, 6)).toEqual(cronerFires(expr, tz, from, 6));
  });
});

describe("where croner classifies a job otherwise, SPEC §4 decides", () => {
  // SPEC §4 (Vixie) looks only at whether the minute or hour field starts with `*`. croner counts a
  // step anywhere in seconds, minutes or hours (`0-30/10`, `1-5/2`) and a wildcard in the seconds
  // field as "interval" jobs: it skips their times in the spring gap and runs them in both passes
  // of the repeated autumn hour. SPEC makes them wall-clock jobs: a gap time fires once when the
  // gap ends, a repeated time fires once, in the first pass.
  const RIGA = "Europe/Riga";
  test.each([
    { name: "a stepped minute range in the spring gap fires once at its end", expr: "0-30/10 3 * * *", tz: RIGA, from: "2021-03-28T00:00:00+02:00", spec: ["2021-03-28T04:00:00+03:00", "2021-03-29T03:00:00+03:00"] },
    { name: "a stepped minute range fires once in the repeated hour", expr: "0-30/10 3 * * *", tz: RIGA, from: "2021-10-31T03:25:00+03:00", spec: ["2021-10-31T03:30:00+03:00", "2021-11-01T03:00:00+02:00"] },
    { name: "a stepped hour range keeps its gap time", expr: "0 1-5/2 * * *", tz: RIGA, from: "2021-03-28T00:00:00+02:00", spec: ["2021-03-28T01:00:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-28T05:00:00+03:00"] },
    { name: "a stepped hour range fires once in the repeated hour", expr: "0 1-5/2 * * *", tz: RIGA, from: "2021-10-31T00:00:00+03:00", spec: ["2021-10-31T01:00:00+03:00", "2021-10-31T03:00:00+03:00", "2021-10-31T05:00:00+02:00"] },
    { name: "wildcard seconds at a fixed minute and hour fire once after the gap", expr: "*/20 30 3 * * *", tz: RIGA, from: "2021-03-28T00:00:00+02:00", spec: ["2021-03-28T04:00:00+03:00", "2021-03-29T03:30:00+03:00"] },
    { name: "wildcard seconds at a fixed minute and hour run in the first pass only", expr: "*/20 30 3 * * *", tz: RIGA, from: "2021-10-31T03:30:30+03:00", spec: ["2021-10-31T03:30:40+03:00", "2021-11-01T03:30:00+02:00"] },
    { name: "New York: a stepped hour range keeps 2:00 on the spring day", expr: "0 0-4/2 * * *", tz: "America/New_York", from: "2021-03-14T01:00:00-05:00", spec: ["2021-03-14T03:00:00-04:00", "2021-03-14T04:00:00-04:00"] },
    { name: "Sydney: a stepped hour range fires 2:30 once in the April repeat", expr: "30 2-4/2 * * *", tz: "Australia/Sydney", from: "2021-04-04T00:00:00+11:00", spec: ["2021-04-04T02:30:00+11:00", "2021-04-04T04:30:00+10:00"] },
  ])("$name: $expr", ({ expr, tz, from, spec }) => {
    const at = Date.parse(from);
    const ours = compile(expr, tz);
    expect(ours.pattern.wallClock).toBe(true);
    expect(new CronPattern(expr, tz, { fixedTimeRule: "no-wildcard" }).isFixedTime).toBe(false);
    expect(nextFires(ours, at, spec.length).map((ms) => formatInZone(ms, tz))).toEqual([...spec]);
    // croner's interval handling gives other fires here
    expect(cronerFires(expr, tz, at, spec.length).map((ms) => formatInZone(ms, tz))).not.toEqual([...spec]);
  });
});
