// Local date-times as forms take them ("2026-03-29T02:30", an <input type="datetime-local">
// value) read in an IANA zone. Pure: the zone's offsets come from the runtime's tables.
import { wallToInstant } from "./cron.ts";
import { DAY_MS, daysFromCivil, daysInMonth, SECOND_MS, zoneRules } from "./cron-zone.ts";

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant a local date-time denotes in `tz`, or null when the text or the zone is not one.
 * A repeated (autumn) time is its first occurrence and a skipped (spring) one the end of the gap,
 * as cron schedules read them (SPEC §4).
 */
export function instantOfLocalTime(text: string, tz: string): number | null {
  const m = LOCAL.exec(text.trim());
  const zone = zoneRules(tz);
  if (!m || !zone) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (year < 1970 || year > 9000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  const wall = daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * SECOND_MS;
  return wallToInstant(zone, wall);
}
