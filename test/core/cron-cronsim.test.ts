// Healthchecks evaluates schedules with cronsim (cuu508/cronsim), so a schedule imported from it
// must mean the same here. The rows are cronsim's own test examples (tests/test_cronsim.py),
// with its naive start instants read as UTC. Where cronsim and SPEC §4 disagree, SPEC wins and the
// row says so.
import { describe, expect, test } from "bun:test";
import { cronErrorText, type CronSchedule, formatInZone, nextFires, parseCron } from "../../src/core/cron.ts";

function compile(expr: string, tz: string): CronSchedule {
  const r = parseCron(expr, tz);
  if (!r.ok) throw new Error(`fixture expression rejected: ${cronErrorText(r.error)}`);
  return r.cron;
}

const fires = (expr: string, tz: string, from: string, count: number): string[] =>
  nextFires(compile(expr, tz), Date.parse(from), count).map((ms) => formatInZone(ms, tz));

const NOW = "2020-01-01T00:00:00Z";
const utc = (t: string): string => `${t}+00:00`;

describe("cronsim's syntax means the same", () => {
  // each row: cronsim's expression, and the plain Vixie expression it parses to in its tests
  test.each([
    { name: "a step after a single value runs to the end of the field", expr: "5/15 * * * *", same: "5,20,35,50 * * * *" },
    { name: "a step after a single weekday runs to Sunday = 7", expr: "0 0 * * 1/2", same: "0 0 * * 1,3,5,7" },
    { name: "a weekday step starts from Sunday", expr: "0 0 * * */2", same: "0 0 * * 0,2,4,6" },
    { name: "L with a step is L", expr: "0 0 L/2 * *", same: "0 0 L * *" },
    { name: "LW with a step is LW", expr: "0 0 LW/2 * *", same: "0 0 LW * *" },
    { name: "lowercase l is L", expr: "0 0 l * *", same: "0 0 L * *" },
    { name: "lowercase lw is LW", expr: "0 0 lw * *", same: "0 0 LW * *" },
    { name: "a step longer than the field keeps its first value", expr: "0 0 */100 * *", same: "0 0 1 * *" },
    { name: "a step longer than a range keeps its start", expr: "0 10-20/50 * * *", same: "0 10 * * *" },
    { name: "an interval with a step", expr: "0-10/2 * * * *", same: "0,2,4,6,8,10 * * * *" },
    { name: "two intervals", expr: "1-3,7-9 * * * *", same: "1,2,3,7,8,9 * * * *" },
    { name: "a lowercase weekday range from Sunday", expr: "0 0 * * sun-tue", same: "0 0 * * 0-2" },
    { name: "weekday 7 is Sunday", expr: "0 0 * * 7", same: "0 0 * * 0" },
    { name: "a mix of weekdays and an nth weekday", expr: "0 0 * * 1,2,3#1", same: "0 0 * * 1,2,WED#1" },
  ])("$name: $expr", ({ expr, same }) => {
    expect(fires(expr, "UTC", NOW, 12)).toEqual(fires(same, "UTC", NOW, 12));
  });
});

describe("cronsim's iterator examples", () => {
  test.each([
    { name: "L is the last day", expr: "1 1 L * *", fires: ["2020-01-31T01:01:00"] },
    { name: "LW is the last weekday", expr: "1 1 LW 5 *", fires: ["2020-05-29T01:01:00"] },
    { name: "5L is the last Friday", expr: "1 1 * * 5L", fires: ["2020-01-31T01:01:00", "2020-02-28T01:01:00", "2020-03-27T01:01:00", "2020-04-24T01:01:00", "2020-05-29T01:01:00", "2020-06-26T01:01:00", "2020-07-31T01:01:00", "2020-08-28T01:01:00", "2020-09-25T01:01:00", "2020-10-30T01:01:00", "2020-11-27T01:01:00", "2020-12-25T01:01:00"] },
    { name: "0L is the last Sunday", expr: "1 1 * * 0L", fires: ["2020-01-26T01:01:00"] },
    { name: "7L is the last Sunday", expr: "1 1 * * 7L", fires: ["2020-01-26T01:01:00"] },
    { name: "1#2 is the second Monday", expr: "1 1 * * 1#2", fires: ["2020-01-13T01:01:00"] },
    { name: "a day-of-week starting with * ANDs: the first Sunday", expr: "1 1 1-7 * */7", fires: ["2020-01-05T01:01:00", "2020-02-02T01:01:00", "2020-03-01T01:01:00", "2020-04-05T01:01:00"] },
    { name: "a day-of-month starting with * ANDs, its step past the field included: the first Monday", expr: "1 1 */100,1-7 * MON", fires: ["2020-01-06T01:01:00", "2020-02-03T01:01:00", "2020-03-02T01:01:00", "2020-04-06T01:01:00"] },
    { name: "the 1st that is also a fourth Monday never comes", expr: "1 1 */100 * MON#4", fires: [] },
    { name: "every third weekday counts from Sunday", expr: "1 1 * * */3", fires: ["2020-01-01T01:01:00", "2020-01-04T01:01:00", "2020-01-05T01:01:00", "2020-01-08T01:01:00"] },
    { name: "six fields lead with seconds", expr: "*/15 * * * * *", fires: ["2020-01-01T00:00:15", "2020-01-01T00:00:30", "2020-01-01T00:00:45", "2020-01-01T00:01:00", "2020-01-01T00:01:15"] },
  ])("$name: $expr", (row) => {
    expect(fires(row.expr, "UTC", NOW, Math.max(1, row.fires.length))).toEqual(row.fires.map(utc));
  });
});

// cronsim's Europe/Riga table; 2021: 03-28 03:00 → 04:00 (+02 → +03), 10-31 04:00 → 03:00 (+03 → +02).
const MAR = "2021-03-28T01:30:00+02:00";
const OCT = "2021-10-31T01:30:00+03:00";

describe("cronsim's DST examples in Europe/Riga", () => {
  test.each([
    { name: "every hour, March", expr: "0 * * * *", from: MAR, fires: ["2021-03-28T02:00:00+02:00", "2021-03-28T04:00:00+03:00"] },
    { name: "every hour, October", expr: "0 * * * *", from: OCT, fires: ["2021-10-31T02:00:00+03:00", "2021-10-31T03:00:00+03:00", "2021-10-31T03:00:00+02:00", "2021-10-31T04:00:00+02:00"] },
    { name: "every 30 minutes, March", expr: "*/30 * * * *", from: "2021-03-28T02:10:00+02:00", fires: ["2021-03-28T02:30:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-28T04:30:00+03:00"] },
    { name: "every 30 minutes, October", expr: "*/30 * * * *", from: "2021-10-31T02:10:00+03:00", fires: ["2021-10-31T02:30:00+03:00", "2021-10-31T03:00:00+03:00", "2021-10-31T03:30:00+03:00", "2021-10-31T03:00:00+02:00", "2021-10-31T03:30:00+02:00", "2021-10-31T04:00:00+02:00"] },
    { name: "every 2 hours, March", expr: "0 */2 * * *", from: MAR, fires: ["2021-03-28T02:00:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-28T06:00:00+03:00"] },
    { name: "every 2 hours, October", expr: "0 */2 * * *", from: OCT, fires: ["2021-10-31T02:00:00+03:00", "2021-10-31T04:00:00+02:00", "2021-10-31T06:00:00+02:00"] },
    { name: "30 past every 2 hours, March", expr: "30 */2 * * *", from: MAR, fires: ["2021-03-28T02:30:00+02:00", "2021-03-28T04:30:00+03:00"] },
    { name: "every 3 hours, October", expr: "0 */3 * * *", from: OCT, fires: ["2021-10-31T03:00:00+03:00", "2021-10-31T03:00:00+02:00", "2021-10-31T06:00:00+02:00"] },
    { name: "at 1-5 listed, March", expr: "0 1,2,3,4,5 * * *", from: MAR, fires: ["2021-03-28T02:00:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-28T05:00:00+03:00"] },
    { name: "at 1-5 listed, October", expr: "0 1,2,3,4,5 * * *", from: OCT, fires: ["2021-10-31T02:00:00+03:00", "2021-10-31T03:00:00+03:00", "2021-10-31T04:00:00+02:00"] },
    { name: "30 past 1-5 listed, March", expr: "30 1,2,3,4,5 * * *", from: MAR, fires: ["2021-03-28T02:30:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-28T04:30:00+03:00"] },
    { name: "30 past 1-5 listed, October", expr: "30 1,2,3,4,5 * * *", from: OCT, fires: ["2021-10-31T02:30:00+03:00", "2021-10-31T03:30:00+03:00", "2021-10-31T04:30:00+02:00"] },
    { name: "at 2, March", expr: "0 2 * * *", from: MAR, fires: ["2021-03-28T02:00:00+02:00", "2021-03-29T02:00:00+03:00"] },
    { name: "at 2, October", expr: "0 2 * * *", from: OCT, fires: ["2021-10-31T02:00:00+03:00", "2021-11-01T02:00:00+02:00"] },
    { name: "at 3, March", expr: "0 3 * * *", from: "2021-03-27T01:30:00+02:00", fires: ["2021-03-27T03:00:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-29T03:00:00+03:00"] },
    { name: "at 3, October", expr: "0 3 * * *", from: OCT, fires: ["2021-10-31T03:00:00+03:00", "2021-11-01T03:00:00+02:00"] },
    { name: "at 4, March", expr: "0 4 * * *", from: "2021-03-27T01:30:00+02:00", fires: ["2021-03-27T04:00:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-29T04:00:00+03:00"] },
    { name: "at 4, October", expr: "0 4 * * *", from: "2021-10-30T01:30:00+03:00", fires: ["2021-10-30T04:00:00+03:00", "2021-10-31T04:00:00+02:00", "2021-11-01T04:00:00+02:00"] },
    { name: "every other hour listed, March", expr: "0 1,3,5,7,9,11,13,15,17,19,21,23 * * *", from: "2021-03-28T00:30:00+02:00", fires: ["2021-03-28T01:00:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-28T05:00:00+03:00"] },
    { name: "every other hour listed, October", expr: "0 1,3,5,7,9,11,13,15,17,19,21,23 * * *", from: "2021-10-31T00:30:00+03:00", fires: ["2021-10-31T01:00:00+03:00", "2021-10-31T03:00:00+03:00", "2021-10-31T05:00:00+02:00"] },
    { name: "at 1-5 as a range, March", expr: "0 1-5 * * *", from: MAR, fires: ["2021-03-28T02:00:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-28T05:00:00+03:00"] },
    { name: "at 1-5 as a range, October", expr: "0 1-5 * * *", from: OCT, fires: ["2021-10-31T02:00:00+03:00", "2021-10-31T03:00:00+03:00", "2021-10-31T04:00:00+02:00"] },
    { name: "at 3:15, March", expr: "15 3 * * *", from: "2021-03-27T00:00:00+02:00", fires: ["2021-03-27T03:15:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-29T03:15:00+03:00"] },
    { name: "at 3:15, October", expr: "15 3 * * *", from: "2021-10-30T00:00:00+03:00", fires: ["2021-10-30T03:15:00+03:00", "2021-10-31T03:15:00+03:00", "2021-11-01T03:15:00+02:00"] },
    { name: "every minute, March", expr: "* * * * *", from: "2021-03-28T02:58:00+02:00", fires: ["2021-03-28T02:59:00+02:00", "2021-03-28T04:00:00+03:00"] },
    { name: "every minute, October", expr: "* * * * *", from: "2021-10-31T03:58:00+03:00", fires: ["2021-10-31T03:59:00+03:00", "2021-10-31T03:00:00+02:00", "2021-10-31T03:01:00+02:00"] },
    { name: "every minute of 1-6, October", expr: "* 1-6 * * *", from: "2021-10-31T03:58:00+03:00", fires: ["2021-10-31T03:59:00+03:00", "2021-10-31T03:00:00+02:00", "2021-10-31T03:01:00+02:00"] },
  ])("$name: $expr", (row) => {
    expect(fires(row.expr, "Europe/Riga", row.from, row.fires.length)).toEqual([...row.fires]);
  });
});

describe("where cronsim contradicts SPEC §4, SPEC wins", () => {
  // cronsim treats every 6-field expression as a wildcard job in DST ("6-field expressions are
  // not Debian cron compatible anyway") and skips times in the gap. SPEC §4 looks only at the
  // minute and hour fields, so these are wall-clock jobs: a gap time fires once when the gap ends.
  test.each([
    { name: "seconds listed, minute and hour fixed", expr: "11,22 30 1,2,3,4 * * *", cronsim: ["02:30:11+02:00", "02:30:22+02:00", "04:30:11+03:00", "04:30:22+03:00"], spec: ["02:30:11+02:00", "02:30:22+02:00", "04:00:00+03:00", "04:30:11+03:00"] },
    { name: "a non-zero seconds value", expr: "33 30 1-10 * * *", cronsim: ["02:30:33+02:00", "04:30:33+03:00", "05:30:33+03:00"], spec: ["02:30:33+02:00", "04:00:00+03:00", "04:30:33+03:00"] },
    { name: "a zero seconds value", expr: "0 30 1-10 * * *", cronsim: ["02:30:00+02:00", "04:30:00+03:00", "05:30:00+03:00"], spec: ["02:30:00+02:00", "04:00:00+03:00", "04:30:00+03:00"] },
  ])("$name: $expr", (row) => {
    const got = fires(row.expr, "Europe/Riga", "2021-03-28T01:31:00+02:00", row.spec.length);
    expect(got).toEqual(row.spec.map((t) => `2021-03-28T${t}`));
    expect(got).not.toEqual(row.cronsim.map((t) => `2021-03-28T${t}`));
  });
});

describe("what cronsim refuses is refused", () => {
  // cronsim's TestValidation: every pattern with every bad value
  const patterns = ["%s * * * *", "* %s * * *", "* * %s * *", "* * * %s * ", "* * * * %s", "* * * * * %s", "* * * * * * %s", "1-%s * * * *", "%s-60 * * * *", "* * 1-%s * *", "* * 1,%s * *", "* * %s/1 * *", "* * * %s-DEC *", "* * * JAN-%s *", "* * * * %s-SUN", "* * * * MON-%s", "1-%s * * * * *", "%s-60 * * * * *"];
  const values = ["-1", "61", "ABC", "2/", "/2", "2#", "#2", "1##1", "1//2", "¹", "LL", "LWX"];
  test.each(values.map((v) => ({ name: v })))("every field refuses $name", ({ name }) => {
    const accepted = patterns.map((p) => p.replace("%s", name)).filter((e) => parseCron(e, "UTC").ok);
    expect(accepted).toEqual([]);
  });
  test.each([
    { expr: "* * 5-1 * *", field: "day-of-month" },
    { expr: "1-1_0 * * * *", field: "minute" },
    { expr: "*/0 * * * *", field: "minute" },
    { expr: "* * * * 1#0", field: "day-of-week" },
    { expr: "* * * * 1#6", field: "day-of-week" },
    { expr: "* * * * 5L-6", field: "day-of-week" },
    { expr: "* * * * 5L#1", field: "day-of-week" },
    { expr: "* * * * 5L/3", field: "day-of-week" },
  ])("$expr names the $field field", ({ expr, field }) => {
    const r = parseCron(expr, "UTC");
    expect(!r.ok && r.error.field).toBe(field as never);
  });
});
