import { describe, expect, test } from "bun:test";
import { durationWords, periodWords, scheduleWords } from "../../src/core/schedule-words.ts";

describe("schedules in words", () => {
  test.each([
    { expr: "* * * * *", tz: "UTC", words: "every minute" },
    { expr: "*/5 * * * *", tz: "UTC", words: "every 5 minutes" },
    { expr: "15 * * * *", tz: "UTC", words: "every hour at minute 15" },
    { expr: "@hourly", tz: "UTC", words: "every hour at minute 0" },
    { expr: "0 */6 * * *", tz: "UTC", words: "every 6 hours at minute 0" },
    { expr: "0 3 * * *", tz: "Europe/Berlin", words: "every day at 03:00 Europe/Berlin" },
    { expr: "@daily", tz: "UTC", words: "every day at 00:00 UTC" },
    { expr: "30 2,14 * * *", tz: "UTC", words: "every day at 02:30, 14:30 UTC" },
    { expr: "30 8 * * 1-5", tz: "Europe/Riga", words: "every Monday–Friday at 08:30 Europe/Riga" },
    { expr: "0 9 * * sat,sun", tz: "UTC", words: "every Saturday, Sunday at 09:00 UTC" },
    { expr: "0 0 * * 7", tz: "UTC", words: "every Sunday at 00:00 UTC" },
    { expr: "0 4 1 * *", tz: "UTC", words: "on day 1 of every month at 04:00 UTC" },
    { expr: "0 0 3 * * *", tz: "UTC", words: "every day at 03:00 UTC" },
    { expr: "0 0 1 1 *", tz: "UTC", words: 'cron "0 0 1 1 *" (UTC)' },
    { expr: "0 3 L * *", tz: "UTC", words: 'cron "0 3 L * *" (UTC)' },
    { expr: "5-10 * * * *", tz: "UTC", words: 'cron "5-10 * * * *" (UTC)' },
  ])("$expr in $tz reads “$words”", ({ expr, tz, words }) => {
    expect(scheduleWords(expr, tz)).toBe(words);
  });

  test.each([
    { seconds: 60, words: "every minute" },
    { seconds: 300, words: "every 5 minutes" },
    { seconds: 3_600, words: "every hour" },
    { seconds: 86_400, words: "every day" },
    { seconds: 172_800, words: "every 2 days" },
    { seconds: 45, words: "every 45 seconds" },
    { seconds: 5_400, words: "every 90 minutes" },
  ])("a period of $seconds s reads “$words”", ({ seconds, words }) => {
    expect(periodWords(seconds)).toBe(words);
  });

  test.each([
    { seconds: 0, words: "0 seconds" },
    { seconds: 1, words: "1 second" },
    { seconds: 600, words: "10 minutes" },
    { seconds: 3_600, words: "1 hour" },
  ])("a duration of $seconds s reads “$words”", ({ seconds, words }) => {
    expect(durationWords(seconds)).toBe(words);
  });
});
