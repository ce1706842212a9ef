// Schedules, periods and instants in the words alerts print (core/format.ts, core/cron-words.ts).
import { describe, expect, test } from "bun:test";
import { cronInWords } from "../../src/core/cron-words.ts";
import { formatPeriod, formatSchedule, formatZonedTime } from "../../src/core/format.ts";

describe("cron expressions in words", () => {
  test.each([
    { name: "a daily time", expr: "0 3 * * *", words: "at 03:00 every day" },
    { name: "two times a day", expr: "30 2,14 * * *", words: "at 02:30 and 14:30 every day" },
    { name: "weekdays by number range", expr: "30 9 * * 1-5", words: "at 09:30 Monday to Friday" },
    { name: "weekdays by name range", expr: "30 9 * * mon-fri", words: "at 09:30 Monday to Friday" },
    { name: "a list of days", expr: "0 18 * * 1,3,5", words: "at 18:00 on Mondays, Wednesdays and Fridays" },
    { name: "Sunday as 7", expr: "0 4 * * 7", words: "at 04:00 on Sundays" },
    { name: "a day of the month", expr: "15 1 1 * *", words: "at 01:15 on day 1 of every month" },
    { name: "the last day of the month", expr: "0 23 L * *", words: "at 23:00 on the last day of every month" },
    { name: "every minute", expr: "* * * * *", words: "every minute" },
    { name: "a minute step", expr: "*/15 * * * *", words: "every 15 minutes" },
    { name: "every hour at a minute", expr: "5 * * * *", words: "every hour at :05" },
    { name: "an hour step", expr: "0 */6 * * *", words: "every 6 hours at :00" },
    { name: "a nickname", expr: "@daily", words: "at 00:00 every day" },
    { name: "extra spaces and capitals", expr: "  0   3 * *   MON ", words: "at 03:00 on Mondays" },
    { name: "no words for a month field", expr: "0 3 1 1 *", words: null },
    { name: "no words for both day fields (Vixie's either-or rule)", expr: "0 3 1 * 1", words: null },
    { name: "no words for seconds", expr: "0 0 3 * * *", words: null },
    { name: "no words for a minute list", expr: "0,30 3 * * *", words: null },
    { name: "no words for nth weekdays", expr: "0 3 * * 1#2", words: null },
    { name: "no words for an unknown nickname", expr: "@fortnightly", words: null },
    { name: "no words for garbage", expr: "x".repeat(500), words: null },
    { name: "no words for out-of-range values", expr: "99 3 * * *", words: null },
  ])("$name", ({ expr, words }) => {
    expect(cronInWords(expr)).toBe(words);
  });
});

describe("periods and schedules", () => {
  test.each([
    { seconds: 0, text: "0 s" },
    { seconds: 45, text: "45 s" },
    { seconds: 90, text: "1 min 30 s" },
    { seconds: 600, text: "10 min" },
    { seconds: 3_600, text: "1 h" },
    { seconds: 86_400 + 6 * 3_600, text: "1 d 6 h" },
  ])("$seconds seconds read $text", ({ seconds, text }) => {
    expect(formatPeriod(seconds)).toBe(text);
  });

  test.each([
    { name: "a simple check's period and grace", check: { kind: "simple", timeout: 3_600, schedule: "", tz: "UTC", grace: 300 }, text: "every 1 h, 5 min grace" },
    { name: "a cron check's words, expression and zone", check: { kind: "cron", timeout: 0, schedule: "0 3 * * *", tz: "Europe/Berlin", grace: 600 }, text: "at 03:00 every day (0 3 * * *, Europe/Berlin), 10 min grace" },
    { name: "a cron check without words keeps its expression", check: { kind: "cron", timeout: 0, schedule: "0 3 1 1 *", tz: "UTC", grace: 0 }, text: "(0 3 1 1 *, UTC), 0 s grace" },
  ] as const)("$name", ({ check, text }) => {
    expect(formatSchedule(check)).toBe(text);
  });
});

describe("instants in a zone and in UTC", () => {
  test.each([
    { name: "UTC alone in UTC", ms: Date.UTC(2026, 0, 15, 12, 0), tz: "UTC", text: "2026-01-15 12:00 UTC" },
    { name: "Berlin in winter", ms: Date.UTC(2026, 0, 15, 12, 0), tz: "Europe/Berlin", text: "2026-01-15 13:00 Europe/Berlin (12:00 UTC)" },
    { name: "Berlin in summer", ms: Date.UTC(2026, 6, 15, 12, 0), tz: "Europe/Berlin", text: "2026-07-15 14:00 Europe/Berlin (12:00 UTC)" },
    { name: "the UTC date when it differs", ms: Date.UTC(2026, 0, 15, 23, 30), tz: "Asia/Tokyo", text: "2026-01-16 08:30 Asia/Tokyo (2026-01-15 23:30 UTC)" },
    { name: "seconds when they are not zero", ms: Date.UTC(2026, 0, 15, 12, 0, 3), tz: "UTC", text: "2026-01-15 12:00:03 UTC" },
  ])("$name", ({ ms, tz, text }) => {
    expect(formatZonedTime(ms, tz)).toBe(text);
  });
});
