// Applies one event to a stored check: transition, conditional write and flip, in the caller's
// write transaction. Pings, the API (pause/resume), config reloads and the scheduler all go
// through here, so one function knows how an event is stored.
import { transition } from "../core/transition.ts";
import type { CheckEvent, TransitionResult } from "../core/types.ts";
import type { Changes } from "../live/changes.ts";
import type { CronCache } from "../core/cron-cache.ts";
import type { Check, Tx } from "../store/store.ts";
import { writeFlip } from "./flip-writer.ts";

export type Applied =
  /** the event changes nothing: nothing was written */
  | { readonly outcome: "unchanged"; readonly check: Check; readonly result: TransitionResult<Check> }
  /**
   * the new state (and a flip, when the status changed) is written; `flipId` is the row holding
   * the change, which may be an older row it was folded into (src/core/flip-coalesce.ts)
   */
  | { readonly outcome: "applied"; readonly check: Check; readonly result: TransitionResult<Check>; readonly flipId: number | null }
  /**
   * another writer changed the row after `check` was read (possible only when the caller read it
   * outside this transaction, as the scheduler's heap does): nothing was written
   */
  | { readonly outcome: "lost"; readonly check: Check; readonly result: TransitionResult<Check> };

/** A ping passes `nPings`, its number, which is stored with the state when the state changes. */
export function applyEvent(tx: Tx, crons: CronCache, check: Check, event: CheckEvent, now: number, changes: Changes, nPings?: number): Applied {
  const result = transition(check, event, now, crons.forCheck(check));
  if (result.check === check) return { outcome: "unchanged", check, result };
  if (!tx.saveStateIf(check.id, check, result.check, nPings)) return { outcome: "lost", check, result };
  // the flip and the uptime buckets of the segment it ends commit with the state
  const flipId = result.flip ? writeFlip(tx, check, result.flip, now) : null;
  const applied: Check = nPings === undefined ? result.check : { ...result.check, nPings };
  changes.state(applied);
  if (flipId !== null) changes.flipWritten();
  return { outcome: "applied", check: applied, result, flipId };
}
