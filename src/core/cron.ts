// Cron schedules (SPEC §4): parse once, then answer "when does it fire next?" in a time zone.
// Pure: never reads the clock; callers pass instants as UNIX epoch ms.
//
// Why not croner's nextRun: it ORs the day fields unless told otherwise (we need the Vixie rule per
// expression), its DST rule calls steps and seconds wildcards "interval jobs" (lists and ranges
// too, unless fixedTimeRule is "no-wildcard") where SPEC §4 (Vixie) looks only at whether minute or
// hour starts with `*`, its error messages name the wrong field, and it takes ~22 µs per call with
// a zone. This evaluator takes well under 1 µs.

import { nextMatchingWall, prevMatchingWall } from "./cron-match.ts";
import { type CronField, type CronPattern, parsePattern } from "./cron-parse.ts";
import { civilFromDays, DAY_MS, daysFromCivil, SECOND_MS, zoneRules, type ZoneRules } from "./cron-zone.ts";

export type { CronField } from "./cron-parse.ts";
export { canonicalTimeZone, isValidTimeZone } from "./cron-zone.ts";

export interface CronSchedule {
  readonly expr: string;
  readonly tz: string;
  /** compiled form; opaque to callers */
  readonly pattern: CronPattern;
  /** offset tables of tz; opaque to callers */
  readonly zone: ZoneRules;
}

/** Why an expression and zone were refused: the field it is about, and what is wrong with it. */
export interface CronError {
  readonly field: CronField | "expression" | "tz";
  /** one line, without the field's name ("61 is out of range 0-59", "unknown time zone: Mars") */
  readonly message: string;
}

export type CronParseResult =
  | { readonly ok: true; readonly cron: CronSchedule }
  | { readonly ok: false; readonly error: CronError };

// How far to look before answering "never" (a 30 February never comes). A date combined with a
// weekday repeats only with the 28-year calendar cycle, stretched to 40 years around a
// century that is not a leap year (2100), so 50 years covers every pattern that can fire.
const HORIZON_MS = 50 * 366 * DAY_MS;
// Outside these years Intl's calendar output gets unreliable (eras, 2-digit years); no schedule
// in a monitor needs them.
const MIN_MS = daysFromCivil(1000, 1, 1) * DAY_MS;
const MAX_MS = daysFromCivil(9000, 1, 1) * DAY_MS;

/** Validate and compile. Never throws: problems come back as `{ ok: false, error }`. */
export function parseCron(expr: string, tz: string): CronParseResult {
  const parsed = parsePattern(expr);
  if (!parsed.ok) return parsed;
  const zone = zoneRules(tz);
  if (!zone) return { ok: false, error: { field: "tz", message: `unknown time zone: ${String(tz)}` } };
  return { ok: true, cron: { expr, tz, pattern: parsed.pattern, zone } };
}

/** What is wrong, naming the field: "hour field: 25 is out of range 0-23", "unknown time zone: X". */
export function cronErrorDetail(e: CronError): string {
  switch (e.field) {
    case "expression":
    case "tz":
      return e.message;
    default:
      return `${e.field} field: ${e.message}`;
  }
}

/** The whole one-line error, as the CLI and the maintenance API print it. */
export function cronErrorText(e: CronError): string {
  return e.field === "tz" ? cronErrorDetail(e) : `invalid cron expression: ${cronErrorDetail(e)}`;
}

/** First fire instant strictly after `afterMs` (epoch ms), or null if none within 50 years. */
export function nextFire(cron: CronSchedule, afterMs: number): number | null {
  if (!(afterMs >= MIN_MS && afterMs <= MAX_MS)) return null;
  const limit = afterMs + HORIZON_MS;
  return cron.pattern.wallClock
    ? nextWallClockFire(cron.pattern, cron.zone, afterMs, limit)
    : nextAbsoluteFire(cron.pattern, cron.zone, afterMs, limit);
}

/**
 * The latest fire instant at or before `atMs`, or null if none within 50 years before it — or
 * none at or after `notBeforeMs` when that is given (a bound that keeps the search short).
 */
export function latestFireAtOrBefore(cron: CronSchedule, atMs: number, notBeforeMs = -Infinity): number | null {
  if (!(atMs >= MIN_MS && atMs <= MAX_MS)) return null;
  const floor = Math.ceil(Math.max(notBeforeMs, atMs - HORIZON_MS, MIN_MS) / SECOND_MS) * SECOND_MS;
  if (floor > atMs) return null;
  return cron.pattern.wallClock
    ? latestWallClockFire(cron.pattern, cron.zone, atMs, floor)
    : latestAbsoluteFire(cron.pattern, cron.zone, atMs, floor);
}

/** The next `count` fire instants strictly after afterMs (fewer if the schedule runs dry). */
export function nextFires(cron: CronSchedule, afterMs: number, count: number): number[] {
  const fires: number[] = [];
  let after = afterMs;
  const wanted = Math.floor(count);
  while (fires.length < wanted) {
    const next = nextFire(cron, after);
    if (next === null) break;
    fires.push(next);
    after = next;
  }
  return fires;
}

/** ISO 8601, second precision, numeric offset (never "Z"); an unknown zone is treated as UTC. */
export function formatInZone(ms: number, tz: string): string {
  const zone = zoneRules(tz);
  // Offsets with seconds (19th-century local mean time) are cut to whole minutes so that the
  // printed wall time and offset still denote exactly this instant.
  const offset = zone ? Math.trunc(zone.offsetAt(ms) / 60_000) * 60_000 : 0;
  const wall = Math.floor(ms / SECOND_MS) * SECOND_MS + offset;
  const days = Math.floor(wall / DAY_MS);
  const { year, month, day } = civilFromDays(days);
  const secs = (wall - days * DAY_MS) / SECOND_MS;
  const abs = Math.abs(offset) / 60_000;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(Math.floor(secs / 3600), 2)}:` +
    `${pad(Math.floor(secs / 60) % 60, 2)}:${pad(secs % 60, 2)}` +
    `${offset < 0 ? "-" : "+"}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/**
 * Wall-clock jobs (SPEC §4, Vixie): walk matching wall times; each maps to one instant — the first
 * occurrence when the autumn hour repeats, the end of the gap when spring skips it. That mapping
 * never decreases, so the first wall time from "now on the wall" that maps past afterMs wins;
 * gap times that collapse onto one instant fire once because the result must be strictly later.
 */
function nextWallClockFire(p: CronPattern, zone: ZoneRules, afterMs: number, limit: number): number | null {
  const limitWall = limit + zone.offsetAt(limit);
  const t = Math.floor(afterMs / SECOND_MS) * SECOND_MS;
  // In the second pass of a repeated hour every wall time up to the end of the repeat maps to the
  // first pass, before afterMs: start after them instead of trying them one by one.
  let wall = Math.max(t + zone.offsetAt(t), repeatEndWall(zone, t) ?? -Infinity);
  for (;;) {
    const match = nextMatchingWall(p, wall, limitWall);
    if (match === null) return null;
    const instant = wallToInstant(zone, match);
    if (instant > afterMs) return instant;
    wall = match + SECOND_MS;
  }
}

/**
 * The mirror image: the largest matching wall time that maps at or before atMs. Because the
 * mapping never decreases, that is the largest match at or below the largest wall time mapping
 * there — the wall time of atMs itself, or the end of the repeat when atMs is in its second pass.
 */
function latestWallClockFire(p: CronPattern, zone: ZoneRules, atMs: number, floor: number): number | null {
  const t = Math.floor(atMs / SECOND_MS) * SECOND_MS;
  const repeatEnd = repeatEndWall(zone, t);
  const top = repeatEnd === null ? t + zone.offsetAt(t) : repeatEnd - SECOND_MS;
  // every wall time mapping at or after floor lies at or after floor + the smaller nearby offset
  const bottom = floor + Math.min(zone.offsetAt(floor - DAY_MS), zone.offsetAt(floor));
  const match = prevMatchingWall(p, top, bottom);
  if (match === null) return null;
  const instant = wallToInstant(zone, match);
  return instant >= floor ? instant : null;
}

/** When t is in the second pass of a repeated (autumn) hour: the wall time just after the repeat. */
function repeatEndWall(zone: ZoneRules, t: number): number | null {
  const at = zone.prevTransition(t, t - DAY_MS);
  if (at === null) return null;
  const before = zone.offsetAt(at - SECOND_MS);
  const after = zone.offsetAt(at);
  return before > after && t < at + (before - after) ? at + before : null;
}

/**
 * Wildcard jobs: iterate in absolute time. Between two offset transitions wall = instant + offset
 * is a plain shift, so search each constant-offset stretch for its first matching wall time: a
 * skipped hour has no instants, a repeated hour is searched twice (once per offset).
 */
function nextAbsoluteFire(p: CronPattern, zone: ZoneRules, afterMs: number, limit: number): number | null {
  let from = Math.floor(afterMs / SECOND_MS) * SECOND_MS + SECOND_MS;
  while (from <= limit) {
    const offset = zone.offsetAt(from);
    const end = zone.nextTransition(from, limit) ?? limit + SECOND_MS; // exclusive
    const match = nextMatchingWall(p, from + offset, end - SECOND_MS + offset);
    if (match !== null) return match - offset;
    from = end;
  }
  return null;
}

/** The same backwards: the constant-offset stretches at or before atMs, latest first. */
function latestAbsoluteFire(p: CronPattern, zone: ZoneRules, atMs: number, floor: number): number | null {
  let to = Math.floor(atMs / SECOND_MS) * SECOND_MS; // inclusive
  while (to >= floor) {
    const offset = zone.offsetAt(to);
    const begin = zone.prevTransition(to, floor) ?? floor; // inclusive
    const match = prevMatchingWall(p, to + offset, begin + offset);
    if (match !== null) return match - offset;
    to = begin - SECOND_MS;
  }
  return null;
}

/** The instant a wall time denotes: earlier one if repeated, end of the gap if skipped. */
export function wallToInstant(zone: ZoneRules, wall: number): number {
  // Offsets either side of the wall time; a day away is beyond any offset and closer than any
  // two transitions.
  const before = zone.offsetAt(wall - DAY_MS);
  const after = zone.offsetAt(wall + DAY_MS);
  const early = wall - Math.max(before, after);
  const late = wall - Math.min(before, after);
  if (zone.offsetAt(early) === wall - early) return early;
  if (zone.offsetAt(late) === wall - late) return late;
  // In the gap: neither offset reaches this wall time, fire when the clocks have jumped.
  return zone.nextTransition(early, late) ?? late;
}
