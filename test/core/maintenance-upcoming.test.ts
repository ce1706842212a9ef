import { describe, expect, test } from "bun:test";
import { upcomingOccurrences, type MaintenanceWindow } from "../../src/core/maintenance.ts";

const T = Date.UTC(2026, 0, 15, 12);
const H = 3_600_000;
const win = (w: Partial<MaintenanceWindow>): MaintenanceWindow => ({ id: "w", name: "w", start: null, end: null, cron: null, tz: "UTC", duration: null, slugs: ["*"], tags: [], ...w });

describe("a window's upcoming occurrences", () => {
  test.each([
    { name: "a one-off window ahead", w: win({ start: T + H, end: T + 2 * H }), count: 5, starts: [T + H] },
    { name: "a one-off window in force", w: win({ start: T - H, end: T + H }), count: 5, starts: [T - H] },
    { name: "a one-off window past", w: win({ start: T - 2 * H, end: T - H }), count: 5, starts: [] },
    { name: "an hourly window in force, then the next ones", w: win({ cron: "30 * * * *", duration: 1800 }), count: 3, starts: [T + 30 * 60_000, T + 90 * 60_000, T + 150 * 60_000] },
    { name: "an hourly window lasting two hours: the one in force first, overlapping ones after", w: win({ cron: "0 * * * *", duration: 7200 }), count: 3, starts: [T, T + H, T + 2 * H] },
    { name: "a window whose cron no longer parses", w: win({ cron: "bogus", duration: 60 }), count: 5, starts: [] },
  ])("lists $name", (row) => {
    expect(upcomingOccurrences(row.w, T, row.count).map((o) => o.start)).toEqual([...row.starts]);
  });
});
