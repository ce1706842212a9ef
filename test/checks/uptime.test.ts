import { describe, expect, test } from "bun:test";
import type { CheckStatus } from "../../src/core/types.ts";
import { type StatusChange, uptimeBetween, uptimeWindows } from "../../src/core/uptime.ts";

const H = 3_600_000;
const D = 24 * H;
const NOW = 100 * D;
const flip = (created: number, oldStatus: CheckStatus, newStatus: CheckStatus): StatusChange => ({ created, oldStatus, newStatus });

describe("uptime", () => {
  test.each([
    ["always up", { since: 0, status: "up" as const, flips: [] }, 100],
    ["down for the last 6 of 24 hours", { since: 0, status: "down" as const, flips: [flip(NOW - 6 * H, "up", "down")] }, 75],
    ["down 12 hours then recovered", { since: 0, status: "up" as const, flips: [flip(NOW - 18 * H, "up", "down"), flip(NOW - 6 * H, "down", "up")] }, 50],
    ["paused for half the day: only the monitored half counts", { since: 0, status: "paused" as const, flips: [flip(NOW - 18 * H, "up", "down"), flip(NOW - 12 * H, "down", "paused")] }, 50],
    ["new until 6 hours ago, up since", { since: NOW - 30 * H, status: "up" as const, flips: [flip(NOW - 6 * H, "new", "up")] }, 100],
    ["created 6 hours ago, down since 3 hours", { since: NOW - 6 * H, status: "down" as const, flips: [flip(NOW - 6 * H, "new", "up"), flip(NOW - 3 * H, "up", "down")] }, 50],
  ])("%s → %d % over a day", (_name, history, expected) => {
    expect(uptimeBetween(history, NOW - D, NOW)).toBe(expected);
  });

  test("is null when nothing in the window was monitored", () => {
    expect(uptimeBetween({ since: 0, status: "new", flips: [] }, NOW - D, NOW)).toBeNull();
    expect(uptimeBetween({ since: 0, status: "paused", flips: [] }, NOW - D, NOW)).toBeNull();
    expect(uptimeBetween({ since: NOW, status: "up", flips: [] }, NOW - D, NOW)).toBeNull();
  });

  test("excluded intervals (maintenance) count neither way, even when they overlap", () => {
    const history = { since: 0, status: "up" as const, flips: [flip(NOW - 12 * H, "up", "down"), flip(NOW - 6 * H, "down", "up")], excluded: [{ start: NOW - 12 * H, end: NOW - 8 * H }, { start: NOW - 10 * H, end: NOW - 6 * H }] };
    expect(uptimeBetween(history, NOW - D, NOW)).toBe(100);
  });

  test("cuts instead of rounding, so a minute of downtime in 90 days shows below 100", () => {
    const history = { since: 0, status: "up" as const, flips: [flip(NOW - 2 * H, "up", "down"), flip(NOW - 2 * H + 60_000, "down", "up")] };
    expect(uptimeBetween(history, NOW - 90 * D, NOW)).toBe(99.9992);
  });

  test("gives each rolling window its own figure", () => {
    const history = { since: 0, status: "up" as const, flips: [flip(NOW - 3 * D, "up", "down"), flip(NOW - 3 * D + 12 * H, "down", "up")] };
    const u = uptimeWindows(history, NOW);
    expect(u["1d"]).toBe(100);
    expect(u["7d"]).toBeCloseTo((1 - 0.5 / 7) * 100, 3);
    expect(u["30d"]).toBeCloseTo((1 - 0.5 / 30) * 100, 3);
    expect(u["90d"]).toBeCloseTo((1 - 0.5 / 90) * 100, 3);
  });

  test("a window ending in the past takes its status from the flips after it", () => {
    const history = { since: 0, status: "up" as const, flips: [flip(NOW - 2 * D, "down", "up")] };
    expect(uptimeBetween(history, NOW - 4 * D, NOW - 3 * D)).toBe(0);
  });
});
