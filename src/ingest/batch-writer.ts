// Group commit (SPEC §5): requests that arrive together share one write transaction, and each is
// answered only after that transaction commits, so a 2xx always means "on disk". One commit per
// request would cap the ping path at the commit rate; one per batch lifts that bound.
import type { Database } from "bun:sqlite";

export interface BatchWriterOptions {
  /** flush when this many items wait */
  readonly maxBatch: number;
  /** flush at the latest this long after the first item of a batch arrived */
  readonly maxDelayMs: number;
}

export const DEFAULT_BATCH: BatchWriterOptions = { maxBatch: 256, maxDelayMs: 2 };

/** The batch's transaction failed: nothing of it was written and the request may be retried. */
export class BatchFailedError extends Error {
  constructor(cause: unknown) {
    super("write batch failed", { cause });
    this.name = "BatchFailedError";
  }
}

interface Pending<I, O> {
  readonly item: I;
  readonly resolve: (out: O) => void;
  readonly reject: (e: unknown) => void;
}

export class BatchWriter<I, O> {
  private queue: Pending<I, O>[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private batches = 0;

  /**
   * `apply` runs inside the batch transaction, once per item, each in its own savepoint: an item
   * that throws fails alone. `committed` runs after the commit with every item's output.
   */
  constructor(
    private readonly db: Database,
    private readonly apply: (item: I) => O,
    private readonly committed: (outputs: readonly O[]) => void = () => {},
    private readonly options: BatchWriterOptions = DEFAULT_BATCH,
    private readonly onBatch: (size: number, ms: number) => void = () => {},
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.options.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.maxDelayMs);
    });
  }

  /** Writes everything queued now. Called by the timer, when a batch is full, and at shutdown. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const t0 = performance.now();
    const outcomes: ({ ok: true; out: O } | { ok: false; error: unknown })[] = [];
    try {
      this.db
        .transaction(() => {
          for (const p of batch) {
            try {
              outcomes.push({ ok: true, out: this.db.transaction(() => this.apply(p.item))() });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        })
        .immediate();
    } catch (e) {
      const failed = new BatchFailedError(e);
      for (const p of batch) p.reject(failed);
      return;
    }
    this.batches++;
    this.onBatch(batch.length, performance.now() - t0);
    const outputs: O[] = [];
    batch.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) outputs.push(o.out);
    });
    this.committed(outputs);
    batch.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) p.resolve(o.out);
      else p.reject(o.error);
    });
  }

  get waiting(): number {
    return this.queue.length;
  }

  get committedBatches(): number {
    return this.batches;
  }
}
