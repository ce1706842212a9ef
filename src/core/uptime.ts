// Uptime from the flip history (SPEC §6, §8): the share of monitored time a check spent up over a
// rolling window. Time a check was new or paused is not monitored, and neither is any excluded
// interval (maintenance windows plug in here), so none of it counts for or against the check.
// Pure: `now` and the flips are arguments.
import type { CheckStatus } from "./types.ts";

const DAY_MS = 86_400_000;

/** Half-open [start, end) in epoch ms. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

export interface StatusChange {
  readonly created: number;
  readonly oldStatus: CheckStatus;
  readonly newStatus: CheckStatus;
}

export interface UptimeHistory {
  /** when the check was created: nothing before counts */
  readonly since: number;
  /** the stored status now */
  readonly status: CheckStatus;
  /** status changes in ascending order; those before the window start are not needed */
  readonly flips: readonly StatusChange[];
  /** intervals that do not count (maintenance windows); may overlap */
  readonly excluded?: readonly Interval[];
}

export const UPTIME_WINDOWS = { "1d": 1, "7d": 7, "30d": 30, "90d": 90 } as const;
export type UptimeWindow = keyof typeof UPTIME_WINDOWS;
export type Uptime = Record<UptimeWindow, number | null>;

/** The longest window, so callers know how far back to read flips. */
export const UPTIME_HORIZON_MS = 90 * DAY_MS;

/**
 * Percentage 0-100 of the monitored time in [from, to) that the check was up, cut (not rounded)
 * to 4 decimals so that any recorded downtime shows below 100. Null when nothing in the window
 * was monitored (a new or paused check).
 */
export function uptimeBetween(h: UptimeHistory, from: number, to: number): number | null {
  const start = Math.max(from, h.since);
  if (start >= to) return null;
  const excluded = mergeIntervals(h.excluded ?? []);
  // The status at `start` is what the first later flip changed from; without one it is today's.
  const later = h.flips.filter((f) => f.created > start && f.created < to);
  let status: CheckStatus = later[0]?.oldStatus ?? (h.flips.find((f) => f.created >= to)?.oldStatus ?? h.status);
  let cursor = start;
  let up = 0;
  let down = 0;
  const account = (end: number): void => {
    const counted = end - cursor - overlap(excluded, cursor, end);
    if (status === "up") up += counted;
    else if (status === "down") down += counted;
  };
  for (const f of later) {
    account(f.created);
    cursor = f.created;
    status = f.newStatus;
  }
  account(to);
  const monitored = up + down;
  return monitored <= 0 ? null : Math.floor((up / monitored) * 100 * 10_000) / 10_000;
}

/** Uptime over each rolling window ending at `now`. */
export function uptimeWindows(h: UptimeHistory, now: number): Uptime {
  const out = {} as Record<UptimeWindow, number | null>;
  for (const [name, days] of Object.entries(UPTIME_WINDOWS) as [UptimeWindow, number][]) {
    out[name] = uptimeBetween(h, now - days * DAY_MS, now);
  }
  return out;
}

/** Sorted, non-overlapping, non-empty intervals. */
function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && i.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, i.end) };
    else out.push(i);
  }
  return out;
}

/** Length of [from, to) covered by merged intervals. */
function overlap(merged: readonly Interval[], from: number, to: number): number {
  let total = 0;
  for (const i of merged) {
    if (i.start >= to) break;
    total += Math.max(0, Math.min(i.end, to) - Math.max(i.start, from));
  }
  return total;
}
