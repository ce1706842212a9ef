import { describe, expect, test } from "bun:test";
import { fixedTimesInGaps } from "../../src/core/cron-gaps.ts";
import { nextFire, parseCron } from "../../src/core/cron.ts";
import { instantOfLocalTime } from "../../src/core/wall-time.ts";

const cron = (expr: string, tz: string) => {
  const parsed = parseCron(expr, tz);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.cron;
};
const JAN_2026 = Date.UTC(2026, 0, 1);
const YEAR = 366 * 86_400_000;

describe("fixed times in DST gaps", () => {
  test.each([
    { name: "a daily 02:30 in Berlin meets the March gap once a year", expr: "30 2 * * *", tz: "Europe/Berlin", walls: ["2026-03-29T02:30"], at: [Date.UTC(2026, 2, 29, 1, 0)] },
    { name: "two fixed minutes of the gap hour are both named", expr: "0,45 2 * * *", tz: "Europe/Berlin", walls: ["2026-03-29T02:00", "2026-03-29T02:45"], at: [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 2, 29, 1)] },
    { name: "New York's gap is at 02:00 on the second Sunday of March", expr: "15 2 * * 0", tz: "America/New_York", walls: ["2026-03-08T02:15"], at: [Date.UTC(2026, 2, 8, 7)] },
    { name: "a time outside the gap is never named", expr: "30 3 * * *", tz: "Europe/Berlin", walls: [], at: [] },
    { name: "a wildcard hour runs in absolute time and skips nothing", expr: "30 * * * *", tz: "Europe/Berlin", walls: [], at: [] },
    { name: "a zone without DST has no gap", expr: "30 2 * * *", tz: "Asia/Tokyo", walls: [], at: [] },
    { name: "the autumn repeat is not a gap", expr: "30 2 * 10 *", tz: "Europe/Berlin", walls: [], at: [] },
  ])("$name", (row) => {
    const gaps = fixedTimesInGaps(cron(row.expr, row.tz), JAN_2026, JAN_2026 + YEAR);
    expect(gaps.map((g) => new Date(g.wall).toISOString().slice(0, 16))).toEqual([...row.walls]);
    expect(gaps.map((g) => g.at)).toEqual([...row.at]);
  });

  test("names the instant the evaluator fires at instead", () => {
    const c = cron("30 2 * * *", "Europe/Berlin");
    const [gap] = fixedTimesInGaps(c, JAN_2026, JAN_2026 + YEAR);
    expect(nextFire(c, Date.UTC(2026, 2, 28, 12))).toBe(gap!.at);
  });
});

describe("local date-times in a zone", () => {
  test.each([
    { name: "winter time in Berlin", text: "2026-01-15T14:00", tz: "Europe/Berlin", at: Date.UTC(2026, 0, 15, 13) },
    { name: "summer time in Berlin", text: "2026-07-15T14:00", tz: "Europe/Berlin", at: Date.UTC(2026, 6, 15, 12) },
    { name: "seconds and a space", text: "2026-07-15 14:00:30", tz: "UTC", at: Date.UTC(2026, 6, 15, 14, 0, 30) },
    { name: "a time the spring gap skips, as the end of the gap", text: "2026-03-29T02:30", tz: "Europe/Berlin", at: Date.UTC(2026, 2, 29, 1) },
    { name: "a repeated autumn time, as its first occurrence", text: "2026-10-25T02:30", tz: "Europe/Berlin", at: Date.UTC(2026, 9, 25, 0, 30) },
    { name: "a 30 February", text: "2026-02-30T10:00", tz: "UTC", at: null },
    { name: "an hour 24", text: "2026-02-10T24:00", tz: "UTC", at: null },
    { name: "text", text: "tomorrow", tz: "UTC", at: null },
    { name: "an unknown zone", text: "2026-02-10T10:00", tz: "Mars/Olympus", at: null },
  ])("reads $name", (row) => {
    expect(instantOfLocalTime(row.text, row.tz)).toBe(row.at);
  });
});
