// Words and figures people read about checks, shared by pages, feeds, badges and alert texts so
// that a check is never "late" in one place and "grace" in another. Pure: no clock; zones are
// arguments.
import { formatInZone } from "./cron.ts";
import { cronInWords } from "./cron-words.ts";
import type { DisplayStatus } from "./status.ts";
import type { CheckState } from "./types.ts";

/** "2 h 5 min", "3 d 4 h", "45 s", "5 min 3 s": days, hours and minutes, seconds only under an hour. */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const parts: string[] = [];
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (minutes) parts.push(`${minutes} min`);
  // seconds matter only while the figure is small (and "0 s" beats an empty string)
  if (parts.length === 0 || (days === 0 && hours === 0)) parts.push(`${total % 60} s`);
  return parts.join(" ");
}

/**
 * An uptime percentage for reading: cut (never rounded up) to two decimals, so any recorded
 * downtime shows below 100 % ("99.99%"), and whole numbers without decimals ("100%", "0%").
 * Null means nothing was monitored in the window: "no data".
 */
export function formatPercent(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return "no data";
  const clamped = Math.min(100, Math.max(0, percent));
  // the epsilon keeps 99.29 from flooring to 99.28 through binary floating point
  const cut = Math.floor(clamped * 100 + 1e-6) / 100;
  return Number.isInteger(cut) ? `${cut}%` : `${cut.toFixed(2)}%`;
}

/**
 * What a check is shown as. The display status, refined where it alone would mislead:
 * `waiting` — new again after a resume, but it ran before (never "waiting for first run");
 * `failing` — up or running, but its last runs failed below its failure threshold ("sick");
 * `overloaded` — up or running, but a push reporter's replica reports load above the check's
 *   thresholds (SPEC §5.2, "sick"): degraded on pages, never alerted;
 * `maintenance` — an active maintenance window selects it, so alerts are held.
 */
export type StatusWord = DisplayStatus | "waiting" | "failing" | "overloaded" | "maintenance";

/** The one table of status labels. */
export const STATUS_LABELS: Readonly<Record<StatusWord, string>> = {
  new: "waiting for first run",
  waiting: "waiting for next run",
  up: "up",
  started: "running",
  grace: "late",
  failing: "failing",
  overloaded: "overloaded",
  down: "down",
  paused: "paused",
  maintenance: "in maintenance",
};

export interface StatusFacts {
  readonly status: DisplayStatus;
  /** it reported at least one run (a success or failure) in its life */
  readonly ran: boolean;
  /** its failure streak is above zero but below the threshold that makes it down */
  readonly failing: boolean;
  /** a push reporter's replica reports load above the check's thresholds; absent = no */
  readonly overloaded?: boolean;
  /** an active maintenance window selects it */
  readonly inMaintenance: boolean;
}

/** The word for a check; maintenance wins because alerts (and so "down") are held inside it. */
export function statusWord(f: StatusFacts): StatusWord {
  if (f.inMaintenance) return "maintenance";
  switch (f.status) {
    case "new":
      return f.ran ? "waiting" : "new";
    case "up":
    case "started":
      if (f.failing) return "failing";
      return f.overloaded === true ? "overloaded" : f.status;
    case "grace":
    case "down":
    case "paused":
      return f.status;
    default: {
      const unreachable: never = f.status;
      throw new Error(`unknown display status ${String(unreachable)}`);
    }
  }
}

export function statusLabel(f: StatusFacts): string {
  return STATUS_LABELS[statusWord(f)];
}

/** A period a person set, in whole seconds, with its zero parts left out: "1 d 6 h", "10 min", "90 s" → "1 min 30 s". */
export function formatPeriod(seconds: number): string {
  const units: [number, string][] = [[86_400, "d"], [3_600, "h"], [60, "min"], [1, "s"]];
  let rest = Math.max(0, Math.round(seconds));
  const parts: string[] = [];
  for (const [size, unit] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n} ${unit}`);
  }
  return parts.length === 0 ? "0 s" : parts.join(" ");
}

/**
 * An instant in the check's zone and in UTC, as alerts write it: "2026-03-03 03:00 Europe/Berlin
 * (02:00 UTC)", the UTC date repeated only when it differs; "2026-03-03 02:00 UTC" in UTC.
 * Seconds are shown only when they are not :00.
 */
export function formatZonedTime(ms: number, tz: string): string {
  const utc = wallTime(formatInZone(ms, "UTC"));
  if (tz === "UTC") return `${utc.date} ${utc.time} UTC`;
  const local = wallTime(formatInZone(ms, tz));
  return `${local.date} ${local.time} ${tz} (${local.date === utc.date ? "" : `${utc.date} `}${utc.time} UTC)`;
}

function wallTime(isoText: string): { date: string; time: string } {
  const time = isoText.slice(11, 19);
  return { date: isoText.slice(0, 10), time: time.endsWith(":00") ? time.slice(0, 5) : time };
}

/**
 * How often a check is expected, in words: "every 1 h, 5 min grace" for a simple check;
 * "at 03:00 every day (0 3 * * *, Europe/Berlin), 10 min grace" for a cron check.
 */
export function formatSchedule(c: Pick<CheckState, "kind" | "timeout" | "schedule" | "tz" | "grace">): string {
  const grace = `${formatPeriod(c.grace)} grace`;
  switch (c.kind) {
    case "simple":
      return `every ${formatPeriod(c.timeout)}, ${grace}`;
    case "cron": {
      const words = cronInWords(c.schedule);
      return `${words === null ? "" : `${words} `}(${c.schedule}, ${c.tz}), ${grace}`;
    }
    case "reporter":
      return `as each replica reports, ${grace}`;
    default: {
      const unreachable: never = c.kind;
      throw new Error(`unknown check kind ${String(unreachable)}`);
    }
  }
}
