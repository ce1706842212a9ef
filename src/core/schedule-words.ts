// Schedules and periods in words, for people (dashboard lists, check pages): "every 5 minutes",
// "every day at 03:00 Europe/Berlin", "every Monday–Friday at 08:30 UTC". The common shapes are
// described; anything else is shown as the expression itself, which is never wrong. Pure.
import { formatDuration } from "./format.ts";

const NICKNAMES: Readonly<Record<string, string>> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const DAY_NAMES: Readonly<Record<string, number>> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const NUMBER = /^\d{1,2}$/;
const EVERY_N = /^\*\/(\d{1,2})$/;

const UNITS: readonly [number, string][] = [
  [86_400, "day"],
  [3_600, "hour"],
  [60, "minute"],
  [1, "second"],
];

/** "5 minutes", "1 hour", "90 minutes": a whole number of the largest unit that divides it. */
export function durationWords(seconds: number): string {
  for (const [size, name] of UNITS) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${name}${n === 1 ? "" : "s"}`;
    }
  }
  return seconds === 0 ? "0 seconds" : formatDuration(seconds * 1000);
}

/** "every 5 minutes", "every day", "every 90 minutes": a simple check's period. */
export function periodWords(seconds: number): string {
  const words = durationWords(seconds);
  return `every ${words.startsWith("1 ") ? words.slice(2) : words}`;
}

/** A cron schedule in words, with its zone where a time of day is named. */
export function scheduleWords(expr: string, tz: string): string {
  const fields = fieldsOf(expr);
  const described = fields ? describe(fields, tz) : null;
  return described ?? `cron "${expr.trim()}" (${tz})`;
}

function fieldsOf(expr: string): string[] | null {
  const trimmed = expr.trim().toLowerCase();
  const fields = (NICKNAMES[trimmed] ?? trimmed).split(/\s+/);
  // a leading seconds field of 0 says nothing a person needs
  if (fields.length === 6 && fields[0] === "0") fields.shift();
  return fields.length === 5 ? fields : null;
}

function describe([minute, hour, dom, month, dow]: string[], tz: string): string | null {
  if (month !== "*") return null;
  const anyDay = dom === "*" && dow === "*";
  if (hour === "*" && anyDay) {
    if (minute === "*") return "every minute";
    const step = EVERY_N.exec(minute!);
    if (step) return Number(step[1]) === 1 ? "every minute" : `every ${Number(step[1])} minutes`;
    if (NUMBER.test(minute!)) return `every hour at minute ${Number(minute)}`;
    return null;
  }
  if (!NUMBER.test(minute!)) return null;
  const hourStep = EVERY_N.exec(hour!);
  if (hourStep && anyDay) return `every ${Number(hourStep[1])} hours at minute ${Number(minute)}`;
  const hours = listOf(hour!);
  if (!hours) return null;
  const at = `at ${hours.map((h) => `${pad(h)}:${pad(Number(minute))}`).join(", ")} ${tz}`;
  if (anyDay) return `every day ${at}`;
  if (dom === "*") {
    const days = weekdays(dow!);
    return days ? `every ${days} ${at}` : null;
  }
  if (dow === "*" && NUMBER.test(dom!)) return `on day ${Number(dom)} of every month ${at}`;
  return null;
}

/** "3" or "3,15": hours a person can read as times of day. */
function listOf(field: string): number[] | null {
  const parts = field.split(",");
  if (!parts.every((p) => NUMBER.test(p) && Number(p) <= 23)) return null;
  return parts.map(Number);
}

/** "1-5" → "Monday–Friday", "1,3" → "Monday, Wednesday", "sat,sun" → "Saturday, Sunday". */
function weekdays(field: string): string | null {
  const range = /^(\w+)-(\w+)$/.exec(field);
  if (range) {
    const from = dayNumber(range[1]!);
    const to = dayNumber(range[2]!);
    return from === null || to === null || from >= to ? null : `${DAYS[from]}–${DAYS[to]}`;
  }
  const days = field.split(",").map(dayNumber);
  if (days.some((d) => d === null)) return null;
  return days.map((d) => DAYS[d!]!).join(", ");
}

function dayNumber(s: string): number | null {
  if (/^[0-7]$/.test(s)) return Number(s) % 7;
  return DAY_NAMES[s] ?? null;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
