// Maintenance windows (SPEC §3, §8): when alerts are held, and which time does not count against
// uptime. Pure: instants are passed in, cron schedules are evaluated with the core's cron.
import { type CronSchedule, cronErrorText, nextFire, parseCron } from "./cron.ts";

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

/** [start, end) in epoch ms */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** The fields of a check a window selects on; `tags` is the space-separated tag string. */
export interface MaintainedCheck {
  readonly slug: string;
  readonly tags: string;
}

/** Cron windows opening more often than this over a range are cut off (a guard, not a feature). */
const MAX_OCCURRENCES = 100_000;

export function selectsCheck(w: Pick<MaintenanceWindow, "slugs" | "tags">, check: MaintainedCheck): boolean {
  if (w.slugs.includes("*")) return true;
  if (check.slug !== "" && w.slugs.includes(check.slug)) return true;
  const tags = check.tags.split(/\s+/).filter((t) => t !== "");
  return tags.some((t) => w.tags.includes(t));
}

/**
 * The maintenance intervals of `check` overlapping [start, end), clipped to it, merged and sorted.
 * Uptime computation excludes these; the notifier holds alerts inside them.
 */
export function maintenanceIntervals(windows: readonly MaintenanceWindow[], check: MaintainedCheck, start: number, end: number): Interval[] {
  const found: Interval[] = [];
  for (const w of windows) {
    if (!selectsCheck(w, check)) continue;
    for (const i of windowOccurrences(w, start, end)) {
      const s = Math.max(i.start, start);
      const e = Math.min(i.end, end);
      if (s < e) found.push({ start: s, end: e });
    }
  }
  return mergeIntervals(found);
}

/** Raw occurrences of one window overlapping [start, end), unclipped. */
export function windowOccurrences(w: MaintenanceWindow, start: number, end: number): Interval[] {
  if (w.cron === null) {
    if (w.start === null || w.end === null) return [];
    return w.start < end && w.end > start ? [{ start: w.start, end: w.end }] : [];
  }
  const cron = compile(w);
  if (cron === null || w.duration === null || w.duration <= 0) return [];
  const length = w.duration * 1000;
  const out: Interval[] = [];
  // an occurrence that opened up to `length` before `start` still covers it
  let at = nextFire(cron, start - length);
  while (at !== null && at < end && out.length < MAX_OCCURRENCES) {
    out.push({ start: at, end: at + length });
    at = nextFire(cron, at);
  }
  return out;
}

/**
 * If `now` is inside a maintenance interval of `check`, the instant that interval ends (windows
 * that overlap or touch are followed through); otherwise null.
 */
export function maintenanceEndsAt(windows: readonly MaintenanceWindow[], check: MaintainedCheck, now: number): number | null {
  const selected = windows.filter((w) => selectsCheck(w, check));
  let t = now;
  // each round moves t to the end of a window covering it; the bound stops endless back-to-back chains
  for (let round = 0; round < 1_000; round++) {
    let end = t;
    for (const w of selected) {
      const o = occurrenceAt(w, t);
      if (o !== null && o.end > end) end = o.end;
    }
    if (end === t) break;
    t = end;
  }
  return t > now ? t : null;
}

/** The occurrence of `w` covering instant `t` (the latest-ending one for cron windows), or null. */
export function occurrenceAt(w: MaintenanceWindow, t: number): Interval | null {
  if (w.cron === null) return w.start !== null && w.end !== null && w.start <= t && t < w.end ? { start: w.start, end: w.end } : null;
  const cron = compile(w);
  if (cron === null || w.duration === null || w.duration <= 0) return null;
  const length = w.duration * 1000;
  // the latest fire at or before t: fires after t - length are the candidates, take the last one ≤ t
  let latest: number | null = null;
  for (let at = nextFire(cron, t - length); at !== null && at <= t; at = nextFire(cron, at)) latest = at;
  return latest === null ? null : { start: latest, end: latest + length };
}

/** Whether the window is in force at `now`. */
export function activeAt(w: MaintenanceWindow, now: number): boolean {
  return occurrenceAt(w, now) !== null;
}

/** The occurrence in force at `now`, else the next one to open, or null when none will. */
export function nextOccurrence(w: MaintenanceWindow, now: number): Interval | null {
  const current = occurrenceAt(w, now);
  if (current !== null) return current;
  if (w.cron === null) return w.start !== null && w.end !== null && w.start > now ? { start: w.start, end: w.end } : null;
  const cron = compile(w);
  const at = cron === null || w.duration === null ? null : nextFire(cron, now);
  return at === null || w.duration === null ? null : { start: at, end: at + w.duration * 1000 };
}

export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last !== undefined && i.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, i.end) };
    else out.push(i);
  }
  return out;
}

function compile(w: MaintenanceWindow): CronSchedule | null {
  if (w.cron === null) return null;
  const parsed = parseCron(w.cron, w.tz);
  return parsed.ok ? parsed.cron : null;
}

export type WindowValidation = { readonly ok: true; readonly window: WindowInput } | { readonly ok: false; readonly error: string };

/** Longest window: 30 days for cron windows (they repeat), 400 days for one-off ones. */
const MAX_CRON_DURATION_S = 30 * 86_400;
const MAX_ONE_OFF_MS = 400 * 86_400_000;

/** Checks that the input is exactly one of the two shapes and selects something. Errors name the field. */
export function validateWindow(w: WindowInput): WindowValidation {
  const oneOff = w.start !== null || w.end !== null;
  if (w.cron !== null) {
    if (oneOff) return { ok: false, error: "start/end and cron exclude each other" };
    if (w.duration === null) return { ok: false, error: "duration is required with cron" };
    if (!Number.isInteger(w.duration) || w.duration < 1 || w.duration > MAX_CRON_DURATION_S) return { ok: false, error: `duration must be 1-${MAX_CRON_DURATION_S} seconds` };
    const parsed = parseCron(w.cron, w.tz);
    if (!parsed.ok) return { ok: false, error: `${parsed.error.field === "tz" ? "tz" : "cron"}: ${cronErrorText(parsed.error)}` };
  } else {
    if (w.start === null || w.end === null) return { ok: false, error: "either start and end, or cron and duration, are required" };
    if (w.duration !== null) return { ok: false, error: "duration goes with cron; a one-off window has start and end" };
    if (w.end <= w.start) return { ok: false, error: "end must be after start" };
    if (w.end - w.start > MAX_ONE_OFF_MS) return { ok: false, error: "a one-off window may last at most 400 days" };
  }
  if (w.slugs.length === 0 && w.tags.length === 0) return { ok: false, error: 'slugs or tags must select some checks ("*" in slugs selects all)' };
  return { ok: true, window: w };
}
