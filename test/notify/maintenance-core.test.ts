// Maintenance intervals (src/core/maintenance.ts): what uptime excludes and alerts wait for.
import { describe, expect, test } from "bun:test";
import { maintenanceEndsAt, maintenanceIntervals, type MaintenanceWindow, validateWindow } from "../../src/core/maintenance.ts";

const H = 3_600_000;
const T = Date.UTC(2026, 0, 15, 0, 0, 0); // a Thursday
const oneOff = (start: number, end: number, sel: Partial<MaintenanceWindow> = {}): MaintenanceWindow => ({ id: "o", name: "", start, end, cron: null, tz: "UTC", duration: null, slugs: ["db"], tags: [], ...sel });
const cron = (expr: string, duration: number, sel: Partial<MaintenanceWindow> = {}): MaintenanceWindow => ({ id: "c", name: "", start: null, end: null, cron: expr, tz: "UTC", duration, slugs: [], tags: ["prod"], ...sel });
const db = { slug: "db", tags: "prod eu" };

describe("maintenanceIntervals", () => {
  test.each([
    { name: "a one-off window clipped to the range", windows: [oneOff(T - H, T + 2 * H)], range: [T, T + 24 * H], expected: [[T, T + 2 * H]] },
    { name: "a daily cron window every day of the range", windows: [cron("0 2 * * *", 3_600)], range: [T, T + 48 * H], expected: [[T + 2 * H, T + 3 * H], [T + 26 * H, T + 27 * H]] },
    { name: "a cron window that opened before the range still counts", windows: [cron("0 23 * * *", 7_200)], range: [T, T + 12 * H], expected: [[T, T + H]] },
    { name: "overlapping windows merge", windows: [oneOff(T, T + 2 * H), cron("0 1 * * *", 7_200, { tags: [], slugs: ["db"] })], range: [T, T + 12 * H], expected: [[T, T + 3 * H]] },
    { name: "a window for other checks is ignored", windows: [oneOff(T, T + H, { slugs: ["web"] }), cron("0 2 * * *", 3_600, { tags: ["staging"] })], range: [T, T + 24 * H], expected: [] },
    { name: '"*" selects every check', windows: [oneOff(T, T + H, { slugs: ["*"] })], range: [T, T + 24 * H], expected: [[T, T + H]] },
    { name: "cron windows follow their time zone", windows: [cron("0 2 * * *", 3_600, { tz: "Europe/Riga" })], range: [T, T + 24 * H], expected: [[T, T + H]] },
  ])("$name", ({ windows, range, expected }) => {
    expect(maintenanceIntervals(windows, db, range[0]!, range[1]!).map((i) => [i.start, i.end])).toEqual(expected as unknown as number[][]);
  });
});

describe("maintenanceEndsAt", () => {
  test("is the end of the window in force, chained through adjacent windows", () => {
    expect(maintenanceEndsAt([oneOff(T, T + H), oneOff(T + H, T + 2 * H)], db, T + 10)).toBe(T + 2 * H);
  });
  test("is null outside every window and at the end instant itself", () => {
    expect(maintenanceEndsAt([oneOff(T, T + H)], db, T + H)).toBeNull();
    expect(maintenanceEndsAt([cron("0 2 * * *", 3_600)], db, T + H)).toBeNull();
  });
});

describe("validateWindow", () => {
  const ok = { name: "", start: null, end: null, cron: null, tz: "UTC", duration: null, slugs: ["db"], tags: [] };
  test.each([
    { name: "a one-off window needs start and end", input: { start: T }, error: "either start and end, or cron and duration, are required" },
    { name: "end must be after start", input: { start: T, end: T }, error: "end must be after start" },
    { name: "cron needs a duration", input: { cron: "0 2 * * *" }, error: "duration is required with cron" },
    { name: "a bad cron names the field", input: { cron: "0 25 * * *", duration: 60 }, error: "cron:" },
    { name: "an unknown zone names the field", input: { cron: "0 2 * * *", duration: 60, tz: "Mars/Olympus" }, error: "tz:" },
    { name: "something must be selected", input: { start: T, end: T + H, slugs: [] }, error: "slugs or tags must select some checks" },
  ])("$name", ({ input, error }) => {
    const r = validateWindow({ ...ok, ...input });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toStartWith(error);
  });
  test("accepts both shapes", () => {
    expect(validateWindow({ ...ok, start: T, end: T + H }).ok).toBe(true);
    expect(validateWindow({ ...ok, cron: "0 2 * * 0", duration: 7_200, tz: "Europe/Riga" }).ok).toBe(true);
  });
});
