// Muting (SPEC §4, Cronitor `/pause/<hours>`): alerts are held while muted; the state machine keeps
// running, so transitions never touch `mutedUntil`.
import type { CheckState } from "./types.ts";

const HOUR = 3_600_000;

/** Cronitor's upper bound for `/pause/<hours>`: about 11 years. */
export const MAX_MUTE_HOURS = 100_000;

export type MuteResult =
  | { readonly ok: true; readonly check: CheckState }
  | { readonly ok: false; readonly error: string };

/** Mutes the check for `hours` from `now`; 0 unmutes. */
export function mute(check: CheckState, hours: number, now: number): MuteResult {
  if (!Number.isInteger(hours) || hours < 0 || hours > MAX_MUTE_HOURS) {
    return { ok: false, error: `hours must be an integer from 0 to ${MAX_MUTE_HOURS}` };
  }
  const mutedUntil = hours === 0 ? null : now + hours * HOUR;
  return { ok: true, check: { ...check, mutedUntil } };
}

/** Whether alerts for the check are held at `now`; the mute ends at `mutedUntil` itself. */
export function isMuted(check: Pick<CheckState, "mutedUntil">, now: number): boolean {
  return check.mutedUntil !== null && now < check.mutedUntil;
}
