// Instants in HTML: a <time> element whose datetime is the exact ISO instant in the page's zone
// and whose text is what a person reads ("2026-01-15 12:00", "5 min ago").
import { formatInZone } from "../core/cron.ts";
import { html, type Html } from "./html.ts";

/** "2026-01-15 12:00" in `zone`. */
export function localDateTime(ms: number, zone: string): string {
  const iso = formatInZone(ms, zone);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** "2026-01-15": the calendar day of `ms` in `zone`. */
export function localDate(ms: number, zone: string): string {
  return formatInZone(ms, zone).slice(0, 10);
}

/** "+02:00": the zone's offset at `ms`. */
export function zoneOffset(ms: number, zone: string): string {
  return formatInZone(ms, zone).slice(19);
}

/** <time datetime="2026-01-15T12:00:00+02:00">2026-01-15 12:00</time> */
export function timeTag(ms: number, zone: string): Html {
  return html`<time datetime="${formatInZone(ms, zone)}">${localDateTime(ms, zone)}</time>`;
}

const UNITS: readonly [number, string][] = [
  [86_400_000, "d"],
  [3_600_000, "h"],
  [60_000, "min"],
  [1_000, "s"],
];

/** "5 min ago", "in 3 h", "just now": the largest whole unit, which is what a glance needs. */
export function relativeTime(ms: number, now: number): string {
  const delta = now - ms;
  const size = Math.abs(delta);
  if (size < 1_000) return "just now";
  const [unit, name] = UNITS.find(([u]) => size >= u) ?? UNITS[UNITS.length - 1]!;
  const n = Math.floor(size / unit);
  return delta >= 0 ? `${n} ${name} ago` : `in ${n} ${name}`;
}

/** A relative time whose tooltip and datetime give the exact instant. */
export function relativeTimeTag(ms: number, now: number, zone: string): Html {
  const exact = `${localDateTime(ms, zone)} (${zone})`;
  return html`<time datetime="${formatInZone(ms, zone)}" title="${exact}">${relativeTime(ms, now)}</time>`;
}
