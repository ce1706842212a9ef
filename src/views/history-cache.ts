// What public pages keep in memory between requests (SPEC §9, §11): each shown check's final
// uptime buckets as runs (src/core/bucket-runs.ts). A page for 200 checks with 90 days of history
// would otherwise read 1.7 million buckets per request; with the runs it reads, per check, only
// the buckets from where its runs end — normally the one bucket holding its cursor.
//
// The first page after a start has nothing kept: `warm` reads the missing checks' 90 days in
// slices of at most ROWS_PER_READ buckets, letting other requests in between slices, so no
// request holds the event loop for long. `read` is always exact on its own (a check warm did not
// see is read in full there), so warm only ever makes it cheaper.
import { uptimeReadFrom } from "../checks/check-extras.ts";
import { BucketRuns } from "../core/bucket-runs.ts";
import { BUCKET_MS, bucketStart } from "../core/uptime-buckets.ts";
import type { StoredBucket, Store, Tx } from "../store/store.ts";
import type { DayBar } from "./status-page-model.ts";

/** About 15 ms of reading per slice on a small machine. */
const ROWS_PER_READ = 20_000;
/** Zone days of the oldest bar may begin up to a day before the 90-day horizon. */
const KEEP_BEFORE_HORIZON_MS = 2 * 86_400_000;

/** One check's history as pages read it: final runs plus the buckets after them. */
export interface CheckHistory {
  readonly runs: BucketRuns;
  /** buckets from runs.until on, oldest first: the cursor's bucket and any later ones */
  readonly fresh: readonly StoredBucket[];
  /** where the store's buckets end; the open segment starts here */
  readonly bucketedUntil: number;
  /** what pages derived from the runs, kept with them (public-history.ts) */
  readonly memo: HistoryMemo;
}

/** Day bars of final days, valid for the `key` they were made under (runs' end, days asked). */
export interface HistoryMemo {
  key: string;
  days: readonly DayBar[];
}

/** What the cache needs to know of a check. */
export interface HistoryKey {
  readonly id: number;
  /** tells a check from a later one that reused its id */
  readonly created: number;
}

interface Entry {
  readonly created: number;
  readonly runs: BucketRuns;
  readonly memo: HistoryMemo;
}

export class HistoryCache {
  private readonly entries = new Map<number, Entry>();

  constructor(private readonly maxChecks = 20_000) {}

  /** Checks held (tests and the benchmark look). */
  get size(): number {
    return this.entries.size;
  }

  /** Reads the checks the cache does not hold yet, slice by slice, yielding between slices. */
  async warm(store: Store, checks: readonly HistoryKey[], now: number): Promise<void> {
    const from = uptimeReadFrom(now);
    const cold = checks.filter((c) => this.entries.get(c.id)?.created !== c.created);
    const slices = slicesOf(cold, from, now);
    for (const [i, slice] of slices.entries()) {
      if (i > 0) await nextTurn();
      store.read((tx) => this.absorb(tx, slice, now));
    }
  }

  /** Inside one read transaction: every check's history, exact as of this read. */
  read(tx: Tx, checks: readonly HistoryKey[], now: number): Map<number, CheckHistory> {
    return this.absorb(tx, checks, now);
  }

  private absorb(tx: Tx, checks: readonly HistoryKey[], now: number): Map<number, CheckHistory> {
    const horizon = uptimeReadFrom(now);
    const known = checks.map((c) => {
      const entry = this.entries.get(c.id);
      return { key: c, entry: entry?.created === c.created ? entry : null };
    });
    const stored = tx.bucketsFrom(known.map(({ key, entry }) => ({ id: key.id, from: entry?.runs.until ?? horizon })));
    const out = new Map<number, CheckHistory>();
    for (const { key, entry } of known) {
      const h = stored.get(key.id);
      if (!h) {
        this.entries.delete(key.id);
        continue;
      }
      const runs = entry?.runs ?? new BucketRuns(horizon);
      runs.extend(h.buckets, bucketStart(h.bucketedUntil));
      runs.trim(horizon - KEEP_BEFORE_HORIZON_MS);
      const memo = entry?.memo ?? { key: "", days: [] };
      this.keep(key, runs, memo);
      out.set(key.id, { runs, fresh: h.buckets.filter((b) => b.start >= runs.until), bucketedUntil: h.bucketedUntil, memo });
    }
    return out;
  }

  /** Most recently used last; the least recently used go first when the cache is full. */
  private keep(key: HistoryKey, runs: BucketRuns, memo: HistoryMemo): void {
    this.entries.delete(key.id);
    this.entries.set(key.id, { created: key.created, runs, memo });
    while (this.entries.size > this.maxChecks) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** Groups checks so that each slice reads at most about ROWS_PER_READ buckets (one check at least). */
function slicesOf(checks: readonly HistoryKey[], from: number, now: number): HistoryKey[][] {
  const slices: HistoryKey[][] = [];
  let current: HistoryKey[] = [];
  let rows = 0;
  for (const c of checks) {
    const estimate = Math.max(1, Math.ceil((now - Math.max(from, c.created)) / BUCKET_MS) + 1);
    if (current.length > 0 && rows + estimate > ROWS_PER_READ) {
      slices.push(current);
      current = [];
      rows = 0;
    }
    current.push(c);
    rows += estimate;
  }
  if (current.length > 0) slices.push(current);
  return slices;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
