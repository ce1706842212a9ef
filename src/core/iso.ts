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
