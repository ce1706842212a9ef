import { describe, expect, test } from "bun:test";
import { monitorWindowOf, ownsWindow, windowOfMonitor, type MonitorWindow } from "../../src/checks/monitor-windows.ts";
import { validateWindow } from "../../src/core/maintenance.ts";

const UUID = "0b6c5a3e-1f44-4e5a-9b9e-7d1c1a1a1a1a";

describe("StatusRooster windows as Tocsin windows", () => {
  test.each([
    { name: "daily is every day", w: { day: "daily", start_utc: "03:00", end_utc: "04:00" }, cron: "0 3 * * *", duration: 3600 },
    { name: "sunday is cron's 0", w: { day: "sunday", start_utc: "12:05", end_utc: "12:20" }, cron: "5 12 * * 0", duration: 900 },
    { name: "saturday is cron's 6", w: { day: "saturday", start_utc: "00:00", end_utc: "23:59" }, cron: "0 0 * * 6", duration: 86_340 },
    { name: "an end before the start runs past midnight", w: { day: "monday", start_utc: "23:30", end_utc: "01:00" }, cron: "30 23 * * 1", duration: 5400 },
  ] as { name: string; w: MonitorWindow; cron: string; duration: number }[])("$name", ({ w, cron, duration }) => {
    const input = windowOfMonitor(UUID, "backup", w)!;
    expect(input).toMatchObject({ cron, duration, tz: "UTC", slugs: ["backup"], tags: [], start: null, end: null });
    expect(validateWindow(input).ok).toBe(true);
    expect(ownsWindow(UUID, input)).toBe(true);
    expect(ownsWindow(crypto.randomUUID(), input)).toBe(false);
    // and back, as the monitor shows it
    expect(monitorWindowOf(input)).toEqual(w);
  });

  test("a window of no length is none", () => {
    expect(windowOfMonitor(UUID, "backup", { day: "daily", start_utc: "03:00", end_utc: "03:00" })).toBeNull();
  });

  test("windows written otherwise are not read as a monitor's", () => {
    expect(monitorWindowOf({ cron: "0 3 1 * *", tz: "UTC", duration: 60 })).toBeNull();
    expect(monitorWindowOf({ cron: "0 3 * * *", tz: "Europe/Riga", duration: 60 })).toBeNull();
    expect(monitorWindowOf({ cron: null, tz: "UTC", duration: null })).toBeNull();
  });
});
