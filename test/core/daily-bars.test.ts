import { describe, expect, test } from "bun:test";
import type { OpenSegment } from "../../src/core/bucket-ranges.ts";
import { daysFromCivil, zoneRules } from "../../src/core/cron-zone.ts";
import { dailyBars, localDayStart, MAX_BAR_DAYS } from "../../src/core/daily-bars.ts";
import { BUCKET_MS, segmentDeltas, sumDeltas } from "../../src/core/uptime-buckets.ts";

const M = 60_000;
const H = 60 * M;
const D = 24 * H;
const upSince = (from: number): OpenSegment => ({ from, status: "up", maintenance: [] });

describe("local day boundaries", () => {
  test.each([
    { name: "a UTC day", zone: "UTC", date: [2025, 6, 1], start: "2025-06-01T00:00:00.000Z", hours: 24 },
    { name: "Berlin's spring-forward day has 23 hours", zone: "Europe/Berlin", date: [2025, 3, 30], start: "2025-03-29T23:00:00.000Z", hours: 23 },
    { name: "Berlin's fall-back day has 25 hours", zone: "Europe/Berlin", date: [2025, 10, 26], start: "2025-10-25T22:00:00.000Z", hours: 25 },
    { name: "Lord Howe's spring day loses 30 minutes", zone: "Australia/Lord_Howe", date: [2025, 10, 5], start: "2025-10-04T13:30:00.000Z", hours: 23.5 },
    { name: "Lord Howe's autumn day gains 30 minutes", zone: "Australia/Lord_Howe", date: [2025, 4, 6], start: "2025-04-05T13:00:00.000Z", hours: 24.5 },
    { name: "a day whose midnight is skipped starts when the gap ends (Havana)", zone: "America/Havana", date: [2025, 3, 9], start: "2025-03-09T05:00:00.000Z", hours: 23 },
    { name: "a day whose midnight repeats starts at the first one (Havana)", zone: "America/Havana", date: [2025, 11, 2], start: "2025-11-02T04:00:00.000Z", hours: 25 },
    { name: "a 45-minute offset still starts on a bucket boundary (Kathmandu)", zone: "Asia/Kathmandu", date: [2025, 1, 1], start: "2024-12-31T18:15:00.000Z", hours: 24 },
  ])("$name", ({ zone, date, start, hours }) => {
    const rules = zoneRules(zone)!;
    const day = daysFromCivil(date[0]!, date[1]!, date[2]!);
    const s = localDayStart(rules, day);
    expect(new Date(s).toISOString()).toBe(start);
    expect((localDayStart(rules, day + 1) - s) / H).toBe(hours);
    expect(s % BUCKET_MS).toBe(0);
  });
});

describe("dailyBars", () => {
  test("gives one bar per local day, oldest first, ending today", () => {
    const now = Date.UTC(2025, 5, 10, 12);
    const bars = dailyBars([], upSince(now - 30 * D), "UTC", 3, now);
    expect(bars.map((b) => b.date)).toEqual(["2025-06-08", "2025-06-09", "2025-06-10"]);
    expect(bars.map((b) => b.upMs)).toEqual([D, D, 12 * H]); // today so far
    expect(bars.every((b) => b.uptime === 100 && b.downtimeMs === 0)).toBe(true);
  });

  test("puts downtime on the local day it happened, split at local midnight", () => {
    // Berlin, summer (UTC+2): down from 23:30 local on June 8 to 00:45 local on June 9
    const now = Date.UTC(2025, 5, 10, 12);
    const downFrom = Date.UTC(2025, 5, 8, 21, 30);
    const downTo = Date.UTC(2025, 5, 8, 22, 45);
    const buckets = sumDeltas([
      ...segmentDeltas({ from: now - 30 * D, to: downFrom, status: "up" }, []),
      ...segmentDeltas({ from: downFrom, to: downTo, status: "down" }, []),
    ]);
    const bars = dailyBars(buckets, upSince(downTo), "Europe/Berlin", 3, now);
    expect(bars.map((b) => [b.date, b.downtimeMs])).toEqual([["2025-06-08", 30 * M], ["2025-06-09", 45 * M], ["2025-06-10", 0]]);
    expect(bars[0]!.uptime).toBe(97.9166); // 23.5 h of 24 h, cut
  });

  test.each([
    { name: "Berlin's 23-hour day", zone: "Europe/Berlin", now: Date.UTC(2025, 2, 31, 12), date: "2025-03-30", hours: 23 },
    { name: "Berlin's 25-hour day", zone: "Europe/Berlin", now: Date.UTC(2025, 9, 27, 12), date: "2025-10-26", hours: 25 },
    { name: "Lord Howe's 23.5-hour day", zone: "Australia/Lord_Howe", now: Date.UTC(2025, 9, 6, 3), date: "2025-10-05", hours: 23.5 },
    { name: "Lord Howe's 24.5-hour day", zone: "Australia/Lord_Howe", now: Date.UTC(2025, 3, 7, 3), date: "2025-04-06", hours: 24.5 },
  ])("a DST day counts its real length: $name", ({ zone, now, date, hours }) => {
    const bars = dailyBars([], upSince(now - 10 * D), zone, 2, now);
    expect(bars[0]!.date).toBe(date);
    expect(bars[0]!.upMs).toBe(hours * H);
    expect(bars[0]!.end - bars[0]!.start).toBe(hours * H);
  });

  test("downtime across Lord Howe's 30-minute shift lands on the right days", () => {
    // down from 23:00 local (+10:30) on Oct 4 to 03:00 local (+11) on Oct 5: 1 h, then 2.5 h
    // (the wall clock moves 3 h, but 02:00-02:30 never happens)
    const now = Date.UTC(2025, 9, 6, 3);
    const downFrom = Date.UTC(2025, 9, 4, 12, 30);
    const downTo = Date.UTC(2025, 9, 4, 16, 0);
    const buckets = sumDeltas([
      ...segmentDeltas({ from: now - 10 * D, to: downFrom, status: "up" }, []),
      ...segmentDeltas({ from: downFrom, to: downTo, status: "down" }, []),
    ]);
    const bars = dailyBars(buckets, upSince(downTo), "Australia/Lord_Howe", 3, now);
    expect(bars.map((b) => [b.date, b.downtimeMs / H])).toEqual([["2025-10-04", 1], ["2025-10-05", 2.5], ["2025-10-06", 0]]);
  });

  test("a day before the check existed has no uptime", () => {
    const now = Date.UTC(2025, 5, 10, 12);
    const bars = dailyBars([], { from: Date.UTC(2025, 5, 10, 6), status: "up", maintenance: [] }, "UTC", 2, now);
    expect(bars.map((b) => b.uptime)).toEqual([null, 100]);
  });

  test("a day spent in maintenance or paused has no uptime, and says so", () => {
    const now = Date.UTC(2025, 5, 10, 12);
    const buckets = segmentDeltas({ from: Date.UTC(2025, 5, 9), to: Date.UTC(2025, 5, 10), status: "down" }, [{ start: Date.UTC(2025, 5, 8), end: Date.UTC(2025, 5, 11) }]);
    const bars = dailyBars(buckets, { from: Date.UTC(2025, 5, 10), status: "paused", maintenance: [] }, "UTC", 2, now);
    expect(bars.map((b) => [b.uptime, b.downtimeMs, b.excludedMs])).toEqual([[null, 0, D], [null, 0, 12 * H]]);
  });

  test("an unknown zone is read as UTC", () => {
    const now = Date.UTC(2025, 5, 10, 12);
    expect(dailyBars([], upSince(now - D), "Mars/Olympus", 1, now)).toEqual(dailyBars([], upSince(now - D), "UTC", 1, now));
  });

  test.each([
    { name: "no days asked gives no bars", days: 0, expected: 0 },
    { name: "a negative count gives no bars", days: -5, expected: 0 },
    { name: "a fraction is cut", days: 2.9, expected: 2 },
    { name: "more days than buckets are kept for is capped", days: 10_000, expected: MAX_BAR_DAYS },
  ])("$name", ({ days, expected }) => {
    expect(dailyBars([], null, "UTC", days, Date.UTC(2025, 5, 10)).length).toBe(expected);
  });
});
