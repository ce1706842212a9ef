// The pure noise-control decision (src/core/noise.ts), one row per rule.
import { describe, expect, test } from "bun:test";
import { decide, heldUntil, MAX_ATTEMPTS, type NoiseInput, retryDelayMs } from "../../src/core/noise.ts";
import type { MaintenanceWindow } from "../../src/core/maintenance.ts";

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const S = 1000;
const base: NoiseInput = { now: NOW, status: "down", told: { status: null, at: null }, silentSinceTold: false, changesSinceTold: 1, heldUntil: null, reminderMs: null };

describe("decide", () => {
  test.each([
    { name: "tells a channel that never heard of the check that it is down", input: {}, expected: { type: "send", message: "down", reminder: false, changes: 1, nextEvalAt: null } },
    { name: "says nothing about a first up", input: { status: "up" as const }, expected: { type: "quiet", believed: "up", nextEvalAt: null } },
    { name: "tells a recovery to a channel told down", input: { status: "up" as const, told: { status: "down" as const, at: NOW - 600 * S } }, expected: { type: "send", message: "up" } },
    { name: "says nothing twice", input: { told: { status: "down" as const, at: NOW - 600 * S }, changesSinceTold: 0 }, expected: { type: "quiet", believed: "down" } },
    { name: "holds a down while muted or in maintenance", input: { heldUntil: NOW + 3_600 * S }, expected: { type: "wait", until: NOW + 3_600 * S } },
    { name: "damps a change within a minute of the last message", input: { status: "up" as const, told: { status: "down" as const, at: NOW - 10 * S } }, expected: { type: "wait", until: NOW + 50 * S } },
    { name: "sends a summary at the end of the minute when the state differs", input: { status: "up" as const, told: { status: "down" as const, at: NOW - 60 * S }, changesSinceTold: 3 }, expected: { type: "send", message: "up", changes: 3 } },
    { name: "sends nothing at the end of the minute when the state came back", input: { told: { status: "down" as const, at: NOW - 60 * S }, changesSinceTold: 2 }, expected: { type: "quiet", believed: "down" } },
    { name: "treats a down after a silent change as news", input: { told: { status: "down" as const, at: NOW - 3_600 * S }, silentSinceTold: true }, expected: { type: "send", message: "down" } },
    { name: "plans the first reminder with the down alert", input: { reminderMs: 600 * S }, expected: { type: "send", nextEvalAt: NOW + 600 * S } },
    { name: "waits for the reminder", input: { told: { status: "down" as const, at: NOW - 100 * S }, changesSinceTold: 0, reminderMs: 600 * S }, expected: { type: "wait", until: NOW + 500 * S } },
    { name: "sends a due reminder", input: { told: { status: "down" as const, at: NOW - 600 * S }, changesSinceTold: 0, reminderMs: 600 * S }, expected: { type: "send", message: "down", reminder: true, nextEvalAt: NOW + 600 * S } },
    { name: "raises a reminder interval below 300 s to 300 s", input: { told: { status: "down" as const, at: NOW - 200 * S }, changesSinceTold: 0, reminderMs: 60 * S }, expected: { type: "wait", until: NOW + 100 * S } },
    { name: "holds a due reminder while muted", input: { told: { status: "down" as const, at: NOW - 600 * S }, changesSinceTold: 0, reminderMs: 600 * S, heldUntil: NOW + 60 * S }, expected: { type: "wait", until: NOW + 60 * S } },
    { name: "has nothing to say about a paused check", input: { status: "paused" as const, told: { status: "down" as const, at: NOW - 600 * S }, silentSinceTold: true }, expected: { type: "quiet", believed: "up" } },
  ])("$name", ({ input, expected }) => {
    expect(decide({ ...base, ...input })).toMatchObject(expected);
  });
});

describe("heldUntil", () => {
  const check = { slug: "db", tags: "prod", mutedUntil: null };
  const H = 3_600 * S;
  const window = (start: number, end: number): MaintenanceWindow => ({ id: "w", name: "", start, end, cron: null, tz: "UTC", duration: null, slugs: ["db"], tags: [] });
  const cron = (expr: string, duration: number): MaintenanceWindow => ({ id: "c", name: "", start: null, end: null, cron: expr, tz: "UTC", duration, slugs: ["db"], tags: [] });
  test("is null when neither muted nor in maintenance", () => {
    expect(heldUntil(check, [], NOW)).toBeNull();
  });
  test("is the end of the window the check is in", () => {
    expect(heldUntil(check, [window(NOW - S, NOW + 3_600 * S)], NOW)).toBe(NOW + 3_600 * S);
  });
  test("follows a window that starts where the mute ends, looking again within a minute while muted", () => {
    expect(heldUntil({ ...check, mutedUntil: NOW + 30 * S }, [window(NOW + 30 * S, NOW + 90 * S)], NOW)).toBe(NOW + 60 * S);
    expect(heldUntil({ ...check, mutedUntil: NOW + 30 * S }, [window(NOW + 30 * S, NOW + 90 * S)], NOW + 30 * S)).toBe(NOW + 90 * S);
  });
  // NOW is 12:00 UTC; a mute ends at 13:00 in most rows, looked at 30 s before (the answer is then
  // at most a minute ahead) or when it ends.
  const M = 60 * S;
  const once = (start: number, end: number): MaintenanceWindow => ({ ...window(start, end), id: "once" });
  test.each([
    { name: "a mute alone holds until it ends", mutedUntil: NOW + 30 * S, windows: [], at: NOW, held: NOW + 30 * S },
    { name: "a mute running into a cron window holds on past its own end", mutedUntil: NOW + H, windows: [cron("0 13 * * *", 7_200)], at: NOW + H - 30 * S, held: NOW + H + 30 * S },
    { name: "a mute ending before a window opens holds until the mute ends", mutedUntil: NOW + H, windows: [cron("5 13 * * *", 3_600)], at: NOW + H - 30 * S, held: NOW + H },
    { name: "a mute chained with a short window holds until the window ends", mutedUntil: NOW + H, windows: [once(NOW + H, NOW + H + 20 * S)], at: NOW + H - 30 * S, held: NOW + H + 20 * S },
    { name: "when the mute ends, a cron window in force holds to its end", mutedUntil: NOW + H, windows: [cron("0 11 * * *", 3 * 3_600)], at: NOW + H, held: NOW + 2 * H },
    { name: "when the mute ends, touching cron windows are followed", mutedUntil: NOW + H, windows: [cron("0 13 * * *", 3_600), cron("0 14 * * *", 1_800)], at: NOW + H, held: NOW + 2.5 * H },
    { name: "an ended mute holds nothing", mutedUntil: NOW, windows: [], at: NOW, held: null },
    { name: "a window holds a check that is not muted", mutedUntil: null, windows: [cron("0 12 * * *", 600)], at: NOW + M, held: NOW + 10 * M },
  ])("$name", ({ mutedUntil, windows, at, held }) => {
    expect(heldUntil({ ...check, mutedUntil }, windows, at)).toBe(held);
  });
});

describe("retryDelayMs", () => {
  // SPEC §8: attempts at 0, 10 s, 1 min, 5 min, 15 min and 30 min after the first
  test("retries 10 s, 1, 5, 15 and 30 minutes after the first attempt, then stops after 6 attempts", () => {
    const gaps = [1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 0.5)!);
    const offsets = gaps.map((_, i) => gaps.slice(0, i + 1).reduce((a, b) => a + b, 0));
    expect(offsets).toEqual([10_000, 60_000, 300_000, 900_000, 1_800_000]);
    expect(MAX_ATTEMPTS).toBe(6);
    expect(retryDelayMs(6, 0.5)).toBeNull();
  });
  test("after two failures the third attempt comes about a minute after the first", () => {
    for (const r of [0, 0.5, 0.999_999]) {
      const third = retryDelayMs(1, r)! + retryDelayMs(2, r)!;
      expect(third).toBeGreaterThanOrEqual(48_000);
      expect(third).toBeLessThanOrEqual(72_000);
    }
  });
  test("jitters each gap by at most 20 %", () => {
    expect(retryDelayMs(1, 0)).toBe(8_000);
    expect(retryDelayMs(1, 0.999_999)).toBeLessThanOrEqual(12_000);
    expect(retryDelayMs(5, 0)).toBe(720_000);
  });
  test("has no retry before a first attempt or for a fractional count", () => {
    expect(retryDelayMs(0, 0.5)).toBeNull();
    expect(retryDelayMs(1.5, 0.5)).toBeNull();
  });
});
