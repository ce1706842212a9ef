// Instants as the API, logs and alerts print them (SPEC §0): ISO 8601 in UTC with `+00:00`,
// second precision. Pure.
import { formatInZone } from "./cron.ts";

export function iso(ms: number): string {
  return formatInZone(ms, "UTC");
}

export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}

/** ISO 8601 keeping milliseconds when there are any (ping dates). */
export function isoPrecise(ms: number): string {
  const base = iso(ms);
  const frac = ((ms % 1000) + 1000) % 1000;
  return frac === 0 ? base : base.replace(/\+00:00$/, `.${String(frac).padStart(3, "0")}+00:00`);
}

/** What an instant a person or client sends may look like: 2000-9999, offsets within ±14:00. */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;
const MIN_YEAR = 2000;
const MAX_OFFSET_MINUTES = 14 * 60;

/**
 * An ISO 8601 date-time with `Z` or a numeric offset, as ms since the epoch; null when it is not
 * a sensible instant. Every field is checked (no rolling over of "02-30" or "24:00", no year 0,
 * no offset that no zone has), so what is stored prints back as what was meant.
 */
export function parseIsoInstant(text: string): number | null {
  const m = ISO_INSTANT.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 2026-02-30 over into March: a day the month does not have is refused
  if (new Date(utc).getUTCDate() !== day) return null;
  const offsetMinutes = m[8] === "Z" ? 0 : (m[9] === "-" ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  if (Number(m[11]) > 59 || Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) return null;
  const fraction = m[7] === undefined ? 0 : Math.floor(Number(m[7]) * 1000);
  return utc - offsetMinutes * 60_000 + fraction;
}
