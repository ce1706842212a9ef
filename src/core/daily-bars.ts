// Per-day history bars (SPEC §9): one entry per local day of the page's zone, summed from uptime
// buckets. Every UTC offset in use is a multiple of 15 minutes, so a local day is a whole number of
// buckets: 92 on a 23-hour spring day, 100 on a 25-hour autumn day, 94 or 98 where DST moves the
// clock by 30 minutes (Australia/Lord_Howe). Pure.
import { type OpenSegment, totalsByRange } from "./bucket-ranges.ts";
import { civilFromDays, DAY_MS, type ZoneRules, zoneRules } from "./cron-zone.ts";
import { RETENTION_DAYS, type UptimeBucket } from "./uptime-buckets.ts";
import { uptimePercent } from "./uptime.ts";

export interface DayBar {
  /** the local date, YYYY-MM-DD */
  readonly date: string;
  /** the instants the local day starts and ends, [start, end) */
  readonly start: number;
  readonly end: number;
  /** percent up of the monitored time, cut to 4 decimals; null when nothing was monitored */
  readonly uptime: number | null;
  readonly downtimeMs: number;
  readonly upMs: number;
  /** new, paused or in maintenance */
  readonly excludedMs: number;
}

/** More days than buckets are kept for would only show empty bars. */
export const MAX_BAR_DAYS = RETENTION_DAYS;

/**
 * `days` bars ending with the local day holding `now`, oldest first. An unknown zone is read as
 * UTC (zones are validated where users set them). `buckets` should cover the days asked for;
 * `open` is the segment not yet bucketed.
 */
export function dailyBars(buckets: readonly UptimeBucket[], open: OpenSegment | null, zone: string, days: number, now: number): DayBar[] {
  const rules = zoneRules(zone) ?? zoneRules("UTC");
  if (rules === null) throw new Error("the runtime knows no UTC zone");
  const count = Math.min(MAX_BAR_DAYS, Math.max(0, Math.floor(days)));
  if (count === 0) return [];
  const today = localDay(rules, now);
  const first = today - count + 1;
  const edges: number[] = [];
  for (let d = first; d <= today + 1; d++) edges.push(localDayStart(rules, d));
  return totalsByRange(buckets, open, edges, now).map((t, i) => ({
    date: isoDate(first + i),
    start: edges[i]!,
    end: edges[i + 1]!,
    uptime: uptimePercent(t),
    downtimeMs: t.down,
    upMs: t.up,
    excludedMs: t.excluded,
  }));
}

/** The local day number (days since 1970-01-01 on the zone's calendar) holding instant `ms`. */
export function localDay(zone: ZoneRules, ms: number): number {
  return Math.floor((ms + zone.offsetAt(ms)) / DAY_MS);
}

/**
 * The first instant of local day `day`: the instant whose wall time is its midnight, the first
 * one when midnight repeats (clocks set back at 00:00), and the end of the gap when midnight is
 * skipped (clocks set forward at 00:00, as in America/Havana). Assumes a zone changes its offset
 * at most once within a day of midnight, as real zones do.
 */
export function localDayStart(zone: ZoneRules, day: number): number {
  const midnight = day * DAY_MS;
  const before = midnight - zone.offsetAt(midnight - DAY_MS);
  const after = midnight - zone.offsetAt(midnight + DAY_MS);
  const valid = [before, after].filter((t) => t + zone.offsetAt(t) === midnight);
  if (valid.length > 0) return Math.min(...valid);
  const lo = Math.min(before, after);
  return zone.nextTransition(lo - 1, Math.max(before, after)) ?? before;
}

function isoDate(day: number): string {
  const { year, month, day: d } = civilFromDays(day);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
