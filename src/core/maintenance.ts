// Maintenance windows (SPEC §3, §8): when alerts are held, and which time does not count against
// uptime. Pure: instants are passed in, cron schedules are evaluated with the core's cron. Every
// question is bounded in work whatever the windows look like (SPEC §11): see maintenance-cover.ts.
import { type Interval, mergeIntervals } from "./interval.ts";
import { cronErrorText, parseCron } from "./cron.ts";
import {
  chainEnd, type ChainEnd, compileWindow, type Cover, occurrenceCovering, occurrenceFrom, windowCover, workMeter, type WorkMeter,
} from "./maintenance-cover.ts";

export { type ChainEnd, type Cover, workMeter, type WorkMeter } from "./maintenance-cover.ts";

/** A window as given by a user (API or config file), instants already in epoch ms. */
export interface WindowInput {
  readonly name: string;
  /** one-off window [start, end) — both null for a cron window */
  readonly start: number | null;
  readonly end: number | null;
  /** cron window: every fire of `cron` in `tz` opens a window of `duration` seconds */
  readonly cron: string | null;
  readonly tz: string;
  readonly duration: number | null;
  /** checks selected by slug ("*" selects every check) or by any of their tags */
  readonly slugs: readonly string[];
  readonly tags: readonly string[];
}

export interface MaintenanceWindow extends WindowInput {
  readonly id: string;
}

/** The fields of a check a window selects on; `tags` is the space-separated tag string. */
export interface MaintainedCheck {
  readonly slug: string;
  readonly tags: string;
}

/** Evaluator calls one "is it held, and until when" question may make (~1 ms): past them the
 *  answer is "held until at least", and the notifier looks again then. */
export const HOLD_CALLS = 1_000;
/** How far ahead a held stretch is followed; a longer chain is looked at again when this is up. */
export const HOLD_HORIZON_MS = 7 * 86_400_000;
/** Evaluator calls one range question may make (~10 ms): 90 days of an hourly window is ~2 200. */
export const RANGE_CALLS = 10_000;

export function selectsCheck(w: Pick<MaintenanceWindow, "slugs" | "tags">, check: MaintainedCheck): boolean {
  if (w.slugs.includes("*")) return true;
  if (check.slug !== "" && w.slugs.includes(check.slug)) return true;
  const tags = check.tags.split(/\s+/).filter((t) => t !== "");
  return tags.some((t) => w.tags.includes(t));
}

/**
 * The maintenance intervals of `check` overlapping [start, end), clipped to it, merged and
 * sorted, exact over [start, until). `until` is `end` unless the work bound cut the search short
 * (windows that open every few seconds over months); ask again from `until` for the rest.
 */
export function maintenanceCoverage(windows: readonly MaintenanceWindow[], check: MaintainedCheck, start: number, end: number, meter = workMeter(RANGE_CALLS)): Cover {
  let until = end;
  const found: Interval[] = [];
  for (const w of windows) {
    if (!selectsCheck(w, check)) continue;
    const cover = windowCover(compileWindow(w), start, end, meter);
    until = Math.min(until, cover.until);
    found.push(...cover.intervals);
  }
  const clipped = found.map((i) => ({ start: Math.max(i.start, start), end: Math.min(i.end, until) })).filter((i) => i.start < i.end);
  return { intervals: mergeIntervals(clipped), until };
}

/** maintenanceCoverage's intervals: what uptime excludes. Past a cut-off `until` nothing is listed. */
export function maintenanceIntervals(windows: readonly MaintenanceWindow[], check: MaintainedCheck, start: number, end: number, meter?: WorkMeter): Interval[] {
  return maintenanceCoverage(windows, check, start, end, meter).intervals;
}

/** One window's stretches (overlapping or touching occurrences merged) overlapping [start, end), unclipped. */
export function windowOccurrences(w: MaintenanceWindow, start: number, end: number, meter = workMeter(RANGE_CALLS)): Interval[] {
  return windowCover(compileWindow(w), start, end, meter).intervals;
}

/**
 * If `t` is inside a maintenance interval of `check`: until when, following windows that overlap
 * or touch (of the same window or others). `open` when the chain goes on past `end` as far as
 * the work bound or HOLD_HORIZON_MS looked: then it is held until at least `end`.
 */
export function maintenanceStretch(windows: readonly MaintenanceWindow[], check: MaintainedCheck, t: number, meter = workMeter(HOLD_CALLS)): ChainEnd | null {
  const compiled = windows.filter((w) => selectsCheck(w, check)).map(compileWindow);
  const horizon = t + HOLD_HORIZON_MS;
  let end = t;
  // Each round moves `end` to the furthest chain end of the windows covering it. Rounds end:
  // a one-off window covers `end` in one round at most, and every cron lookup counts on the meter.
  for (;;) {
    let next = end;
    for (const w of compiled) {
      const occ = occurrenceCovering(w, end, meter);
      if (occ !== null) next = Math.max(next, chainEnd(w, occ, horizon, meter).end);
    }
    if (next === end) return end > t ? { end, open: false } : null;
    end = next;
    if (end >= horizon || meter.calls >= meter.limit) return { end, open: true };
  }
}

/** maintenanceStretch's end: alerts wait until then (and look again then when it was open). */
export function maintenanceEndsAt(windows: readonly MaintenanceWindow[], check: MaintainedCheck, t: number, meter?: WorkMeter): number | null {
  return maintenanceStretch(windows, check, t, meter)?.end ?? null;
}

/** The occurrence of `w` covering instant `t` (the latest-opened one for cron windows), or null. */
export function occurrenceAt(w: MaintenanceWindow, t: number, meter = workMeter(HOLD_CALLS)): Interval | null {
  return occurrenceCovering(compileWindow(w), t, meter);
}

/** Whether the window is in force at `now`. */
export function activeAt(w: MaintenanceWindow, now: number, meter?: WorkMeter): boolean {
  return occurrenceAt(w, now, meter) !== null;
}

/** The occurrence in force at `now`, else the next one to open, or null when none will. */
export function nextOccurrence(w: MaintenanceWindow, now: number, meter = workMeter(HOLD_CALLS)): Interval | null {
  const compiled = compileWindow(w);
  return occurrenceCovering(compiled, now, meter) ?? occurrenceFrom(compiled, now + 1, meter);
}

/** The occurrence in force at `now` (if any) and the next ones to open: at most `count`, as a list shows them. */
export function upcomingOccurrences(w: MaintenanceWindow, now: number, count: number, meter = workMeter(HOLD_CALLS)): Interval[] {
  const compiled = compileWindow(w);
  const out: Interval[] = [];
  let next = occurrenceCovering(compiled, now, meter) ?? occurrenceFrom(compiled, now + 1, meter);
  while (next !== null && out.length < count) {
    out.push(next);
    // fires are whole seconds: the next one opens strictly after this one did
    next = occurrenceFrom(compiled, next.start + 1, meter);
  }
  return out;
}

/** A refusal names the field it is about (`start`, `end`, `cron`, `tz`, `duration`, `slugs`), so a form can show it there. */
export type WindowValidation = { readonly ok: true; readonly window: WindowInput } | { readonly ok: false; readonly error: string; readonly field: keyof WindowInput };

/** Longest window: 30 days for cron windows (they repeat), 400 days for one-off ones. */
const MAX_CRON_DURATION_S = 30 * 86_400;
const MAX_ONE_OFF_MS = 400 * 86_400_000;

const refused = (field: keyof WindowInput, error: string): WindowValidation => ({ ok: false, error, field });

/** Checks that the input is exactly one of the two shapes and selects something. Errors name the field. */
export function validateWindow(w: WindowInput): WindowValidation {
  const oneOff = w.start !== null || w.end !== null;
  if (w.cron !== null) {
    if (oneOff) return refused(w.start !== null ? "start" : "end", "start/end and cron exclude each other");
    if (w.duration === null) return refused("duration", "duration is required with cron");
    if (!Number.isInteger(w.duration) || w.duration < 1 || w.duration > MAX_CRON_DURATION_S) return refused("duration", `duration must be 1-${MAX_CRON_DURATION_S} seconds`);
    const parsed = parseCron(w.cron, w.tz);
    if (!parsed.ok) {
      const field = parsed.error.field === "tz" ? "tz" : "cron";
      return refused(field, `${field}: ${cronErrorText(parsed.error)}`);
    }
  } else {
    if (w.start === null || w.end === null) return refused(w.start === null ? "start" : "end", "either start and end, or cron and duration, are required");
    if (w.duration !== null) return refused("duration", "duration goes with cron; a one-off window has start and end");
    if (w.end <= w.start) return refused("end", "end must be after start");
    if (w.end - w.start > MAX_ONE_OFF_MS) return refused("end", "a one-off window may last at most 400 days");
  }
  if (w.slugs.length === 0 && w.tags.length === 0) return refused("slugs", 'slugs or tags must select some checks ("*" in slugs selects all)');
  return { ok: true, window: w };
}
