// Maintenance intervals (src/core/maintenance.ts): what uptime excludes and alerts wait for.
import { describe, expect, test } from "bun:test";
import {
  activeAt, maintenanceEndsAt, maintenanceIntervals, maintenanceStretch, type MaintenanceWindow, nextOccurrence, validateWindow,
} from "../../src/core/maintenance.ts";

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
    { name: "touching occurrences of one window merge", windows: [cron("0 * * * *", 3_600)], range: [T, T + 5 * H], expected: [[T, T + 5 * H]] },
    { name: "overlapping occurrences of one window merge", windows: [cron("0 */2 * * *", 3 * 3_600)], range: [T + H, T + 6 * H], expected: [[T + H, T + 6 * H]] },
    { name: "occurrences with gaps stay apart", windows: [cron("0 */2 * * *", 1_800)], range: [T, T + 5 * H], expected: [[T, T + H / 2], [T + 2 * H, T + 2.5 * H], [T + 4 * H, T + 4.5 * H]] },
    { name: "a window touching another merges with it", windows: [oneOff(T, T + H), cron("0 1 * * *", 3_600, { tags: [], slugs: ["db"] })], range: [T, T + 12 * H], expected: [[T, T + 2 * H]] },
    { name: "a one-off window inside the range is kept whole", windows: [oneOff(T + H, T + 2 * H)], range: [T, T + 24 * H], expected: [[T + H, T + 2 * H]] },
    { name: "a range inside one 30-day occurrence is covered whole", windows: [cron("0 0 1 * *", 30 * 86_400)], range: [T, T + 48 * H], expected: [[T, T + 48 * H]] },
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
  const sel = { tags: [], slugs: ["db"] };
  test.each([
    { name: "a cron occurrence ends after its duration", windows: [cron("0 2 * * *", 3_600)], at: T + 2.5 * H, end: T + 3 * H },
    { name: "overlapping occurrences of one window are followed to the last", windows: [cron("0 2,3 * * *", 5_400)], at: T + 2.1 * H, end: T + 4.5 * H },
    { name: "touching occurrences of one window are followed", windows: [cron("0 2-5 * * *", 3_600)], at: T + 2.1 * H, end: T + 6 * H },
    { name: "a gap between occurrences ends the stretch", windows: [cron("0 2,4 * * *", 3_600)], at: T + 2.1 * H, end: T + 3 * H },
    { name: "a one-off window carries on into a cron window it touches", windows: [oneOff(T, T + 2 * H), cron("0 2 * * *", 3_600, sel)], at: T + 10, end: T + 3 * H },
    { name: "a cron window carries on into a one-off window it overlaps", windows: [cron("0 0 * * *", 3_600, sel), oneOff(T + H / 2, T + 5 * H)], at: T + 10, end: T + 5 * H },
    { name: "windows of other checks are not followed", windows: [oneOff(T, T + H), oneOff(T + H, T + 5 * H, { slugs: ["web"] })], at: T + 10, end: T + H },
    { name: "Riga: an occurrence in the spring gap opens when the gap ends", windows: [cron("30 3 * * *", 3_600, { tz: "Europe/Riga" })], at: Date.parse("2021-03-28T04:10:00+03:00"), end: Date.parse("2021-03-28T05:00:00+03:00") },
    { name: "Riga: a fixed time opens once in the repeated hour", windows: [cron("30 3 * * *", 3_600, { tz: "Europe/Riga" })], at: Date.parse("2021-10-31T03:20:00+02:00"), end: Date.parse("2021-10-31T03:30:00+02:00") },
    { name: "Riga: an hourly window runs through both passes of the repeated hour", windows: [cron("0 * * * *", 1_800, { tz: "Europe/Riga" })], at: Date.parse("2021-10-31T03:10:00+02:00"), end: Date.parse("2021-10-31T03:30:00+02:00") },
    { name: "New York: a 2:30 window on the spring day opens at 3:00", windows: [cron("30 2 * * *", 3_600, { tz: "America/New_York" })], at: Date.parse("2021-03-14T03:30:00-04:00"), end: Date.parse("2021-03-14T04:00:00-04:00") },
  ])("$name", ({ windows, at, end }) => {
    expect(maintenanceEndsAt(windows, db, at)).toBe(end);
  });
  test("a stretch that ends is not open", () => {
    expect(maintenanceStretch([cron("0 2-5 * * *", 3_600)], db, T + 2.1 * H)).toEqual({ end: T + 6 * H, open: false });
  });
});

describe("listings", () => {
  test.each([
    { name: "a cron window in force shows its current occurrence", w: cron("0 2 * * *", 3_600), at: T + 2.5 * H, active: true, next: [T + 2 * H, T + 3 * H] },
    { name: "a cron window not in force shows its next occurrence", w: cron("0 2 * * *", 3_600), at: T + 3 * H, active: false, next: [T + 26 * H, T + 27 * H] },
    { name: "a one-off window to come", w: oneOff(T + H, T + 2 * H), at: T, active: false, next: [T + H, T + 2 * H] },
    { name: "a one-off window in force", w: oneOff(T, T + 2 * H), at: T + H, active: true, next: [T, T + 2 * H] },
    { name: "a one-off window that is over", w: oneOff(T, T + H), at: T + H, active: false, next: null },
    { name: "a window whose stored cron no longer parses never opens", w: cron("not cron", 3_600), at: T, active: false, next: null },
  ])("$name", ({ w, at, active, next }) => {
    expect(activeAt(w, at)).toBe(active);
    const n = nextOccurrence(w, at);
    expect(n === null ? null : [n.start, n.end]).toEqual(next === null ? null : [...next]);
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
