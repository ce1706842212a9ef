// Noise control (SPEC §8): what one channel should be told about one check, and when to look
// again. Pure: the notifier passes the stored facts and `now`.
//
// The model is convergence: a channel holds a belief about the check ("told", up or down) and
// the notifier sends a message when the check's current status differs from it, unless the
// check is muted or in maintenance (look again when that ends) or the channel got a message for
// this check less than a minute ago (look again at the end of that minute; what is sent then is
// a summary of the minute, and nothing at all when the state came back to what was last said).
// While down and already told so, reminders repeat every `reminder_interval`.
//
// Silent flips (pause, resume, ok, new→up) change a check without telling anyone, so after one
// the channel's belief is reset to "up": the next down is news even though the last message
// said "down" too.
import { type MaintainedCheck, maintenanceEndsAt, type MaintenanceWindow, type WorkMeter } from "./maintenance.ts";
import { isMuted } from "./mute.ts";
import type { CheckStatus } from "./types.ts";

export type AlertStatus = "down" | "up";

/** Flapping damping: at most one message per check and channel per minute. */
export const DAMPING_MS = 60_000;
/** reminder_interval below this is raised to it (SPEC §8: ≥ 300 s). */
export const MIN_REMINDER_MS = 300_000;

export interface Told {
  /** what the channel was last told (null: nothing yet, taken as up) */
  readonly status: AlertStatus | null;
  /** when the last message was decided */
  readonly at: number | null;
}

export interface NoiseInput {
  readonly now: number;
  readonly status: CheckStatus;
  readonly told: Told;
  /** a silent flip happened after the flips the told state accounts for */
  readonly silentSinceTold: boolean;
  /** non-silent flips after the flips the told state accounts for */
  readonly changesSinceTold: number;
  /** alerts are held until this instant (mute or maintenance); null when not held at `now` */
  readonly heldUntil: number | null;
  /** reminder interval in ms; null when off */
  readonly reminderMs: number | null;
}

export type NoiseDecision =
  /** tell the channel `message` now; `told` becomes it, at `now` */
  | { readonly type: "send"; readonly message: AlertStatus; readonly reminder: boolean; readonly changes: number; readonly nextEvalAt: number | null }
  /** nothing to say now; look again at `until` (the told state is unchanged) */
  | { readonly type: "wait"; readonly until: number }
  /** nothing to say; the told state becomes `believed` (changes folded away) */
  | { readonly type: "quiet"; readonly believed: AlertStatus; readonly nextEvalAt: number | null };

/** What the channel believes after the changes it was not told of. */
export function believedStatus(told: Told, silentSinceTold: boolean): AlertStatus {
  return silentSinceTold || told.status === null ? "up" : told.status;
}

/** The status worth telling for a stored status: new and paused checks have nothing to say. */
export function alertStatusOf(status: CheckStatus): AlertStatus | null {
  switch (status) {
    case "down":
      return "down";
    case "up":
      return "up";
    case "new":
    case "paused":
      return null;
    default: {
      const unreachable: never = status;
      throw new Error(`unknown check status ${String(unreachable)}`);
    }
  }
}

export function decide(input: NoiseInput): NoiseDecision {
  const { now, told } = input;
  const believed = believedStatus(told, input.silentSinceTold);
  const target = alertStatusOf(input.status);
  const reminderMs = input.reminderMs === null ? null : Math.max(MIN_REMINDER_MS, input.reminderMs);
  if (target === null || target === believed) {
    // Nothing new. A down check the channel already knows about may be due a reminder; the
    // reminder counts from the last message, so a belief reset by a silent flip gets none.
    const remindable = target === "down" && !input.silentSinceTold && told.status === "down" && told.at !== null && reminderMs !== null;
    if (!remindable) return { type: "quiet", believed, nextEvalAt: null };
    const due = told.at + reminderMs;
    if (now < due) return { type: "wait", until: due };
    if (input.heldUntil !== null) return { type: "wait", until: input.heldUntil };
    return { type: "send", message: "down", reminder: true, changes: 0, nextEvalAt: now + reminderMs };
  }
  if (input.heldUntil !== null) return { type: "wait", until: input.heldUntil };
  if (told.at !== null && now < told.at + DAMPING_MS) return { type: "wait", until: told.at + DAMPING_MS };
  return {
    type: "send",
    message: target,
    reminder: false,
    // a summary of a damped minute says how much flapping it folds; an alert after a long
    // silence (or a hold) is just an alert
    changes: told.at !== null && now - told.at < 2 * DAMPING_MS ? Math.max(1, input.changesSinceTold) : 1,
    nextEvalAt: target === "down" && reminderMs !== null ? now + reminderMs : null,
  };
}

/** How often a held alert of a muted check is looked at again: the ping path can end a mute early. */
export const MUTE_RECHECK_MS = 60_000;

/**
 * Until when alerts for the check are held at `now` (SPEC §4 muting, §8 maintenance), or null.
 * A mute and the windows that follow it are chained (a mute starts only by an API call, so none
 * can follow a window). A mute may end early (`/pause/0`), so while muted the answer is at most
 * MUTE_RECHECK_MS ahead: the notifier looks again then. A chain of windows too long to follow
 * (maintenanceStretch's bound) answers how far it was followed, and is looked at again then.
 */
export function heldUntil(check: MaintainedCheck & { readonly mutedUntil: number | null }, windows: readonly MaintenanceWindow[], now: number, meter?: WorkMeter): number | null {
  const muted = isMuted(check, now);
  const from = muted ? (check.mutedUntil ?? now) : now;
  const until = maintenanceEndsAt(windows, check, from, meter) ?? from;
  if (until <= now) return null;
  return muted ? Math.min(until, now + MUTE_RECHECK_MS) : until;
}

/**
 * Delivery attempts per message (SPEC §8): at 0, 10 s, 1 min, 5 min, 15 min and 30 min after the
 * first — quick retries for a receiver that blinked, then a slow tail for one that is down.
 */
const ATTEMPT_OFFSETS_MS = [0, 10_000, 60_000, 300_000, 900_000, 1_800_000] as const;
export const MAX_ATTEMPTS = ATTEMPT_OFFSETS_MS.length;

/**
 * Delay from the start of attempt `attemptsMade` to the next one, or null when none is left. Each
 * gap is jittered ±20 % so that many failing channels do not retry in lockstep; as every gap is
 * within 20 % of its share, so is each attempt's time since the first. `random` is in [0, 1).
 */
export function retryDelayMs(attemptsMade: number, random: number): number | null {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 1 || attemptsMade >= MAX_ATTEMPTS) return null;
  const gap = ATTEMPT_OFFSETS_MS[attemptsMade]! - ATTEMPT_OFFSETS_MS[attemptsMade - 1]!;
  return Math.round(gap * (0.8 + 0.4 * random));
}
