// The checks the ping path just wrote, kept between its batches (SPEC §11): reading a check's
// 48 columns back from SQLite was about a tenth of a ping's CPU time, and the batch writer is the
// one that wrote them last. The copy is only trusted while that is still true: any other commit
// (the API, the scheduler, housekeeping in this process; another process, seen through
// PRAGMA data_version) forgets every copy before the next batch reads one, and a batch that rolls
// back forgets what it had put. A stale copy could not be stored over a newer state anyway: the
// state's write is conditional on the status and deadline it was decided from.
import type { Check, Store, Tx } from "../store/store.ts";
import type { BatchHooks } from "./batch-writer.ts";

/** Copies kept at most: one pinged check is about a kilobyte. */
export const HOT_CHECKS_MAX = 4_096;

export class HotChecks implements BatchHooks {
  private readonly trusted = new Map<number, Check>();
  private readonly pending = new Map<number, Check>();
  /** the store's commit count and data version right after the last batch committed */
  private validAt = -1;
  private dataVersion = -1;
  /** this batch writes item by item in savepoints: nothing it reads or writes is kept */
  private careful = false;

  constructor(
    private readonly store: Store,
    private readonly max = HOT_CHECKS_MAX,
  ) {}

  /** The check as this batch sees it: its own earlier write, a trusted copy, or the row. */
  get(tx: Tx, id: number): Check | null {
    if (!this.careful) {
      const kept = this.pending.get(id) ?? this.trusted.get(id);
      if (kept) return kept;
    }
    return tx.getCheckById(id);
  }

  /** The check as a ping of this batch left it. */
  put(check: Check): void {
    if (!this.careful) this.pending.set(check.id, check);
  }

  begin(_tx: Tx, careful: boolean): void {
    this.careful = careful;
    this.pending.clear();
    if (careful || this.store.commits() !== this.validAt || this.store.dataVersion() !== this.dataVersion) this.trusted.clear();
  }

  committed(): void {
    if (this.trusted.size + this.pending.size > this.max) this.trusted.clear();
    for (const [id, check] of this.pending) this.trusted.set(id, check);
    this.pending.clear();
    this.validAt = this.store.commits();
    this.dataVersion = this.store.dataVersion();
  }

  rolledBack(): void {
    this.pending.clear();
    this.trusted.clear();
  }
}
