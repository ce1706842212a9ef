// Uptime percentages (SPEC §9): the share of monitored time a check spent up over rolling windows,
// read from uptime buckets (src/core/uptime-buckets.ts) and the live open segment. Time new,
// paused or inside maintenance is excluded: it counts neither for nor against the check. Pure.
import { type OpenSegment, RangeTotals, totalsByRange } from "./bucket-ranges.ts";
import type { CoveredTime, Interval } from "./interval.ts";
import { type BucketTotals, replayHistory, type StatusHistory, type UptimeBucket } from "./uptime-buckets.ts";

const DAY_MS = 86_400_000;

export const UPTIME_WINDOWS = { "1d": 1, "7d": 7, "30d": 30, "90d": 90 } as const;
export type UptimeWindow = keyof typeof UPTIME_WINDOWS;
export type Uptime = Record<UptimeWindow, number | null>;

/** The longest window: how far back callers read buckets. */
export const UPTIME_HORIZON_MS = 90 * DAY_MS;

/**
 * Percentage 0-100 of monitored time (up + down) that was up, cut (not rounded) to 4 decimals so
 * that any recorded downtime shows below 100. Null when nothing was monitored.
 */
export function uptimePercent(t: Pick<BucketTotals, "up" | "down">): number | null {
  const up = Math.max(0, Math.round(t.up));
  const monitored = up + Math.max(0, Math.round(t.down));
  if (monitored === 0) return null;
  // the common cases without BigInt: a page sums 90 days for each of hundreds of checks
  if (up === monitored) return 100;
  if (up === 0) return 0;
  // integer arithmetic: up · 10^6 can pass 2^53 for long windows, and floats would turn 29 % into 28.9999
  return Number((BigInt(up) * 1_000_000n) / BigInt(monitored)) / 10_000;
}

/**
 * Uptime over each rolling window [now - days, now). `buckets` must cover the 90-day horizon (more
 * is ignored); `open` is the segment not yet bucketed (null when the store has bucketed up to now).
 * A window starting inside a bucket counts that bucket in proportion (see totalsByRange for the bound).
 */
export function uptimeFromBuckets(buckets: readonly UptimeBucket[], open: OpenSegment | null, now: number): Uptime {
  return fromSlices(totalsByRange(buckets, open, sliceEdges(now), now));
}

/** Longest first, so the windows' starts ascend. */
const LONGEST_FIRST = (Object.keys(UPTIME_WINDOWS) as UptimeWindow[]).sort((a, b) => UPTIME_WINDOWS[b] - UPTIME_WINDOWS[a]);

/** Nested windows share their right edge: slice i runs from window i's start to the next one's. */
export function sliceEdges(now: number): number[] {
  return [...LONGEST_FIRST.map((name) => now - UPTIME_WINDOWS[name] * DAY_MS), now];
}

/** Window i is the sum of slices i and after; keys in UPTIME_WINDOWS order, as the API prints them. */
export function fromSlices(slices: readonly BucketTotals[]): Uptime {
  const out = {} as Record<UptimeWindow, number | null>;
  for (const name of Object.keys(UPTIME_WINDOWS) as UptimeWindow[]) {
    let up = 0;
    let down = 0;
    for (const t of slices.slice(LONGEST_FIRST.indexOf(name))) {
      up += t.up;
      down += t.down;
    }
    out[name] = uptimePercent({ up, down });
  }
  return out;
}

export interface UptimeHistory extends StatusHistory {
  /** intervals that do not count (maintenance windows); may overlap */
  readonly excluded?: readonly Interval[] | CoveredTime;
}

/**
 * Uptime replayed exactly from flips, without buckets: for callers that do not read the bucket
 * table yet, and the reference the bucket path is tested against. It scans every flip of the 90
 * days, which is what buckets exist to avoid on the request path.
 */
export function uptimeWindows(h: UptimeHistory, now: number): Uptime {
  const ranges = new RangeTotals(sliceEdges(now), h.excluded ?? []);
  replayHistory(h, now - UPTIME_HORIZON_MS, now, (from, to, status) => ranges.add(from, to, status));
  return fromSlices(ranges.totals());
}
