// The deadline scheduler (SPEC §4): the earliest stored down_at is kept in memory; the loop sleeps
// until it, then moves due checks down with a conditional update and writes the flip in the same
// transaction. It never scans all checks: it only ever touches the checks that are due.
import type { Database } from "bun:sqlite";
import { transition } from "../core/transition.ts";
import type { Logger } from "../log.ts";
import { pendingDeadlines, saveStateIf } from "../store/check-state.ts";
import { type Check, getCheckById } from "../store/checks.ts";
import { insertFlip } from "../store/flips.ts";
import type { CronCache } from "./cron-cache.ts";
import { DeadlineHeap } from "./deadline-heap.ts";

/** Checks moved down in one transaction; the rest wait for the next immediate round. */
const BATCH = 500;
/** A check whose evaluation throws is retried this much later instead of spinning. */
const RETRY_MS = 60_000;
/** setTimeout's largest delay; longer sleeps are taken in steps. */
const MAX_SLEEP_MS = 2_147_483_647;

export interface SchedulerDeps {
  readonly db: Database;
  readonly log: Logger;
  readonly now: () => number;
  readonly crons: CronCache;
  /** called after a flip is committed (the notifier wakes up on it) */
  readonly onFlip?: (checkId: number, flipId: number) => void;
}

export class Scheduler {
  private readonly heap = new DeadlineHeap();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private armedAt: number | null = null;
  private running = false;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Loads every stored deadline (not recomputed) and starts sleeping until the earliest. */
  start(): void {
    for (const { id, downAt } of pendingDeadlines(this.deps.db)) this.heap.set(id, downAt);
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
    const { db } = this.deps;
    const written: { checkId: number; flipId: number }[] = [];
    const next = new Map<number, number | null>();
    try {
      // IMMEDIATE takes the write lock before reading, so a second scheduler on the same file
      // either waits or sees this one's result, and the conditional update settles the rest.
      db.transaction(() => {
        for (const id of ids) {
          const check = getCheckById(db, id);
          if (!check) continue;
          next.set(id, this.settle(check, now, written));
        }
      }).immediate();
    } catch (e) {
      this.deps.log.error("scheduler batch failed; retrying", { error: e, checks: ids.length });
      for (const id of ids) this.heap.set(id, now + 1_000);
      return 0;
    }
    for (const [id, at] of next) this.heap.set(id, at);
    for (const w of written) this.deps.onFlip?.(w.checkId, w.flipId);
    return written.length;
  }

  /** Applies the due event to one check inside the batch; returns the deadline to keep. */
  private settle(check: Check, now: number, written: { checkId: number; flipId: number }[]): number | null {
    let result;
    try {
      result = transition(check, { type: "due" }, now, this.deps.crons.forCheck(check));
    } catch (e) {
      this.deps.log.error("check evaluation failed; retrying later", { check: check.uuid, error: e });
      return now + RETRY_MS;
    }
    // Not due after all: a ping moved the deadline, or another scheduler already took the
    // check down. A stored deadline the state machine refuses must not be retried in a loop.
    if (!result.flip) return check.downAt !== null && check.downAt > now ? check.downAt : null;
    if (!saveStateIf(this.deps.db, check.id, check, result.check)) return getCheckById(this.deps.db, check.id)?.downAt ?? null;
    written.push({ checkId: check.id, flipId: insertFlip(this.deps.db, check.id, result.flip) });
    return result.check.downAt;
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
