// Group commit (SPEC §5): requests that arrive together share one write transaction, and each is
// answered only after that transaction commits, so a 2xx always means "on disk". One commit per
// request would cap the ping path at the commit rate; one per batch lifts that bound.
import { Changes } from "../live/changes.ts";
import type { Publish } from "../live/publish.ts";
import type { Store, Tx } from "../store/store.ts";

export interface BatchWriterOptions {
  /** flush when this many items wait */
  readonly maxBatch: number;
  /**
   * flush at the latest this long after the first item of a batch arrived; 0 flushes once the
   * event loop has taken in every request that arrived with it (setImmediate)
   */
  readonly maxDelayMs: number;
}

/**
 * Measured on 2 cores (bench/ping.ts): flushing at the end of each event-loop turn batches every
 * request that arrived together without adding a timer's delay at low load.
 */
export const DEFAULT_BATCH: BatchWriterOptions = { maxBatch: 512, maxDelayMs: 0 };

/** The batch's transaction failed: nothing of it was written and the request may be retried. */
export class BatchFailedError extends Error {
  constructor(cause: unknown) {
    super("write batch failed", { cause });
    this.name = "BatchFailedError";
  }
}

/** What a batch's items share beyond its transaction (src/ingest/hot-checks.ts). */
export interface BatchHooks {
  /** the batch's transaction began; `careful`: items are written one by one in savepoints */
  begin(tx: Tx, careful: boolean): void;
  committed(): void;
  rolledBack(): void;
}

const NO_HOOKS: BatchHooks = { begin: () => {}, committed: () => {}, rolledBack: () => {} };

type Outcome<O> = { readonly ok: true; readonly out: O } | { readonly ok: false; readonly error: unknown };

interface Pending<I, O> {
  readonly item: I;
  readonly resolve: (out: O) => void;
  readonly reject: (e: unknown) => void;
}

export class BatchWriter<I, O> {
  private queue: Pending<I, O>[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private immediate: ReturnType<typeof setImmediate> | null = null;
  private batches = 0;

  /**
   * `apply` runs inside the batch transaction, once per item, recording what it changed; an item
   * that throws fails alone. After the commit, `publish` gets what the whole batch changed.
   */
  constructor(
    private readonly store: Store,
    private readonly apply: (tx: Tx, item: I, changes: Changes) => O,
    private readonly publish: Publish,
    private readonly options: BatchWriterOptions = DEFAULT_BATCH,
    private readonly onBatch: (size: number, ms: number) => void = () => {},
    private readonly hooks: BatchHooks = NO_HOOKS,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.options.maxBatch) this.flush();
      else if (this.options.maxDelayMs === 0) this.immediate ??= setImmediate(() => this.flush());
      else this.timer ??= setTimeout(() => this.flush(), this.options.maxDelayMs);
    });
  }

  /** Writes everything queued now. Called by the timer, when a batch is full, and at shutdown. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const t0 = performance.now();
    let outcomes: Outcome<O>[];
    let changes: Changes;
    try {
      ({ outcomes, changes } = this.writeAll(batch));
    } catch (e) {
      const failed = new BatchFailedError(e);
      for (const p of batch) p.reject(failed);
      return;
    }
    this.batches++;
    this.onBatch(batch.length, performance.now() - t0);
    this.publish(changes);
    batch.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) p.resolve(o.out);
      else p.reject(o.error);
    });
  }

  /**
   * One transaction for the whole batch. If an item throws, the batch is rolled back and written
   * again with each item in its own savepoint, so the failing item fails alone; savepoints cost
   * about a third of the ping path's time, so they are kept off the common path.
   */
  private writeAll(batch: readonly Pending<I, O>[]): { outcomes: Outcome<O>[]; changes: Changes } {
    let itemFailed = false;
    try {
      const changes = new Changes();
      const outcomes = this.store.write((tx) => {
        this.hooks.begin(tx, false);
        return batch.map((p): Outcome<O> => {
          try {
            return { ok: true, out: this.apply(tx, p.item, changes) };
          } catch (e) {
            itemFailed = true;
            throw e;
          }
        });
      });
      this.hooks.committed();
      return { outcomes, changes };
    } catch (e) {
      this.hooks.rolledBack();
      // the database itself failed (locked, full, I/O): the whole batch fails
      if (!itemFailed) throw e;
    }
    // the first attempt was rolled back: what it recorded never happened
    const changes = new Changes();
    let outcomes: Outcome<O>[];
    try {
      outcomes = this.store.write((tx) => {
        this.hooks.begin(tx, true);
        return batch.map((p): Outcome<O> => {
          const own = new Changes();
          try {
            const out = tx.savepoint(() => this.apply(tx, p.item, own));
            changes.absorb(own);
            return { ok: true, out };
          } catch (error) {
            return { ok: false, error };
          }
        });
      });
    } catch (e) {
      this.hooks.rolledBack();
      throw e;
    }
    this.hooks.committed();
    return { outcomes, changes };
  }

  get waiting(): number {
    return this.queue.length;
  }

  get committedBatches(): number {
    return this.batches;
  }
}
