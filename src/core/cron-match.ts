// Wall-time matching for the cron evaluator: the first (or last) local calendar time that a
// compiled pattern allows, searched by whole months and days before times of day. "Wall ms" are
// local calendar fields read as if they were UTC; cron.ts maps them to instants in a zone.
import type { CronPattern } from "./cron-parse.ts";
import { civilFromDays, DAY_MS, daysInMonth, SECOND_MS, weekday } from "./cron-zone.ts";

/** Smallest matching wall time ≥ fromWall, or null if none ≤ limitWall. */
export function nextMatchingWall(p: CronPattern, fromWall: number, limitWall: number): number | null {
  let days = Math.floor(fromWall / DAY_MS);
  let secOfDay = Math.floor((fromWall - days * DAY_MS) / SECOND_MS);
  let { year, month, day } = civilFromDays(days);
  let monthLength = daysInMonth(year, month);
  const limitDays = Math.floor(limitWall / DAY_MS);
  while (days <= limitDays) {
    if (!p.months[month]) {
      // skip the rest of a month the pattern excludes
      days += monthLength - day + 1;
      day = monthLength + 1;
    } else {
      if (dayMatches(p, day, monthLength, weekday(days))) {
        const time = timeOfDayAtOrAfter(p, secOfDay);
        if (time >= 0) {
          const wall = days * DAY_MS + time * SECOND_MS;
          return wall <= limitWall ? wall : null;
        }
      }
      days += 1;
      day += 1;
    }
    secOfDay = 0;
    if (day > monthLength) {
      day = 1;
      month = month === 12 ? 1 : month + 1;
      if (month === 1) year += 1;
      monthLength = daysInMonth(year, month);
    }
  }
  return null;
}

/** Largest matching wall time ≤ fromWall, or null if none ≥ limitWall. The mirror of nextMatchingWall. */
export function prevMatchingWall(p: CronPattern, fromWall: number, limitWall: number): number | null {
  let days = Math.floor(fromWall / DAY_MS);
  let secOfDay = Math.floor((fromWall - days * DAY_MS) / SECOND_MS);
  let { year, month, day } = civilFromDays(days);
  let monthLength = daysInMonth(year, month);
  const limitDays = Math.floor(limitWall / DAY_MS);
  while (days >= limitDays) {
    if (!p.months[month]) {
      // skip back over the start of a month the pattern excludes
      days -= day;
      day = 0;
    } else {
      if (dayMatches(p, day, monthLength, weekday(days))) {
        const time = timeOfDayAtOrBefore(p, secOfDay);
        if (time >= 0) {
          const wall = days * DAY_MS + time * SECOND_MS;
          return wall >= limitWall ? wall : null;
        }
      }
      days -= 1;
      day -= 1;
    }
    secOfDay = 86_399;
    if (day < 1) {
      month = month === 1 ? 12 : month - 1;
      if (month === 12) year -= 1;
      monthLength = daysInMonth(year, month);
      day = monthLength;
    }
  }
  return null;
}

function dayMatches(p: CronPattern, day: number, monthLength: number, dow: number): boolean {
  const dom = p.domDays[day] === 1 ||
    (p.domLast && day === monthLength) ||
    (p.domLastWeekday && day === lastWeekday(day, monthLength, dow)) ||
    (p.domNearest.length > 0 && p.domNearest.some((n) => nearestWeekday(n, day, monthLength, dow) === day));
  if (p.dayAnd && !dom) return false;
  if (!p.dayAnd && dom) return true;
  return p.dowDays[dow] === 1 ||
    (p.dowLast[dow] === 1 && day + 7 > monthLength) ||
    (((p.dowNth[dow] ?? 0) >> Math.ceil(day / 7)) & 1) === 1;
}

/** Weekday (Mon–Fri) of day n's week in the month, given that `day` falls on `dow`. */
function weekdayOfDay(n: number, day: number, dow: number): number {
  return (((dow + n - day) % 7) + 7) % 7;
}

function lastWeekday(day: number, monthLength: number, dow: number): number {
  const last = weekdayOfDay(monthLength, day, dow);
  return last === 6 ? monthLength - 1 : last === 0 ? monthLength - 2 : monthLength;
}

/** Quartz `nW`: the weekday nearest day n, never leaving the month; months without day n skip. */
function nearestWeekday(n: number, day: number, monthLength: number, dow: number): number {
  if (n > monthLength) return -1;
  const w = weekdayOfDay(n, day, dow);
  if (w === 6) return n === 1 ? 3 : n - 1;
  if (w === 0) return n === monthLength ? n - 2 : n + 1;
  return n;
}

/** First matching second of the day ≥ secOfDay, or -1. */
function timeOfDayAtOrAfter(p: CronPattern, secOfDay: number): number {
  let h = Math.floor(secOfDay / 3600);
  let m = Math.floor(secOfDay / 60) % 60;
  let s = secOfDay % 60;
  for (;;) {
    const hour = p.nextHour[h] ?? -1;
    if (hour < 0) return -1;
    if (hour !== h) [h, m, s] = [hour, 0, 0];
    const minute = p.nextMinute[m] ?? -1;
    if (minute < 0) {
      [h, m, s] = [h + 1, 0, 0];
      continue;
    }
    if (minute !== m) [m, s] = [minute, 0];
    const second = p.nextSecond[s] ?? -1;
    if (second >= 0) return (h * 60 + m) * 60 + second;
    [m, s] = [m + 1, 0];
  }
}

/** Last matching second of the day ≤ secOfDay, or -1. */
function timeOfDayAtOrBefore(p: CronPattern, secOfDay: number): number {
  let h = Math.floor(secOfDay / 3600);
  let m = Math.floor(secOfDay / 60) % 60;
  let s = secOfDay % 60;
  for (;;) {
    const hour = h < 0 ? -1 : (p.prevHour[h] ?? -1);
    if (hour < 0) return -1;
    if (hour !== h) [h, m, s] = [hour, 59, 59];
    const minute = m < 0 ? -1 : (p.prevMinute[m] ?? -1);
    if (minute < 0) {
      [h, m, s] = [h - 1, 59, 59];
      continue;
    }
    if (minute !== m) [m, s] = [minute, 59];
    const second = s < 0 ? -1 : (p.prevSecond[s] ?? -1);
    if (second >= 0) return (h * 60 + m) * 60 + second;
    [m, s] = [m - 1, 59];
  }
}
