// Uptime buckets (SPEC §3, §9): per check, 15-minute UTC buckets holding how many milliseconds the
// check spent up, down and excluded (new, paused, or inside a maintenance window as it stood then).
// The store adds a status segment's deltas when the status changes; every uptime figure and bar
// sums buckets instead of scanning flips. 15 minutes divides every UTC offset in use, so a local
// day (or hour) is a whole number of buckets in any zone. Pure.
import { type Interval, mergeIntervals } from "./interval.ts";
import type { CheckStatus } from "./types.ts";

export const BUCKET_MS = 15 * 60_000;
const DAY_MS = 86_400_000;
/** Buckets are kept this long (as flips are, SPEC §3); no segment is bucketed further back. */
export const RETENTION_DAYS = 400;
export const RETENTION_MS = RETENTION_DAYS * DAY_MS;

export interface BucketTotals {
  readonly up: number;
  readonly down: number;
  readonly excluded: number;
}

/** One stored bucket, or the delta to add to it: `start` is a multiple of BUCKET_MS. */
export interface UptimeBucket extends BucketTotals {
  readonly start: number;
}

/** A status held over [from, to). */
export interface StatusSegment {
  readonly from: number;
  readonly to: number;
  readonly status: CheckStatus;
}

/** The start of the bucket holding instant `ms`. */
export function bucketStart(ms: number): number {
  return Math.floor(ms / BUCKET_MS) * BUCKET_MS;
}

/** Up and down time count as such unless inside maintenance; new and paused time never counts. */
export function classify(status: CheckStatus, length: number, inMaintenance: number): BucketTotals {
  switch (status) {
    case "up":
      return { up: length - inMaintenance, down: 0, excluded: inMaintenance };
    case "down":
      return { up: 0, down: length - inMaintenance, excluded: inMaintenance };
    case "new":
    case "paused":
      return { up: 0, down: 0, excluded: length };
    default: {
      const unreachable: never = status;
      throw new Error(`unknown check status ${String(unreachable)}`);
    }
  }
}

/**
 * The bucket deltas of one segment, oldest first, one per bucket the segment touches.
 * `maintenance` may be unsorted, overlapping and reach outside the segment.
 *
 * Bounded work: only the last RETENTION_MS of a segment is bucketed (older buckets are pruned
 * anyway), so a status held for years costs at most 38 401 entries, and maintenance intervals are
 * walked once alongside the buckets. An empty or reversed segment (a clock stepped back) gives none.
 */
export function segmentDeltas(segment: StatusSegment, maintenance: readonly Interval[]): UptimeBucket[] {
  const to = segment.to;
  const from = Math.max(segment.from, to - RETENTION_MS);
  if (!(from < to)) return [];
  const windows = mergeIntervals(maintenance);
  const out: UptimeBucket[] = [];
  let w = 0;
  for (let b = bucketStart(from); b < to; b += BUCKET_MS) {
    const s = Math.max(b, from);
    const e = Math.min(b + BUCKET_MS, to);
    // windows ending before this bucket can never matter again: the cursor only moves forward
    while (w < windows.length && windows[w]!.end <= s) w++;
    let inMaintenance = 0;
    for (let k = w; k < windows.length && windows[k]!.start < e; k++) {
      inMaintenance += Math.min(windows[k]!.end, e) - Math.max(windows[k]!.start, s);
    }
    out.push({ start: b, ...classify(segment.status, e - s, inMaintenance) });
  }
  return out;
}

export const ZERO: BucketTotals = { up: 0, down: 0, excluded: 0 };

export function addTotals(a: BucketTotals, b: BucketTotals): BucketTotals {
  return { up: a.up + b.up, down: a.down + b.down, excluded: a.excluded + b.excluded };
}

/** Deltas of many segments summed per bucket, oldest first (a backfill from flips, a test). */
export function sumDeltas(deltas: Iterable<UptimeBucket>): UptimeBucket[] {
  const byStart = new Map<number, BucketTotals>();
  for (const d of deltas) byStart.set(d.start, addTotals(byStart.get(d.start) ?? ZERO, d));
  return [...byStart].sort((a, b) => a[0] - b[0]).map(([start, t]) => ({ start, ...t }));
}

/** The flip history of a check: enough to replay its status segments. */
export interface StatusHistory {
  /** when the check was created: nothing before counts */
  readonly since: number;
  /** the stored status now */
  readonly status: CheckStatus;
  /** status changes in ascending order of `created` */
  readonly flips: readonly { readonly created: number; readonly oldStatus: CheckStatus; readonly newStatus: CheckStatus }[];
}

/**
 * The status segments of [max(from, since), to) replayed from flips: what a migration backfills
 * buckets from. The status before the first flip inside the range is that flip's old status (or
 * today's when none follows), so flips before `from` are not needed.
 */
export function historySegments(h: StatusHistory, from: number, to: number): StatusSegment[] {
  const out: StatusSegment[] = [];
  replayHistory(h, from, to, (s, e, status) => out.push({ from: s, to: e, status }));
  return out;
}

/** historySegments without the array: calls `visit` for each non-empty segment, oldest first. */
export function replayHistory(h: StatusHistory, from: number, to: number, visit: (from: number, to: number, status: CheckStatus) => void): void {
  const start = Math.max(from, h.since);
  if (!(start < to)) return;
  // unknown until a flip after `start` says what it changed from; one pass, no copies of the flips
  let status: CheckStatus | null = null;
  let cursor = start;
  for (const f of h.flips) {
    if (f.created <= start) continue;
    status ??= f.oldStatus;
    if (f.created >= to) break;
    if (f.created > cursor) visit(cursor, f.created, status);
    cursor = f.created;
    status = f.newStatus;
  }
  visit(cursor, to, status ?? h.status);
}
