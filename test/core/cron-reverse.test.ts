// latestFireAtOrBefore, the reverse search the maintenance arithmetic stands on, checked against
// the forward evaluator: L is the latest fire at or before t exactly when L is a fire, L ≤ t, and
// the first fire after L comes after t. Rows sit around DST transitions in zones of both
// hemispheres, one with a 30-minute shift (Lord Howe), and cover wall-clock and wildcard jobs.
import { describe, expect, test } from "bun:test";
import { cronErrorText, type CronSchedule, formatInZone, latestFireAtOrBefore, nextFire, parseCron } from "../../src/core/cron.ts";

function compile(expr: string, tz: string): CronSchedule {
  const r = parseCron(expr, tz);
  if (!r.ok) throw new Error(`fixture expression rejected: ${cronErrorText(r.error)}`);
  return r.cron;
}

describe("latestFireAtOrBefore", () => {
  const rows = [
    { name: "a fire at t itself counts", expr: "0 3 * * *", tz: "UTC", at: "2021-06-01T03:00:00Z", latest: "2021-06-01T03:00:00+00:00" },
    { name: "a fraction of a second after a fire finds it", expr: "* * * * * *", tz: "UTC", at: "2021-06-01T03:00:00.900Z", latest: "2021-06-01T03:00:00+00:00" },
    { name: "yesterday's fire when today's is later", expr: "0 3 * * *", tz: "UTC", at: "2021-06-01T02:59:59Z", latest: "2021-05-31T03:00:00+00:00" },
    { name: "29 February four years back", expr: "0 0 29 2 *", tz: "UTC", at: "2027-01-01T00:00:00Z", latest: "2024-02-29T00:00:00+00:00" },
    { name: "the last Friday of the previous month", expr: "1 1 * * 5L", tz: "UTC", at: "2020-02-27T00:00:00Z", latest: "2020-01-31T01:01:00+00:00" },
    { name: "Riga: a gap time fired at the end of the gap", expr: "30 3 * * *", tz: "Europe/Riga", at: "2021-03-28T04:10:00+03:00", latest: "2021-03-28T04:00:00+03:00" },
    { name: "Riga: a fixed time in the second pass of the repeat is the first pass", expr: "30 3 * * *", tz: "Europe/Riga", at: "2021-10-31T03:40:00+02:00", latest: "2021-10-31T03:30:00+03:00" },
    { name: "Riga: a fixed time later in the repeated hour than t is found in the first pass", expr: "50 3 * * *", tz: "Europe/Riga", at: "2021-10-31T03:10:00+02:00", latest: "2021-10-31T03:50:00+03:00" },
    { name: "Riga: hourly in the second pass finds the second 03:00", expr: "0 * * * *", tz: "Europe/Riga", at: "2021-10-31T03:30:00+02:00", latest: "2021-10-31T03:00:00+02:00" },
    { name: "Riga: hourly after the gap skips the missing hour", expr: "0 * * * *", tz: "Europe/Riga", at: "2021-03-28T04:59:00+03:00", latest: "2021-03-28T04:00:00+03:00" },
    { name: "never: 30 February", expr: "0 0 30 2 *", tz: "UTC", at: "2021-06-01T00:00:00Z", latest: null },
  ];
  test.each(rows)("$name", ({ expr, tz, at, latest }) => {
    const found = latestFireAtOrBefore(compile(expr, tz), Date.parse(at));
    expect(found === null ? null : formatInZone(found, tz)).toBe(latest);
  });

  test("a lower bound after the latest fire answers null", () => {
    const cron = compile("0 3 * * *", "UTC");
    const t = Date.parse("2021-06-01T12:00:00Z");
    expect(latestFireAtOrBefore(cron, t, Date.parse("2021-06-01T03:00:00Z"))).toBe(Date.parse("2021-06-01T03:00:00Z"));
    expect(latestFireAtOrBefore(cron, t, Date.parse("2021-06-01T03:00:01Z"))).toBeNull();
  });
});

// A seeded generator, so a failure names a row that can be run again.
let seed = 7_031_990;
const rand = (n: number): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed % n;
};
const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)]!;

function timeField(max: number): string {
  const a = rand(max + 1);
  const b = a + rand(max - a + 1);
  return pick(["*", String(a), `${a}-${b}`, `${a},${b}`, `*/${1 + rand(20)}`, `${a}-${b}/${1 + rand(3)}`, `${a}/${1 + rand(30)}`]);
}

function expression(): string {
  const seconds = rand(4) === 0 ? `${timeField(59)} ` : "";
  const dom = pick(["*", "*", "L", "1-7", "*/2", "15"]);
  const dow = pick(["*", "*", "MON-FRI", "0", "5L"]);
  return `${seconds}${timeField(59)} ${pick(["*", "*/2", "3", "2-4", "1,3,5", "0-23/5", String(rand(24))])} ${dom} * ${dow}`;
}

// 2021 transitions: Riga 03-28 / 10-31, New York 03-14 / 11-07, Sydney 10-03 / 04-04,
// Santiago 09-05 / 04-04 (at midnight), Lord Howe 10-03 / 04-04 (30 minutes).
const ZONES: readonly { tz: string; transitions: readonly string[] }[] = [
  { tz: "Europe/Riga", transitions: ["2021-03-28T01:00:00Z", "2021-10-31T01:00:00Z"] },
  { tz: "America/New_York", transitions: ["2021-03-14T07:00:00Z", "2021-11-07T06:00:00Z"] },
  { tz: "Australia/Sydney", transitions: ["2021-10-02T16:00:00Z", "2021-04-03T16:00:00Z"] },
  { tz: "America/Santiago", transitions: ["2021-09-05T04:00:00Z", "2021-04-04T03:00:00Z"] },
  { tz: "Australia/Lord_Howe", transitions: ["2021-10-02T15:30:00Z", "2021-04-03T15:00:00Z"] },
  { tz: "UTC", transitions: ["2021-06-01T00:00:00Z"] },
];

const rows = Array.from({ length: 400 }, (_, i) => {
  const zone = ZONES[i % ZONES.length]!;
  const around = Date.parse(pick(zone.transitions));
  return { expr: expression(), tz: zone.tz, at: around + (rand(6 * 3_600) - 3 * 3_600) * 1000 + rand(1000) };
});

describe("latestFireAtOrBefore agrees with nextFire around DST transitions", () => {
  test.each(rows.map((r) => [r.expr, r.tz, new Date(r.at).toISOString(), r] as const))("%s in %s at %s", (_e, _z, _a, row) => {
    const cron = compile(row.expr, row.tz);
    const latest = latestFireAtOrBefore(cron, row.at);
    expect(latest).not.toBeNull();
    const l = latest!;
    expect(l).toBeLessThanOrEqual(row.at);
    // l is a fire, and none comes between it and t
    expect(nextFire(cron, l - 1)).toBe(l);
    expect(nextFire(cron, l)!).toBeGreaterThan(row.at);
  });
});
