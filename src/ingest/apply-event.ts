// Applies one event to a stored check: transition, conditional write and flip, in the caller's
// transaction. Pings, the API (pause/resume) and config reloads all go through here.
import type { Database } from "bun:sqlite";
import { transition } from "../core/transition.ts";
import type { CheckEvent, TransitionResult } from "../core/types.ts";
import type { CronCache } from "../scheduler/cron-cache.ts";
import { saveStateIf } from "../store/check-state.ts";
import type { Check } from "../store/checks.ts";
import { insertFlip } from "../store/flips.ts";

export interface Applied {
  readonly check: Check;
  readonly result: TransitionResult;
  /** id of the flip written, if the status changed */
  readonly flipId: number | null;
}

/** Must run inside a write transaction that read `check`, so the conditional update cannot lose. */
export function applyEvent(db: Database, crons: CronCache, check: Check, event: CheckEvent, now: number): Applied {
  const result = transition(check, event, now, crons.forCheck(check));
  if (result.check === check) return { check, result, flipId: null };
  if (!saveStateIf(db, check.id, check, result.check)) {
    // the caller holds the write lock and read the row in the same transaction
    throw new Error(`check ${check.uuid} changed under a write transaction`);
  }
  const flipId = result.flip ? insertFlip(db, check.id, result.flip) : null;
  return { check: { ...check, ...result.check }, result, flipId };
}
