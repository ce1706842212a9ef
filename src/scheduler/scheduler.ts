// The deadline scheduler (SPEC §4): the earliest stored down_at is kept in memory; the loop sleeps
// until it, then moves due checks down with a conditional update and writes the flip in the same
// transaction. It never scans all checks: it only ever touches the checks that are due.
import { applyEvent } from "../ingest/apply-event.ts";
import { Changes } from "../live/changes.ts";
import type { Publish } from "../live/publish.ts";
import type { Logger } from "../log.ts";
import type { Check, Store, Tx } from "../store/store.ts";
import type { CronCache } from "../core/cron-cache.ts";
import { DeadlineHeap } from "./deadline-heap.ts";

/** Checks moved down in one transaction; the rest wait for the next immediate round. */
const BATCH = 500;
/** A check whose evaluation throws is retried this much later instead of spinning. */
const RETRY_MS = 60_000;
/** setTimeout's largest delay; longer sleeps are taken in steps. */
const MAX_SLEEP_MS = 2_147_483_647;

export interface SchedulerDeps {
  readonly store: Store;
  readonly log: Logger;
  readonly now: () => number;
  readonly crons: CronCache;
  /** the post-commit path: flips and new deadlines reach the notifier and the live pages */
  readonly publish: Publish;
}

export class Scheduler {
  private readonly heap = new DeadlineHeap();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private armedAt: number | null = null;
  private running = false;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Loads every stored deadline (not recomputed) and starts sleeping until the earliest. */
  start(): void {
    for (const { id, downAt } of this.deps.store.read((tx) => tx.pendingDeadlines())) this.heap.set(id, downAt);
    this.running = true;
    this.arm();
  }

  stop(): void {
    this.running = false;
    this.disarm();
  }

  /** Called after every committed change to a check's deadline (pings, API, config). */
  update(checkId: number, downAt: number | null): void {
    this.heap.set(checkId, downAt);
    if (downAt !== null && (this.armedAt === null || downAt < this.armedAt)) this.arm();
  }

  get pending(): number {
    return this.heap.size;
  }

  nextDeadline(): number | null {
    return this.heap.peek()?.at ?? null;
  }

  /** Moves every check due at `now` down. Returns the number of flips written. */
  runDue(now: number = this.deps.now()): number {
    let flips = 0;
    for (;;) {
      const due: number[] = [];
      for (let top = this.heap.peek(); top !== null && top.at <= now && due.length < BATCH; top = this.heap.peek()) {
        due.push(top.id);
        this.heap.pop();
      }
      if (due.length === 0) return flips;
      flips += this.processBatch(due, now);
    }
  }

  private processBatch(ids: number[], now: number): number {
    const next = new Map<number, number | null>();
    const changes = new Changes();
    try {
      // IMMEDIATE takes the write lock before reading, so a second scheduler on the same file
      // either waits or sees this one's result, and the conditional update settles the rest.
      this.deps.store.write((tx) => {
        for (const id of ids) {
          const check = tx.getCheckById(id);
          if (check) next.set(id, this.settle(tx, check, now, changes));
        }
      });
    } catch (e) {
      this.deps.log.error("scheduler batch failed; retrying", { error: e, checks: ids.length });
      for (const id of ids) this.heap.set(id, now + 1_000);
      return 0;
    }
    for (const [id, at] of next) this.heap.set(id, at);
    this.deps.publish(changes);
    return changes.flips;
  }

  /** Applies the due event to one check inside the batch; returns the deadline to keep. */
  private settle(tx: Tx, check: Check, now: number, changes: Changes): number | null {
    try {
      // a savepoint: a check whose evaluation throws leaves nothing half-written in the batch
      const applied = tx.savepoint(() => applyEvent(tx, this.deps.crons, check, { type: "due" }, now, changes));
      switch (applied.outcome) {
        case "applied":
          return applied.check.downAt;
        case "unchanged":
          // Not due after all: a ping moved the deadline, or another scheduler already took the
          // check down. A stored deadline the state machine refuses must not be retried in a loop.
          return check.downAt !== null && check.downAt > now ? check.downAt : null;
        case "lost":
          // unreachable while the row is read in this transaction; kept for a reader outside it
          return tx.getCheckById(check.id)?.downAt ?? null;
        default: {
          const unreachable: never = applied;
          throw new Error(`unknown outcome ${JSON.stringify(unreachable)}`);
        }
      }
    } catch (e) {
      this.deps.log.error("check evaluation failed; retrying later", { check: check.uuid, error: e });
      return now + RETRY_MS;
    }
  }

  private arm(): void {
    this.disarm();
    if (!this.running) return;
    const top = this.heap.peek();
    if (!top) return;
    this.armedAt = top.at;
    const delay = Math.min(Math.max(0, top.at - this.deps.now()), MAX_SLEEP_MS);
    this.timer = setTimeout(() => this.wake(), delay);
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedAt = null;
  }

  private wake(): void {
    this.timer = null;
    this.armedAt = null;
    try {
      this.runDue();
    } finally {
      this.arm();
    }
  }
}
