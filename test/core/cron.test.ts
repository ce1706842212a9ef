import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cronErrorText, formatInZone, isValidTimeZone, nextFire, nextFires, parseCron, type CronSchedule } from "../../src/core/cron.ts";

// Expected values below follow SPEC §4, checked against the zone rules with `TZ=<zone> date`:
// Europe/Riga 2021: 03-28 01:00Z (03:00 +02 → 04:00 +03), 10-31 01:00Z (04:00 +03 → 03:00 +02).
// Australia/Sydney 2021: 04-03 16:00Z (03:00 +11 → 02:00 +10), 10-02 16:00Z (02:00 +10 → 03:00 +11).
// America/Santiago 2021: 04-04 03:00Z (24:00 -03 → 23:00 -04), 09-05 04:00Z (24:00 -04 → 01:00 -03).

function compile(expr: string, tz = "UTC"): CronSchedule {
  const result = parseCron(expr, tz);
  if (!result.ok) throw new Error(`fixture expression rejected: ${cronErrorText(result.error)}`);
  return result.cron;
}

/** The next fire times of `expr` after the ISO instant `from`, formatted in the zone. */
function firesAfter(expr: string, tz: string, from: string, count: number): string[] {
  return nextFires(compile(expr, tz), Date.parse(from), count).map((ms) => formatInZone(ms, tz));
}

interface FireRow {
  readonly name: string;
  readonly expr: string;
  readonly tz?: string;
  readonly from: string;
  readonly fires: readonly string[];
}

const utcDay = (date: string, time = "00:00:00"): string => `${date}T${time}+00:00`;

describe("cron syntax", () => {
  const rows: FireRow[] = [
    { name: "month names match in any case", expr: "0 0 1 JAN,jul *", from: "2021-01-01T00:00:00Z", fires: [utcDay("2021-07-01"), utcDay("2022-01-01")] },
    { name: "day-name ranges match each day in them", expr: "0 12 * * mon-wed", from: "2021-06-04T00:00:00Z", fires: ["2021-06-07", "2021-06-08", "2021-06-09", "2021-06-14"].map((d) => utcDay(d, "12:00:00")) },
    { name: "hour ranges fire each hour in the range", expr: "0 9-11 * * *", from: "2021-06-01T10:30:00Z", fires: [utcDay("2021-06-01", "11:00:00"), utcDay("2021-06-02", "09:00:00"), utcDay("2021-06-02", "10:00:00")] },
    { name: "lists fire at each listed minute", expr: "15,45 3 * * *", from: "2021-06-01T03:20:00Z", fires: [utcDay("2021-06-01", "03:45:00"), utcDay("2021-06-02", "03:15:00"), utcDay("2021-06-02", "03:45:00")] },
    { name: "*/15 fires on the quarter hours", expr: "*/15 * * * *", from: "2021-06-01T10:07:00Z", fires: ["10:15:00", "10:30:00", "10:45:00", "11:00:00"].map((t) => utcDay("2021-06-01", t)) },
    { name: "a stepped range starts at its low end", expr: "1-30/10 0 * * *", from: "2021-06-01T00:00:00Z", fires: [utcDay("2021-06-01", "00:01:00"), utcDay("2021-06-01", "00:11:00"), utcDay("2021-06-01", "00:21:00"), utcDay("2021-06-02", "00:01:00")] },
    { name: "a leading sixth field is seconds", expr: "*/20 * * * * *", from: "2021-06-01T00:00:05Z", fires: ["00:00:20", "00:00:40", "00:01:00"].map((t) => utcDay("2021-06-01", t)) },
    { name: "a fixed seconds value fires once a day", expr: "30 0 12 * * *", from: "2021-06-01T00:00:00Z", fires: [utcDay("2021-06-01", "12:00:30"), utcDay("2021-06-02", "12:00:30")] },
    { name: "L fires on the last day of each month", expr: "0 0 L * *", from: "2021-01-15T00:00:00Z", fires: ["2021-01-31", "2021-02-28", "2021-03-31", "2021-04-30"].map((d) => utcDay(d)) },
    { name: "LW fires on the last weekday of each month", expr: "0 0 LW * *", from: "2021-01-01T00:00:00Z", fires: ["2021-01-29", "2021-02-26", "2021-03-31"].map((d) => utcDay(d)) },
    { name: "15W moves a weekend 15th to the nearest weekday", expr: "0 0 15W * *", from: "2020-01-01T00:00:00Z", fires: ["2020-01-15", "2020-02-14", "2020-03-16"].map((d) => utcDay(d)) },
    { name: "1W never leaves the month when the 1st is a Saturday", expr: "0 0 1W * *", from: "2021-04-15T00:00:00Z", fires: ["2021-05-03", "2021-06-01", "2021-07-01"].map((d) => utcDay(d)) },
    { name: "5L fires on the last Friday of each month", expr: "1 1 * * 5L", from: "2020-01-01T00:00:00Z", fires: ["2020-01-31", "2020-02-28", "2020-03-27"].map((d) => utcDay(d, "01:01:00")) },
    { name: "1#2 fires on the second Monday of each month", expr: "0 0 * * 1#2", from: "2020-01-01T00:00:00Z", fires: ["2020-01-13", "2020-02-10", "2020-03-09"].map((d) => utcDay(d)) },
    { name: "MON#1 fires on the first Monday of each month", expr: "0 0 * * MON#1", from: "2021-06-01T00:00:00Z", fires: ["2021-06-07", "2021-07-05", "2021-08-02"].map((d) => utcDay(d)) },
    { name: "day-of-week 7 is Sunday", expr: "0 0 * * 7", from: "2021-06-01T00:00:00Z", fires: ["2021-06-06", "2021-06-13"].map((d) => utcDay(d)) },
    { name: "day-of-week 0 is Sunday", expr: "0 0 * * 0", from: "2021-06-01T00:00:00Z", fires: ["2021-06-06", "2021-06-13"].map((d) => utcDay(d)) },
    { name: "@hourly fires at the top of each hour", expr: "@hourly", from: "2021-06-01T10:30:00Z", fires: [utcDay("2021-06-01", "11:00:00"), utcDay("2021-06-01", "12:00:00")] },
    { name: "@daily fires at midnight", expr: "@daily", from: "2021-06-01T10:30:00Z", fires: ["2021-06-02", "2021-06-03"].map((d) => utcDay(d)) },
    { name: "@midnight is @daily", expr: "@midnight", from: "2021-06-01T10:30:00Z", fires: ["2021-06-02", "2021-06-03"].map((d) => utcDay(d)) },
    { name: "@weekly fires on Sunday midnight", expr: "@weekly", from: "2021-06-01T10:30:00Z", fires: ["2021-06-06", "2021-06-13"].map((d) => utcDay(d)) },
    { name: "@monthly fires on the 1st", expr: "@monthly", from: "2021-06-01T10:30:00Z", fires: ["2021-07-01", "2021-08-01"].map((d) => utcDay(d)) },
    { name: "@yearly fires on 1 January", expr: "@yearly", from: "2021-06-01T10:30:00Z", fires: ["2022-01-01", "2023-01-01"].map((d) => utcDay(d)) },
    { name: "@annually is @yearly", expr: "@ANNUALLY", from: "2021-06-01T10:30:00Z", fires: ["2022-01-01", "2023-01-01"].map((d) => utcDay(d)) },
    { name: "fires strictly after the given instant", expr: "0 12 * * *", from: "2021-06-01T12:00:00Z", fires: [utcDay("2021-06-02", "12:00:00")] },
    { name: "a fraction of a second past a fire time skips it", expr: "* * * * * *", from: "2021-06-01T12:00:00.500Z", fires: [utcDay("2021-06-01", "12:00:01")] },
  ];
  test.each(rows)("$name", (row) => {
    expect(firesAfter(row.expr, row.tz ?? "UTC", row.from, row.fires.length)).toEqual([...row.fires]);
  });
});

describe("day-of-month and day-of-week (Vixie/Debian rule)", () => {
  const rows: FireRow[] = [
    { name: "a day-of-week starting with * ANDs: 1-7 with */7 means first Sundays", expr: "1 1 1-7 * */7", from: "2020-01-01T00:00:00Z", fires: ["2020-01-05", "2020-02-02", "2020-03-01"].map((d) => utcDay(d, "01:01:00")) },
    { name: "a day-of-month starting with * ANDs: */10 with MON", expr: "0 0 */10 * MON", from: "2021-01-01T00:00:00Z", fires: ["2021-01-11", "2021-02-01", "2021-03-01", "2021-05-31", "2021-06-21"].map((d) => utcDay(d)) },
    { name: "? counts like *: ? with 5L means last Fridays only", expr: "0 0 ? * 5L", from: "2020-01-01T00:00:00Z", fires: ["2020-01-31", "2020-02-28"].map((d) => utcDay(d)) },
    { name: "neither field starting with * ORs: the 1st or any Monday", expr: "0 0 1 * MON", from: "2021-06-01T00:00:00Z", fires: ["2021-06-07", "2021-06-14", "2021-06-21", "2021-06-28", "2021-07-01", "2021-07-05"].map((d) => utcDay(d)) },
    { name: "L with a weekday ORs: the last day or any Monday", expr: "0 0 L * MON", from: "2021-06-25T00:00:00Z", fires: ["2021-06-28", "2021-06-30", "2021-07-05"].map((d) => utcDay(d)) },
  ];
  test.each(rows)("$name", (row) => {
    expect(firesAfter(row.expr, row.tz ?? "UTC", row.from, row.fires.length)).toEqual([...row.fires]);
  });
});

describe("daylight saving time", () => {
  const RIGA = "Europe/Riga";
  const SYDNEY = "Australia/Sydney";
  const SANTIAGO = "America/Santiago";
  const rows: FireRow[] = [
    // Europe/Riga, spring forward: 03:00-03:59 does not exist on 2021-03-28.
    { name: "Riga: hourly skips the missing hour", expr: "0 * * * *", tz: RIGA, from: "2021-03-28T01:30:00+02:00", fires: ["2021-03-28T02:00:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-28T05:00:00+03:00"] },
    { name: "Riga: a fixed time in the gap fires when the gap ends", expr: "0 3 * * *", tz: RIGA, from: "2021-03-27T01:30:00+02:00", fires: ["2021-03-27T03:00:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-29T03:00:00+03:00"] },
    { name: "Riga: 03:30 in the gap fires at 04:00", expr: "30 3 * * *", tz: RIGA, from: "2021-03-28T00:00:00+02:00", fires: ["2021-03-28T04:00:00+03:00", "2021-03-29T03:30:00+03:00"] },
    { name: "Riga: a gap time and the first time after it fire once together", expr: "0 3,4 * * *", tz: RIGA, from: "2021-03-28T00:00:00+02:00", fires: ["2021-03-28T04:00:00+03:00", "2021-03-29T03:00:00+03:00"] },
    { name: "Riga: a list of hours is a fixed-time job in the gap", expr: "30 3,15 * * *", tz: RIGA, from: "2021-03-27T20:00:00+02:00", fires: ["2021-03-28T04:00:00+03:00", "2021-03-28T15:30:00+03:00"] },
    { name: "Riga: a stepped hour range is a fixed-time job in the gap", expr: "0 1-5/2 * * *", tz: RIGA, from: "2021-03-28T00:00:00+02:00", fires: ["2021-03-28T01:00:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-28T05:00:00+03:00"] },
    { name: "Riga: */30 minutes runs in absolute time across the gap", expr: "*/30 * * * *", tz: RIGA, from: "2021-03-28T02:00:00+02:00", fires: ["2021-03-28T02:30:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-28T04:30:00+03:00"] },
    { name: "Riga: minute 15 of every hour has no 03:15 on the spring day", expr: "15 * * * *", tz: RIGA, from: "2021-03-28T02:00:00+02:00", fires: ["2021-03-28T02:15:00+02:00", "2021-03-28T04:15:00+03:00"] },
    { name: "Riga: a wildcard minute in the missing hour skips the day", expr: "*/20 3 * * *", tz: RIGA, from: "2021-03-28T00:00:00+02:00", fires: ["2021-03-29T03:00:00+03:00", "2021-03-29T03:20:00+03:00"] },
    { name: "Riga: wildcard seconds with fixed minute and hour fire once after the gap", expr: "*/20 30 3 * * *", tz: RIGA, from: "2021-03-28T00:00:00+02:00", fires: ["2021-03-28T04:00:00+03:00", "2021-03-29T03:30:00+03:00", "2021-03-29T03:30:20+03:00"] },
    // Europe/Riga, fall back: 03:00-03:59 happens twice on 2021-10-31.
    { name: "Riga: a fixed time in the repeated hour fires once", expr: "0 3 * * *", tz: RIGA, from: "2021-10-30T12:00:00+03:00", fires: ["2021-10-31T03:00:00+03:00", "2021-11-01T03:00:00+02:00"] },
    { name: "Riga: a fixed time does not fire again in the second pass", expr: "30 3 * * *", tz: RIGA, from: "2021-10-31T03:40:00+03:00", fires: ["2021-11-01T03:30:00+02:00"] },
    { name: "Riga: hourly fires twice in the repeated hour", expr: "0 * * * *", tz: RIGA, from: "2021-10-31T01:30:00+03:00", fires: ["2021-10-31T02:00:00+03:00", "2021-10-31T03:00:00+03:00", "2021-10-31T03:00:00+02:00", "2021-10-31T04:00:00+02:00"] },
    { name: "Riga: */30 minutes runs through both passes", expr: "*/30 * * * *", tz: RIGA, from: "2021-10-31T03:00:00+03:00", fires: ["2021-10-31T03:30:00+03:00", "2021-10-31T03:00:00+02:00", "2021-10-31T03:30:00+02:00", "2021-10-31T04:00:00+02:00"] },
    { name: "Riga: a wildcard minute in the repeated hour fires in both passes", expr: "*/20 3 * * *", tz: RIGA, from: "2021-10-31T00:00:00+03:00", fires: ["03:00:00+03:00", "03:20:00+03:00", "03:40:00+03:00", "03:00:00+02:00", "03:20:00+02:00", "03:40:00+02:00"].map((t) => `2021-10-31T${t}`) },
    { name: "Riga: a list of hours fires once in the repeated hour", expr: "30 3,15 * * *", tz: RIGA, from: "2021-10-30T12:30:00+03:00", fires: ["2021-10-30T15:30:00+03:00", "2021-10-31T03:30:00+03:00", "2021-10-31T15:30:00+02:00"] },
    { name: "Riga: a stepped hour range fires once in the repeated hour", expr: "0 1-5/2 * * *", tz: RIGA, from: "2021-10-31T00:00:00+03:00", fires: ["2021-10-31T01:00:00+03:00", "2021-10-31T03:00:00+03:00", "2021-10-31T05:00:00+02:00"] },
    // Australia/Sydney (southern hemisphere): spring forward in October, fall back in April.
    { name: "Sydney: 02:30 in the October gap fires at 03:00", expr: "30 2 * * *", tz: SYDNEY, from: "2021-10-02T12:00:00+10:00", fires: ["2021-10-03T03:00:00+11:00", "2021-10-04T02:30:00+11:00"] },
    { name: "Sydney: 02:00 at the start of the gap fires at 03:00", expr: "0 2 * * *", tz: SYDNEY, from: "2021-10-02T12:00:00+10:00", fires: ["2021-10-03T03:00:00+11:00", "2021-10-04T02:00:00+11:00"] },
    { name: "Sydney: a range of hours fires once for the gap and again after it", expr: "15 1-3 * * *", tz: SYDNEY, from: "2021-10-03T00:00:00+10:00", fires: ["2021-10-03T01:15:00+10:00", "2021-10-03T03:00:00+11:00", "2021-10-03T03:15:00+11:00"] },
    { name: "Sydney: hourly skips the missing hour", expr: "0 * * * *", tz: SYDNEY, from: "2021-10-03T01:30:00+10:00", fires: ["2021-10-03T03:00:00+11:00", "2021-10-03T04:00:00+11:00"] },
    { name: "Sydney: */30 minutes runs in absolute time across the gap", expr: "*/30 * * * *", tz: SYDNEY, from: "2021-10-03T01:00:00+10:00", fires: ["2021-10-03T01:30:00+10:00", "2021-10-03T03:00:00+11:00", "2021-10-03T03:30:00+11:00"] },
    { name: "Sydney: 02:30 in the April repeat fires once", expr: "30 2 * * *", tz: SYDNEY, from: "2021-04-03T12:00:00+11:00", fires: ["2021-04-04T02:30:00+11:00", "2021-04-05T02:30:00+10:00"] },
    { name: "Sydney: 02:30 does not fire in the second pass", expr: "30 2 * * *", tz: SYDNEY, from: "2021-04-04T02:45:00+11:00", fires: ["2021-04-05T02:30:00+10:00"] },
    { name: "Sydney: 02:00 in the April repeat fires once", expr: "0 2 * * *", tz: SYDNEY, from: "2021-04-03T12:00:00+11:00", fires: ["2021-04-04T02:00:00+11:00", "2021-04-05T02:00:00+10:00"] },
    { name: "Sydney: hourly fires twice in the repeated hour", expr: "0 * * * *", tz: SYDNEY, from: "2021-04-04T01:30:00+11:00", fires: ["2021-04-04T02:00:00+11:00", "2021-04-04T02:00:00+10:00", "2021-04-04T03:00:00+10:00"] },
    { name: "Sydney: */30 minutes runs through both passes", expr: "*/30 * * * *", tz: SYDNEY, from: "2021-04-04T02:00:00+11:00", fires: ["2021-04-04T02:30:00+11:00", "2021-04-04T02:00:00+10:00", "2021-04-04T02:30:00+10:00", "2021-04-04T03:00:00+10:00"] },
    // America/Santiago changes at midnight, so the gap and the repeat straddle a date.
    { name: "Santiago: a missing midnight fires at 01:00 the same day", expr: "0 0 * * *", tz: SANTIAGO, from: "2021-09-04T12:00:00-04:00", fires: ["2021-09-05T01:00:00-03:00", "2021-09-06T00:00:00-03:00"] },
    { name: "Santiago: 23:00 on the repeated evening fires once", expr: "0 23 * * *", tz: SANTIAGO, from: "2021-04-03T12:00:00-03:00", fires: ["2021-04-03T23:00:00-03:00", "2021-04-04T23:00:00-04:00"] },
    { name: "Santiago: hourly fires twice at 23:00 on the repeated evening", expr: "0 * * * *", tz: SANTIAGO, from: "2021-04-03T22:30:00-03:00", fires: ["2021-04-03T23:00:00-03:00", "2021-04-03T23:00:00-04:00", "2021-04-04T00:00:00-04:00"] },
  ];
  test.each(rows)("$name", (row) => {
    expect(firesAfter(row.expr, row.tz ?? "UTC", row.from, row.fires.length)).toEqual([...row.fires]);
  });
});

describe("leap years and impossible dates", () => {
  const rows: FireRow[] = [
    { name: "29 February waits for the next leap year", expr: "0 0 29 2 *", from: "2021-01-01T00:00:00Z", fires: [utcDay("2024-02-29")] },
    { name: "29 February after one fires four years later", expr: "0 0 29 2 *", from: "2024-02-29T00:00:00Z", fires: [utcDay("2028-02-29")] },
    { name: "L in February is the 29th in a leap year", expr: "0 0 L 2 *", from: "2023-03-01T00:00:00Z", fires: [utcDay("2024-02-29"), utcDay("2025-02-28")] },
    { name: "30 February never fires", expr: "0 0 30 2 *", from: "2021-01-01T00:00:00Z", fires: [] },
    { name: "31 April, June, September, November never fires", expr: "0 0 31 4,6,9,11 *", tz: "Europe/Riga", from: "2021-01-01T00:00:00Z", fires: [] },
    { name: "a fifth Monday in February is found 23 years ahead (the 28-year calendar cycle)", expr: "0 0 * 2 MON#5", from: "2021-01-01T00:00:00Z", fires: ["2044-02-29T00:00:00+00:00"] },
  ];
  test.each(rows)("$name", (row) => {
    // Ask for more than the never-firing rows can give, so that "none" is really none.
    const count = row.fires.length > 0 ? row.fires.length : 3;
    expect(firesAfter(row.expr, row.tz ?? "UTC", row.from, count)).toEqual([...row.fires]);
  });

  test("nextFire returns null for a date that never comes", () => {
    expect(nextFire(compile("0 0 30 2 *"), Date.parse("2021-01-01T00:00:00Z"))).toBeNull();
  });
});

describe("rejected input", () => {
  const rows: { name: string; expr: string; tz?: string; error: string }[] = [
    { name: "a minute of 61 names the minute field", expr: "61 * * * *", error: "invalid cron expression: minute field: 61 is out of range 0-59" },
    { name: "a second of 60 names the second field", expr: "60 0 0 * * *", error: "second field: 60 is out of range 0-59" },
    { name: "an hour of 24 names the hour field", expr: "0 24 * * *", error: "hour field: 24 is out of range 0-23" },
    { name: "a day of 0 names the day-of-month field", expr: "0 0 0 * *", error: "day-of-month field: 0 is out of range 1-31" },
    { name: "a day of 32 names the day-of-month field", expr: "0 0 32 * *", error: "day-of-month field: 32 is out of range 1-31" },
    { name: "a month of 13 names the month field", expr: "0 0 * 13 *", error: "month field: 13 is out of range 1-12" },
    { name: "an unknown month name names the month field", expr: "0 0 * January *", error: 'month field: "January" is not a valid value' },
    { name: "a weekday of 8 names the day-of-week field", expr: "0 0 * * 8", error: "day-of-week field: 8 is out of range 0-7" },
    { name: "a sixth week names the day-of-week field", expr: "0 0 * * MON#6", error: "day-of-week field: \"MON#6\": the week number after # must be 1-5" },
    { name: "a bare L in day-of-week is refused", expr: "0 0 * * L", error: "day-of-week field: L needs a weekday" },
    { name: "a zero step is refused", expr: "*/0 * * * *", error: "minute field: step /0 must be 1 or more" },
    { name: "a step that is not a number is refused", expr: "*/x * * * *", error: "minute field: step /x is not a whole number" },
    { name: "a zero step after L is refused", expr: "0 0 L/0 * *", error: "day-of-month field: step /0 must be 1 or more" },
    { name: "a backwards range is refused", expr: "30-10 * * * *", error: "minute field: range 30-10 is backwards" },
    { name: "an empty list item is refused", expr: "0 1,,2 * * *", error: "hour field: empty list item" },
    { name: "garbage names the first bad field", expr: "a b c d e", error: 'minute field: "a" is not a valid value' },
    { name: "? outside the day fields is refused", expr: "? * * * *", error: 'minute field: "?" is not a valid value' },
    { name: "a year field is refused", expr: "0 0 0 1 1 * 2030", error: "7 fields given; a year field is not supported" },
    { name: "four fields are refused", expr: "0 0 * *", error: "expected 5 fields (or 6 with leading seconds), got 4" },
    { name: "an empty expression is refused", expr: "", error: "invalid cron expression: empty expression" },
    { name: "a blank expression is refused", expr: "   ", error: "invalid cron expression: empty expression" },
    { name: "@reboot is refused", expr: "@reboot", error: "unknown nickname @reboot" },
    { name: "an unknown zone is named", expr: "0 0 * * *", tz: "Mars/Olympus", error: "unknown time zone: Mars/Olympus" },
    { name: "a bare offset is not a zone", expr: "0 0 * * *", tz: "+03:00", error: "unknown time zone: +03:00" },
    { name: "an empty zone is refused", expr: "0 0 * * *", tz: "", error: "unknown time zone: " },
  ];
  test.each(rows)("$name", (row) => {
    const result = parseCron(row.expr, row.tz ?? "UTC");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(cronErrorText(result.error)).toContain(row.error);
  });

  test.each([
    { name: "a field error carries its field", expr: "0 25 * * *", tz: "UTC", error: { field: "hour", message: "25 is out of range 0-23" } },
    { name: "a seconds error carries the second field", expr: "60 0 0 * * *", tz: "UTC", error: { field: "second", message: "60 is out of range 0-59" } },
    { name: "a day-of-week error carries its field", expr: "0 0 * * 8", tz: "UTC", error: { field: "day-of-week", message: "8 is out of range 0-7" } },
    { name: "a field count error is about the expression", expr: "0 0 * *", tz: "UTC", error: { field: "expression", message: "expected 5 fields (or 6 with leading seconds), got 4" } },
    { name: "an unknown zone is about tz", expr: "0 0 * * *", tz: "Mars/Olympus", error: { field: "tz", message: "unknown time zone: Mars/Olympus" } },
  ])("$name", ({ expr, tz, error }) => {
    const result = parseCron(expr, tz);
    expect(!result.ok && result.error).toEqual(error as never);
  });

  test("a non-string expression is refused, not thrown", () => {
    expect(parseCron(undefined as unknown as string, "UTC").ok).toBe(false);
  });
});

describe("formatInZone", () => {
  const at = Date.parse("2020-01-05T01:01:00.750Z");
  const rows = [
    { name: "UTC prints +00:00, never Z", tz: "UTC", text: "2020-01-05T01:01:00+00:00" },
    { name: "a half-hour zone prints its minutes", tz: "Asia/Kolkata", text: "2020-01-05T06:31:00+05:30" },
    { name: "a negative half-hour zone crosses midnight", tz: "America/St_Johns", text: "2020-01-04T21:31:00-03:30" },
    { name: "Riga in winter is +02:00", tz: "Europe/Riga", text: "2020-01-05T03:01:00+02:00" },
    { name: "an unknown zone falls back to UTC", tz: "Mars/Olympus", text: "2020-01-05T01:01:00+00:00" },
  ];
  test.each(rows)("$name", (row) => {
    expect(formatInZone(at, row.tz)).toBe(row.text);
  });
});

describe("isValidTimeZone", () => {
  const rows = [
    { name: "accepts an IANA zone", tz: "Europe/Riga", valid: true },
    { name: "accepts UTC", tz: "UTC", valid: true },
    { name: "accepts a southern zone", tz: "Australia/Sydney", valid: true },
    { name: "rejects an unknown zone", tz: "Mars/Olympus", valid: false },
    { name: "rejects a bare offset", tz: "+03:00", valid: false },
    { name: "rejects an empty name", tz: "", valid: false },
  ];
  test.each(rows)("$name", (row) => {
    expect(isValidTimeZone(row.tz)).toBe(row.valid);
  });
});

describe("nextFires", () => {
  test("returns nothing for a count of zero", () => {
    expect(nextFires(compile("* * * * *"), 0, 0)).toEqual([]);
  });
  test("returns one instant per call of nextFire, in order", () => {
    const cron = compile("0 3 * * *", "Europe/Riga");
    const from = Date.parse("2021-03-27T00:00:00+02:00");
    const [first, second] = nextFires(cron, from, 2);
    expect(first).toBe(nextFire(cron, from)!);
    expect(second).toBe(nextFire(cron, first!)!);
  });
});

describe("purity", () => {
  // The core must not read the clock or do I/O (SPEC §1.4): check the cron sources themselves.
  const dir = join(import.meta.dir, "../../src/core");
  const files = readdirSync(dir).filter((f) => /^cron(-[a-z-]+)?\.ts$/.test(f));
  test.each(files.map((file) => ({ name: file })))("$name reads no clock and imports no bun:*", ({ name }) => {
    const source = readFileSync(join(dir, name), "utf8");
    expect(source).not.toMatch(/Date\.now|new Date\(\s*\)|performance\.now|from "bun:|from "node:/);
  });
});
