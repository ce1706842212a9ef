// The daily history bar: one inline SVG <rect> per day, coloured by class (status.css) and
// titled with the day's date, uptime, downtime and incidents, plus one accessible label for the
// whole bar. Each day is also told in words, so colour is never the only carrier.
import { formatDuration, formatPercent } from "../core/format.ts";
import { html, type Html } from "../web/html.ts";
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

/** "2026-01-15: 99.30% up, down 10 min, 1 incident" */
export function dayTitle(d: DayBar, zone: string): string {
  const date = localDate(d.start, zone);
  if (d.uptime === null) return `${date}: no data`;
  const parts = [`${formatPercent(d.uptime)} up`];
  parts.push(d.downtimeMs > 0 ? `down ${formatDuration(d.downtimeMs)}` : "no downtime");
  if (d.incidents > 0) parts.push(`${d.incidents} ${d.incidents === 1 ? "incident" : "incidents"}`);
  return `${date}: ${parts.join(", ")}`;
}

/** "Last 90 days of Backup: 87 days fully up, 2 with downtime, 1 without data" */
export function barsSummary(name: string, days: readonly DayBar[]): string {
  const levels = days.map(dayLevel);
  const ok = levels.filter((l) => l === "ok").length;
  const none = levels.filter((l) => l === "none").length;
  const down = days.length - ok - none;
  return `Last ${days.length} days of ${name}: ${ok} ${ok === 1 ? "day" : "days"} fully up, ${down} with downtime, ${none} without data`;
}

/** The bar as inline SVG; `id` must be unique in the page (it names the bar's label). */
export function historyBars(name: string, days: readonly DayBar[], zone: string, id: string): Html {
  const width = Math.max(1, days.length * BAR_STEP - (BAR_STEP - BAR_WIDTH));
  const rects = days.map(
    (d, i) =>
      html`<rect class="day day-${dayLevel(d)}" x="${i * BAR_STEP}" y="0" width="${BAR_WIDTH}" height="${BAR_HEIGHT}" rx="1"><title>${dayTitle(d, zone)}</title></rect>`,
  );
  return html`<svg class="bars" viewBox="0 0 ${width} ${BAR_HEIGHT}" preserveAspectRatio="none" role="img" aria-labelledby="${id}" focusable="false"><title id="${id}">${barsSummary(name, days)}</title>${rects}</svg>`;
}
