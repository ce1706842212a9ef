// How a check reads in a terminal: its schedule or period, in words too, and when the next ping
// is expected. Cron schedules are evaluated here with the core's evaluator, in the check's zone,
// so the answer is the same whichever server (Tocsin or Healthchecks) holds the check.
import cronstrue from "cronstrue";
import { nextFire, nextFires, parseCron } from "../../core/cron.ts";
import { durationInWords, formatDuration } from "../../core/duration.ts";
import { isCron, type RemoteCheck } from "./check-json.ts";

/** "0 3 * * * Europe/Riga" or "every 1d". */
export function scheduleText(c: RemoteCheck): string {
  if (isCron(c)) return `${c.schedule ?? "?"}${c.tz && c.tz !== "UTC" ? ` ${c.tz}` : ""}`;
  return c.timeout === undefined ? "-" : `every ${formatDuration(c.timeout)}`;
}

/** "At 03:00, Monday through Friday" or "every 1 day". */
export function scheduleInWords(c: RemoteCheck): string {
  if (!isCron(c)) return c.timeout === undefined ? "" : `every ${durationInWords(c.timeout)}`;
  try {
    return cronstrue.toString(c.schedule ?? "", { use24HourTimeFormat: true, verbose: false });
  } catch {
    // an expression the describer does not know (the server accepted it): the fire times still show it
    return "(see the fire times)";
  }
}

/**
 * When the next ping is due: the server's `next_ping` when it says; otherwise, for a cron check
 * that is not paused or down, the first fire after its last ping (or now), and for a simple
 * check its last ping plus the period. Null when nothing is expected or it cannot be known.
 */
export function nextExpected(c: RemoteCheck, now: number): number | null {
  if (c.status === "paused" || c.status === "down") return null;
  const given = c.next_ping ? Date.parse(c.next_ping) : Number.NaN;
  if (!Number.isNaN(given)) return given;
  const last = c.last_ping ? Date.parse(c.last_ping) : Number.NaN;
  if (isCron(c)) {
    const cron = parseCron(c.schedule ?? "", c.tz ?? "UTC");
    return cron.ok ? nextFire(cron.cron, Number.isNaN(last) ? now : last) : null;
  }
  return Number.isNaN(last) || c.timeout === undefined ? null : last + c.timeout * 1000;
}

/** The next `count` fire times after `now` of a cron check; [] for a simple one. */
export function upcomingFires(c: RemoteCheck, now: number, count: number): number[] {
  if (!isCron(c)) return [];
  const cron = parseCron(c.schedule ?? "", c.tz ?? "UTC");
  return cron.ok ? nextFires(cron.cron, now, count) : [];
}

/** "in 5m", "3h ago", "now". */
export function relativeTime(ms: number, now: number): string {
  const seconds = Math.round((ms - now) / 1000);
  if (seconds === 0) return "now";
  const span = shortSpan(Math.abs(seconds));
  return seconds > 0 ? `in ${span}` : `${span} ago`;
}

/** The largest unit only, so a row stays short: "42s", "5m", "3h", "12d". */
export function shortSpan(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}

/** "2026-01-15 12:00:00Z": absolute and still short. */
export function absoluteTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")}Z`;
}

/** A server timestamp as epoch ms, or null. */
export function instantOf(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}
