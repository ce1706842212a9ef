// The final uptime buckets of one check (SPEC §3, §9), run-length encoded with running totals, so
// that a page can ask "up, down, excluded and incidents over any ranges of the last 90 days"
// without reading 8 640 buckets per check again. A bucket is final once it lies wholly before the
// bucket holding the check's cursor: the store only ever adds to the cursor's bucket and later
// ones (src/ingest/flip-writer.ts), so final buckets never change and can be kept.
//
// Totals follow totalsByRange (bucket-ranges.ts): a final bucket's time lies in [start, start +
// 15 min), and an edge inside a bucket splits it in proportion. Within a run every bucket is the
// same, so a split anywhere in the run is a linear interpolation. Pure.
import { BUCKET_MS, type BucketTotals, type UptimeBucket } from "./uptime-buckets.ts";

/** A stored bucket as runs take it: its time and how many incidents began in it. */
export interface CountedBucket extends UptimeBucket {
  readonly incidents: number;
}

/** Totals with incidents; incidents count by the bucket they began in. */
export interface RunTotals extends BucketTotals {
  readonly incidents: number;
}

interface Run {
  /** [start, end): consecutive buckets holding the same values */
  readonly start: number;
  end: number;
  /** the values of each bucket of the run */
  readonly up: number;
  readonly down: number;
  readonly excluded: number;
  readonly incidents: number;
  /** totals of every earlier run: what lies before `start` */
  readonly before: RunTotals;
}

const NONE: RunTotals = { up: 0, down: 0, excluded: 0, incidents: 0 };

export class BucketRuns {
  private runs: Run[] = [];
  private kept: readonly { readonly until: number; readonly edges: readonly number[]; readonly totals: readonly RunTotals[] }[] = [];

  /** @param finalUntil buckets before this instant (a bucket start) are in the runs */
  constructor(private finalUntil: number) {}

  /** Where the final buckets end: newer buckets must be read from the store. */
  get until(): number {
    return this.finalUntil;
  }

  /** Runs held (memory is about this many small objects). */
  get size(): number {
    return this.runs.length;
  }

  /**
   * Adds the buckets that became final: those in [until, finalUntil), ascending; others are
   * ignored (older ones are already in, newer ones are not final yet). Gaps are empty time.
   */
  extend(buckets: readonly CountedBucket[], finalUntil: number): void {
    if (finalUntil <= this.finalUntil) return;
    for (const b of buckets) {
      if (b.start < this.finalUntil || b.start >= finalUntil) continue;
      this.push(b);
    }
    this.finalUntil = finalUntil;
  }

  /** Forgets runs that end before `before`: nothing reads that far back any more. */
  trim(before: number): void {
    if (this.runs.length === 0 || this.runs[0]!.end > before) return;
    const keep = this.runs.findIndex((r) => r.end > before);
    this.runs = keep < 0 ? [] : this.runs.slice(keep);
  }

  /**
   * Totals of the final buckets in each range [edges[i], edges[i+1]); `edges` ascend. The last
   * answer is kept: a page asks for the same local days on every request of a day, and until
   * more buckets become final the answer cannot change.
   */
  rangeTotals(edges: readonly number[]): readonly RunTotals[] {
    const kept = this.kept.find((k) => k.until === this.finalUntil && sameEdges(k.edges, edges));
    if (kept) return kept.totals;
    const totals = this.compute(edges);
    // two answers: a page's local days, and the uptime windows asked for in between
    this.kept = [{ until: this.finalUntil, edges: [...edges], totals }, ...this.kept.slice(0, 1)];
    return totals;
  }

  private compute(edges: readonly number[]): RunTotals[] {
    const out: RunTotals[] = [];
    // edges ascend, so one walk over the runs finds every edge's run (a page asks for 91 edges)
    let i = 0;
    let previous = NONE;
    for (let k = 0; k < edges.length; k++) {
      const at = Math.min(edges[k]!, this.finalUntil);
      while (i < this.runs.length && this.runs[i]!.start < at) i++;
      const next = this.before(i - 1, at);
      if (k > 0) {
        out.push({ up: next.up - previous.up, down: next.down - previous.down, excluded: next.excluded - previous.excluded, incidents: next.incidents - previous.incidents });
      }
      previous = next;
    }
    return out;
  }

  /** Totals of the final buckets before instant `t`: time in proportion, incidents by bucket start. */
  totalsBefore(t: number): RunTotals {
    const at = Math.min(t, this.finalUntil);
    return this.before(this.lastRunStartingBefore(at), at);
  }

  /** Totals before `at`, given the index of the last run starting before it (-1: none). */
  private before(i: number, at: number): RunTotals {
    if (i < 0) return NONE;
    const r = this.runs[i]!;
    const share = (Math.min(at, r.end) - r.start) / BUCKET_MS;
    // a bucket counts its incidents once its start is passed
    const started = Math.ceil(share);
    return {
      up: r.before.up + r.up * share,
      down: r.before.down + r.down * share,
      excluded: r.before.excluded + r.excluded * share,
      incidents: r.before.incidents + r.incidents * started,
    };
  }

  private push(b: CountedBucket): void {
    const last = this.runs.at(-1);
    if (last && last.end === b.start && last.up === b.up && last.down === b.down && last.excluded === b.excluded && last.incidents === b.incidents) {
      last.end += BUCKET_MS;
      return;
    }
    const before = last ? runTotals(last) : NONE;
    this.runs.push({ start: b.start, end: b.start + BUCKET_MS, up: b.up, down: b.down, excluded: b.excluded, incidents: b.incidents, before });
  }

  /** Index of the last run with start < t, or -1. */
  private lastRunStartingBefore(t: number): number {
    let lo = 0;
    let hi = this.runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.runs[mid]!.start < t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}

function sameEdges(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Everything up to the end of run `r`. */
function runTotals(r: Run): RunTotals {
  const n = (r.end - r.start) / BUCKET_MS;
  return { up: r.before.up + r.up * n, down: r.before.down + r.down * n, excluded: r.before.excluded + r.excluded * n, incidents: r.before.incidents + r.incidents * n };
}
