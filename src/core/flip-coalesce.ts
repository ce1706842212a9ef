// Flip coalescing (SPEC §3): however fast a check alternates, its flips table grows by at most
// about one row per minute. Later changes within a minute fold into the newest row, which then
// holds the first old status, the last new status and how many changes it stands for. Pure: the
// store reads the check's newest row, asks coalesce(), and inserts or updates in the same
// transaction as the change itself.
import type { CheckStatus, Flip, FlipReason } from "./types.ts";

/** A row accepts later changes for this long after its first one. */
export const COALESCE_WINDOW_MS = 60_000;

/** A stored flip row: one status change, or several folded together. */
export interface FlipRow {
  /** the instant of the first change the row holds (its place in history) */
  readonly created: number;
  /** the instant of the last change the row holds (= created when it holds one) */
  readonly lastChange: number;
  /** the status before the first change */
  readonly oldStatus: CheckStatus;
  /** the status after the last change */
  readonly newStatus: CheckStatus;
  /** why the check last went down within the row (what alerts quote), else the last change's reason */
  readonly reason: FlipReason;
  /** every change held is silent: nothing to alert, the notifier never claims the row */
  readonly silent: boolean;
  /** how many status changes the row holds (≥ 1) */
  readonly changes: number;
  /** how many of them were silent (new→up, pause, resume, ok, paused→up) */
  readonly silentChanges: number;
  /** outbox claim: when a notifier took the row, null while it waits */
  readonly processed: number | null;
}

/** What a merge changes in the newest row; `created` and `oldStatus` stay. */
export type FlipMerge = Pick<FlipRow, "lastChange" | "newStatus" | "reason" | "silent" | "changes" | "silentChanges" | "processed">;

export type CoalesceDecision =
  | { readonly type: "insert"; readonly row: FlipRow }
  | { readonly type: "merge"; readonly into: FlipMerge };

/** The row a change gets when it starts one. */
export function rowOf(flip: Flip): FlipRow {
  return {
    created: flip.created,
    lastChange: flip.created,
    oldStatus: flip.oldStatus,
    newStatus: flip.newStatus,
    reason: flip.reason,
    silent: flip.silent,
    changes: 1,
    silentChanges: flip.silent ? 1 : 0,
    processed: null,
  };
}

/**
 * Where the change `next` goes, given the check's newest row (`previous`) and the clock.
 *
 * 1. No row yet: insert.
 * 2. `next` does not continue the row (next.oldStatus ≠ previous.newStatus): insert. A change is
 *    never folded into a row it does not follow, so a store bug cannot rewrite history.
 * 3. The row's minute is over — `next.created` or `now` is at least COALESCE_WINDOW_MS after
 *    `previous.created` — or `next` is older than the row's last change (the clock stepped back):
 *    insert. So a row never spans more than a minute and never changes once a minute old, and
 *    however fast a check alternates, each row starts at least a minute after the one before
 *    (pings are stamped with `now`; only a change stamped earlier, like a deadline the scheduler
 *    noticed late, can start a row sooner).
 * 4. Otherwise merge: `created` and `oldStatus` stay; the row takes `next`'s new status and
 *    instant as its last change, counts one more change (and one more silent one if `next` is
 *    silent), is silent only if both were, and keeps the reason it went down unless `next` is a
 *    new reason to go down.
 * 5. The outbox: a non-silent `next` merged into a row sets `processed` back to null, even when a
 *    notifier had claimed the row. A claim only means "look at this check": the notifier compares
 *    the check's current status with what each channel was told (src/core/noise.ts), so claiming
 *    the row again costs one more look and never a second message (damping allows one per minute),
 *    while skipping it would swallow the change — a claimed "down" row would silently absorb the
 *    recovery. A silent `next` leaves `processed` alone: silent changes alert nobody, as a silent
 *    row would never have been claimed.
 * 6. Readers must not take a row id as a complete cursor: the newest row can grow for up to a
 *    minute. The notifier counts `changes - silentChanges` (not rows) for its summaries and sees a
 *    silent change wherever `silentChanges > 0`; uptime never depends on rows, because the store
 *    writes bucket deltas for every change, folded or not (src/core/uptime-buckets.ts).
 */
export function coalesce(previous: FlipRow | null, next: Flip, now: number): CoalesceDecision {
  const insert: CoalesceDecision = { type: "insert", row: rowOf(next) };
  if (previous === null) return insert;
  if (next.oldStatus !== previous.newStatus) return insert;
  const closesAt = previous.created + COALESCE_WINDOW_MS;
  if (next.created >= closesAt || now >= closesAt || next.created < previous.lastChange) return insert;
  return {
    type: "merge",
    into: {
      lastChange: next.created,
      newStatus: next.newStatus,
      reason: isDownReason(next.reason) || !isDownReason(previous.reason) ? next.reason : previous.reason,
      silent: previous.silent && next.silent,
      changes: previous.changes + 1,
      silentChanges: previous.silentChanges + (next.silent ? 1 : 0),
      processed: next.silent ? previous.processed : null,
    },
  };
}

/** Reasons a check goes down for; the others (recovery, ok, pause, resume) say nothing to quote. */
export function isDownReason(reason: FlipReason): boolean {
  switch (reason) {
    case "fail":
    case "rule":
    case "timeout":
    case "runtime":
      return true;
    case "ok":
    case "pause":
    case "resume":
    case "":
      return false;
    default: {
      const unreachable: never = reason;
      throw new Error(`unknown flip reason ${String(unreachable)}`);
    }
  }
}

/** The row after a merge decision, for callers (and tests) that keep rows in memory. */
export function applyMerge(row: FlipRow, into: FlipMerge): FlipRow {
  return { ...row, ...into };
}

/**
 * Whether the row's time was (partly) down. Every change into down is non-silent and every
 * non-silent change goes into or out of down (SPEC §3, the transition table), so a row went down
 * within itself exactly when it holds a non-silent change.
 */
export function touchesDown(row: Pick<FlipRow, "oldStatus" | "newStatus" | "changes" | "silentChanges">): boolean {
  return row.oldStatus === "down" || row.newStatus === "down" || row.changes > row.silentChanges;
}
