import { describe, expect, test } from "bun:test";
import type { CheckStatus } from "../../src/core/types.ts";
import { type UptimeHistory, uptimeWindows } from "../../src/core/uptime.ts";

const M = 60_000;
const H = 60 * M;
const D = 24 * H;
const NOW = 100 * D;
const flip = (created: number, oldStatus: CheckStatus, newStatus: CheckStatus) => ({ created, oldStatus, newStatus });

describe("uptime replayed from flips", () => {
  test.each([
    { name: "always up", history: { since: 0, status: "up", flips: [] }, expected: 100 },
    { name: "down for the last 6 of 24 hours", history: { since: 0, status: "down", flips: [flip(NOW - 6 * H, "up", "down")] }, expected: 75 },
    { name: "down 12 hours then recovered", history: { since: 0, status: "up", flips: [flip(NOW - 18 * H, "up", "down"), flip(NOW - 6 * H, "down", "up")] }, expected: 50 },
    { name: "paused for half the day: only the monitored half counts", history: { since: 0, status: "paused", flips: [flip(NOW - 18 * H, "up", "down"), flip(NOW - 12 * H, "down", "paused")] }, expected: 50 },
    { name: "new until 6 hours ago, up since", history: { since: NOW - 30 * H, status: "up", flips: [flip(NOW - 6 * H, "new", "up")] }, expected: 100 },
    { name: "created 6 hours ago, down since 3 hours", history: { since: NOW - 6 * H, status: "down", flips: [flip(NOW - 6 * H, "new", "up"), flip(NOW - 3 * H, "up", "down")] }, expected: 50 },
    { name: "down 29 % of the day is 71 % exactly, not 70.9999", history: { since: 0, status: "up", flips: [flip(NOW - 24 * H, "up", "down"), flip(NOW - 24 * H + 25_056_000, "down", "up")] }, expected: 71 },
  ] as { name: string; history: UptimeHistory; expected: number }[])("$name", ({ history, expected }) => {
    expect(uptimeWindows(history, NOW)["1d"]).toBe(expected);
  });

  test.each([
    { name: "a new check", history: { since: 0, status: "new", flips: [] } },
    { name: "a paused check", history: { since: 0, status: "paused", flips: [] } },
    { name: "a check created now", history: { since: NOW, status: "up", flips: [] } },
  ] as { name: string; history: UptimeHistory }[])("is null when nothing in the window was monitored: $name", ({ history }) => {
    expect(uptimeWindows(history, NOW)).toEqual({ "1d": null, "7d": null, "30d": null, "90d": null });
  });

  test("excluded intervals (maintenance) count neither way, even when they overlap", () => {
    const history: UptimeHistory = {
      since: 0, status: "up",
      flips: [flip(NOW - 12 * H, "up", "down"), flip(NOW - 6 * H, "down", "up")],
      excluded: [{ start: NOW - 12 * H, end: NOW - 8 * H }, { start: NOW - 10 * H, end: NOW - 6 * H }],
    };
    expect(uptimeWindows(history, NOW)["1d"]).toBe(100);
  });

  test("maintenance during the live segment is excluded too", () => {
    const history: UptimeHistory = { since: 0, status: "down", flips: [flip(NOW - 12 * H, "up", "down")], excluded: [{ start: NOW - 12 * H, end: NOW - 6 * H }] };
    expect(uptimeWindows(history, NOW)["1d"]).toBe(66.6666); // 12 h up, 6 of the 12 h down excluded
  });

  test("cuts instead of rounding, so a minute of downtime in 90 days shows below 100", () => {
    const history: UptimeHistory = { since: 0, status: "up", flips: [flip(NOW - 2 * H, "up", "down"), flip(NOW - 2 * H + M, "down", "up")] };
    expect(uptimeWindows(history, NOW)["90d"]).toBe(99.9992);
  });

  test("gives each rolling window its own figure", () => {
    const history: UptimeHistory = { since: 0, status: "up", flips: [flip(NOW - 3 * D, "up", "down"), flip(NOW - 3 * D + 12 * H, "down", "up")] };
    const u = uptimeWindows(history, NOW);
    expect(u["1d"]).toBe(100);
    expect(u["7d"]).toBe(92.8571); // 6.5 of 7 days, cut
    expect(u["30d"]).toBe(98.3333);
    expect(u["90d"]).toBe(99.4444);
  });

  test("a window that starts mid-bucket on a single status is exact", () => {
    // down from 23 h 50 min ago: the 1d window starts inside a bucket that was up throughout
    const now = NOW + 7 * M;
    const history: UptimeHistory = { since: 0, status: "up", flips: [flip(now - 23 * H - 50 * M, "up", "down"), flip(now - 11 * H - 50 * M, "down", "up")] };
    expect(uptimeWindows(history, now)["1d"]).toBe(50);
  });

  test("lists the windows shortest first, as the API prints them", () => {
    expect(Object.keys(uptimeWindows({ since: 0, status: "up", flips: [] }, NOW))).toEqual(["1d", "7d", "30d", "90d"]);
  });
});
