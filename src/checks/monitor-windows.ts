// StatusRooster's maintenance windows (`{day, start_utc, end_utc}`, SPEC §5.1) as Tocsin windows:
// a cron start in UTC with a duration, selecting the monitor's slug, named after the monitor so
// that its own windows can be found, replaced and shown again. Pure.
import type { MaintenanceWindow, WindowInput } from "../core/maintenance.ts";

/** Cron's day-of-week numbers, Sunday first. */
const WEEK = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
export const MONITOR_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "daily"] as const;
export type MonitorDay = (typeof MONITOR_DAYS)[number];

/** A monitor's window as StatusRooster writes it; times are "HH:MM" in UTC. */
export interface MonitorWindow {
  readonly day: MonitorDay;
  readonly start_utc: string;
  readonly end_utc: string;
}

export const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A monitor has a few windows; the bound keeps every window question small. */
export const MAX_MONITOR_WINDOWS = 20;
const DAY_MINUTES = 1440;

const prefix = (uuid: string): string => `monitor ${uuid}: `;

export function ownsWindow(uuid: string, w: Pick<MaintenanceWindow, "name">): boolean {
  return w.name.startsWith(prefix(uuid));
}

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/**
 * The Tocsin window of one monitor window; null when it lasts no time. An end before the start
 * runs past midnight (23:00-01:00 lasts two hours, into the next day).
 */
export function windowOfMonitor(uuid: string, slug: string, w: MonitorWindow): WindowInput | null {
  const start = minutes(w.start_utc);
  const length = (minutes(w.end_utc) - start + DAY_MINUTES) % DAY_MINUTES;
  if (length === 0) return null;
  const dow = w.day === "daily" ? "*" : String(WEEK.indexOf(w.day));
  return {
    name: `${prefix(uuid)}${w.day} ${w.start_utc}-${w.end_utc}`,
    start: null,
    end: null,
    cron: `${start % 60} ${Math.floor(start / 60)} * * ${dow}`,
    tz: "UTC",
    duration: length * 60,
    slugs: [slug],
    tags: [],
  };
}

/** A stored window written by windowOfMonitor, as the monitor shows it; null for any other. */
export function monitorWindowOf(w: Pick<MaintenanceWindow, "cron" | "tz" | "duration">): MonitorWindow | null {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* (\*|[0-6])$/.exec(w.cron ?? "");
  if (!m || w.tz !== "UTC" || w.duration === null || w.duration % 60 !== 0) return null;
  const start = Number(m[2]) * 60 + Number(m[1]);
  const end = (start + w.duration / 60) % DAY_MINUTES;
  const day: MonitorDay = m[3] === "*" ? "daily" : WEEK[Number(m[3])]!;
  return { day, start_utc: hhmm(start), end_utc: hhmm(end) };
}
