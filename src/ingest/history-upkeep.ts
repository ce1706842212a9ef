// Keeps status history bounded (SPEC §3, §11), as a housekeeping job. Each run, in short write
// transactions of bounded work with the event loop free between them:
// 1. Flush: a status held for more than a day is written to buckets up to the current bucket, so
//    the change that ends it writes about a day of buckets at most (the ping path stays cheap)
//    and maintenance windows count as they stood then, not as they are when the status ends.
// 2. Retention: the next slice of checks (a sweep over all of them, slice by slice) loses its
//    flips older than 400 days — each check's newest row stays — and its buckets as old.
import type { MaintenanceWindow } from "../core/maintenance.ts";
import { BUCKET_MS, bucketStart, RETENTION_MS } from "../core/uptime-buckets.ts";
import type { Store, Tx } from "../store/store.ts";
import { closeSegment } from "./flip-writer.ts";

/** An open segment older than this is flushed. */
export const FLUSH_AFTER_MS = 86_400_000;
/**
 * One flush transaction looks at FLUSH_CHECKS checks and writes FLUSH_DELTAS bucket deltas at most
 * (a few ms; a status held 400 days is 38 400 deltas); a run makes at most FLUSH_BATCHES of them,
 * which keeps up with a day of 100 000 checks (96 deltas each) in 24 runs.
 */
const FLUSH_CHECKS = 100;
const FLUSH_DELTAS = 4_000;
const FLUSH_BATCHES = 25;
/** Checks one run's retention slice covers, and flip rows it deletes at most. */
const PRUNE_CHECKS = 500;
const PRUNE_FLIPS = 5_000;

export interface UpkeepResult {
  readonly flushedChecks: number;
  readonly flushedDeltas: number;
  readonly prunedFlips: number;
  readonly prunedBuckets: number;
}

export class HistoryUpkeep {
  /** the retention sweep's position: the last check id of the previous slice (0: start over) */
  private afterId = 0;

  constructor(private readonly store: Store) {}

  async run(now: number): Promise<UpkeepResult> {
    let flushedChecks = 0;
    let flushedDeltas = 0;
    for (let batch = 0; batch < FLUSH_BATCHES; batch++) {
      const flushed = this.store.write((tx) => flushLongSegments(tx, now, FLUSH_DELTAS));
      flushedChecks += flushed.checks;
      flushedDeltas += flushed.deltas;
      if (flushed.checks === 0) break;
      await nextTurn();
    }
    const pruned = this.store.write((tx) => {
      const ids = tx.checkIdsAfter(this.afterId, PRUNE_CHECKS);
      const before = now - RETENTION_MS;
      return { ids, flips: tx.pruneFlips(ids, before, PRUNE_FLIPS), buckets: tx.pruneBuckets(ids, bucketStart(before)) };
    });
    // advanced only after the commit: a failed slice is swept again
    this.afterId = pruned.ids.length < PRUNE_CHECKS ? 0 : pruned.ids.at(-1)!;
    return { flushedChecks, flushedDeltas, prunedFlips: pruned.flips, prunedBuckets: pruned.buckets };
  }
}

/** Lets requests in between two transactions. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Writes long open segments to buckets, up to the bucket holding now (or a pending deadline),
 * within `budget` deltas: a segment too long for what is left is written in part, from its
 * oldest kept bucket on, and the rest waits for the next run.
 */
export function flushLongSegments(tx: Tx, now: number, budget: number): { checks: number; deltas: number } {
  const windows = new Map<number, MaintenanceWindow[]>();
  let checks = 0;
  let deltas = 0;
  for (const c of tx.longOpenSegments(now - FLUSH_AFTER_MS, now, FLUSH_CHECKS)) {
    if (deltas >= budget) break;
    const target = bucketStart(Math.min(now, c.downAt ?? now));
    // time before the retention would be pruned at once: it is skipped
    const from = Math.max(c.bucketedUntil, target - RETENTION_MS);
    const to = Math.min(target, bucketStart(from) + (budget - deltas) * BUCKET_MS);
    if (to <= c.bucketedUntil) continue;
    let w = windows.get(c.projectId);
    if (w === undefined) windows.set(c.projectId, (w = tx.listWindows(c.projectId)));
    deltas += closeSegment(tx, c, { from, to, status: c.status }, w);
    checks++;
  }
  return { checks, deltas };
}
