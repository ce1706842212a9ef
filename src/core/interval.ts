// Half-open time intervals [start, end) in epoch ms: the one type for maintenance windows, uptime
// exclusions and day boundaries. Pure.

/** Half-open [start, end) in epoch ms. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/**
 * Sorted, non-overlapping, non-empty intervals covering the same instants. Intervals that touch
 * (one ends where the next starts) are joined, so a chain of back-to-back windows reads as one.
 */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last !== undefined && i.start <= last.end) {
      out[out.length - 1] = { start: last.start, end: Math.max(last.end, i.end) };
    } else {
      out.push({ start: i.start, end: i.end });
    }
  }
  return out;
}

/** Length of [from, to) covered by `merged` (sorted and disjoint, as mergeIntervals returns). */
export function coveredLength(merged: readonly Interval[], from: number, to: number): number {
  let total = 0;
  for (const i of merged) {
    if (i.start >= to) break;
    if (i.end > from) total += Math.min(i.end, to) - Math.max(i.start, from);
  }
  return total;
}

/**
 * Intervals merged once, with running totals, so that the covered length of any range costs a
 * binary search: many checks under the same maintenance windows ask it of one set of thousands
 * of intervals (an every-2-minute window over 90 days), each about a few segments of its history.
 */
export class CoveredTime {
  private readonly merged: Interval[];
  /** before[i]: total length of merged[0..i) */
  private readonly before: number[];

  constructor(intervals: readonly Interval[]) {
    this.merged = mergeIntervals(intervals);
    this.before = [0];
    for (const i of this.merged) this.before.push(this.before.at(-1)! + (i.end - i.start));
  }

  get isEmpty(): boolean {
    return this.merged.length === 0;
  }

  /** Length of [from, to) covered. */
  length(from: number, to: number): number {
    return to <= from ? 0 : this.upTo(to) - this.upTo(from);
  }

  /** Covered length before instant t. */
  private upTo(t: number): number {
    // the last interval starting before t
    let lo = 0;
    let hi = this.merged.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.merged[mid]!.start < t) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return 0;
    const last = this.merged[lo - 1]!;
    return this.before[lo - 1]! + Math.min(last.end, t) - last.start;
  }
}
