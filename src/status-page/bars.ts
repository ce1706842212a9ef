// The daily history bar: one inline SVG <rect> per day, coloured by class (status.css) and
// titled with the day's date, uptime, downtime and incidents, plus one accessible label for the
// whole bar. Each day is also told in words, so colour is never the only carrier.
import { formatDuration, formatPercent } from "../core/format.ts";
import { escapeHtml, type Html, raw } from "../web/html.ts";
import { localDate } from "../web/format.ts";
import type { DayBar } from "../views/status-page-model.ts";

/** Viewbox units per day and the gap between days; the SVG stretches to its box. */
const BAR_WIDTH = 3;
const BAR_STEP = 4;
const BAR_HEIGHT = 24;

/** A day below this uptime is a major one (red); any downtime above it is minor (amber). */
const MAJOR_BELOW = 95;

export type DayLevel = "none" | "ok" | "minor" | "major";

export function dayLevel(d: DayBar): DayLevel {
  if (d.uptime === null) return "none";
  if (d.uptime >= 100 && d.downtimeMs <= 0 && d.incidents === 0) return "ok";
  return d.uptime >= MAJOR_BELOW ? "minor" : "major";
}

/** "2026-01-15: 99.30% up, down 10 min, 1 incident"; `date` formats the day's start (a page memoizes it). */
export function dayTitle(d: DayBar, zone: string, date: (ms: number) => string = (ms) => localDate(ms, zone)): string {
  return `${date(d.start)}: ${dayFacts(d)}`;
}

/** "99.30% up, down 10 min, 1 incident", or "no data". */
function dayFacts(d: DayBar): string {
  if (d.uptime === null) return NO_DATA;
  const parts = [`${formatPercent(d.uptime)} up`];
  parts.push(d.downtimeMs > 0 ? `down ${formatDuration(d.downtimeMs)}` : "no downtime");
  if (d.incidents > 0) parts.push(`${d.incidents} ${d.incidents === 1 ? "incident" : "incidents"}`);
  return parts.join(", ");
}

/** "Last 90 days of Backup: 87 days fully up, 2 with downtime, 1 without data" */
export function barsSummary(name: string, days: readonly DayBar[]): string {
  const levels = days.map(dayLevel);
  const ok = levels.filter((l) => l === "ok").length;
  const none = levels.filter((l) => l === "none").length;
  const down = days.length - ok - none;
  return `Last ${days.length} days of ${name}: ${ok} ${ok === 1 ? "day" : "days"} fully up, ${down} with downtime, ${none} without data`;
}

const NO_DATA = "no data";
const FULLY_UP = "100% up, no downtime";

/** Memoized per page: dates of the days every check shares, the words of days alike, and their rectangles. */
export interface BarWords {
  date(ms: number): string;
  facts(d: DayBar): string;
  /** day `i` of a bar as an SVG rectangle with its title */
  rect(i: number, d: DayBar): string;
}

export function barWords(zone: string): BarWords {
  const dates = new Map<number, string>();
  const facts = new Map<string, string>();
  // the rectangles of fully-up and no-data days, by position: the same for every check of a page
  const upRects: { start: number; rect: string }[] = [];
  const noneRects: { start: number; rect: string }[] = [];
  const words: BarWords = {
    date: (ms) => {
      let text = dates.get(ms);
      if (text === undefined) dates.set(ms, (text = localDate(ms, zone)));
      return text;
    },
    facts: (d) => {
      // most days of most checks are one of these two
      if (d.uptime === null) return NO_DATA;
      if (d.uptime === 100 && d.downtimeMs === 0 && d.incidents === 0) return FULLY_UP;
      const key = `${d.uptime}|${d.downtimeMs}|${d.incidents}`;
      let text = facts.get(key);
      if (text === undefined) facts.set(key, (text = dayFacts(d)));
      return text;
    },
    rect: (i, d) => {
      const text = words.facts(d);
      const shared = text === FULLY_UP ? upRects : text === NO_DATA ? noneRects : null;
      const known = shared?.[i];
      if (known !== undefined && known.start === d.start) return known.rect;
      // joined, not concatenated: one flat string, which every check of the page copies from
      const rect = ['<rect class="day day-', dayLevel(d), '" x="', String(i * BAR_STEP), `" width="${BAR_WIDTH}" height="${BAR_HEIGHT}"><title>`, words.date(d.start), ": ", text, "</title></rect>"].join("");
      if (shared) shared[i] = { start: d.start, rect };
      return rect;
    },
  };
  return words;
}

/**
 * The bar as inline SVG; `id` must be unique in the page (it names the bar's label). Built from
 * plain strings: a page of 200 checks has 18 000 of these rectangles, most of them alike. Titles
 * need no escaping (ISO dates, figures and fixed words); the check's name in the summary is escaped.
 */
export function historyBars(name: string, days: readonly DayBar[], zone: string, id: string, words: BarWords = barWords(zone)): Html {
  const width = Math.max(1, days.length * BAR_STEP - (BAR_STEP - BAR_WIDTH));
  const label = escapeHtml(id);
  const parts = [`<svg class="bars" viewBox="0 0 ${width} ${BAR_HEIGHT}" preserveAspectRatio="none" role="img" aria-labelledby="${label}" focusable="false"><title id="${label}">${escapeHtml(barsSummary(name, days))}</title>`];
  for (let i = 0; i < days.length; i++) parts.push(words.rect(i, days[i]!));
  parts.push("</svg>");
  // one join: a flat string, cheap to copy into the page (a chain of += would be walked each time)
  return raw(parts.join(""));
}
