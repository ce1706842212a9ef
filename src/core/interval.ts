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
