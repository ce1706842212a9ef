// Server-rendered SVG for the check page: durations of recent runs and uptime per day. Colours come
// from classes in dashboard.css (no style attributes under the page's CSP); every bar has a
// <title> and every chart a text alternative, so the figures are readable without the picture.
import { formatDuration, formatPercent } from "../core/format.ts";
import type { DayUptime, PingEntry } from "../views/dashboard-check.ts";
import { html, type Html } from "../web/html.ts";
import { localDateTime } from "../web/format.ts";

/** "0.25 s", "12.5 s", "3 min 5 s": runs are often shorter than the second formatDuration rounds to. */
export function runDuration(seconds: number): string {
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1)} s`;
  return formatDuration(seconds * 1000);
}

const WIDTH = 600;
const HEIGHT = 120;
const RUNS = 50;

/** Runs (successes and failures with a duration), oldest first, as bars scaled to the longest. */
export function durationChart(pings: readonly PingEntry[], zone: string): Html {
  const runs = pings.filter((p) => p.duration !== null && (p.kind === "success" || p.kind === "fail")).slice(0, RUNS).reverse();
  if (runs.length === 0) return html`<p class="empty">No timed runs yet: send a start ping before the job (or <code>tocsin run</code>) to see durations.</p>`;
  const longest = Math.max(...runs.map((r) => r.duration!), 0.001);
  const slot = WIDTH / RUNS;
  const bars = runs.map((r, i) => {
    const h = Math.max(1, Math.round((r.duration! / longest) * (HEIGHT - 10)));
    const label = `#${r.n} ${r.kind} · ${runDuration(r.duration!)} · ${localDateTime(r.at, zone)}`;
    return html`<rect class="bar bar-${r.kind}" x="${(i * slot + 1).toFixed(1)}" y="${HEIGHT - h}" width="${(slot - 2).toFixed(1)}" height="${h}"><title>${label}</title></rect>`;
  });
  const avg = runs.reduce((s, r) => s + r.duration!, 0) / runs.length;
  const summary = `${runs.length} ${runs.length === 1 ? "run" : "runs"}, longest ${runDuration(longest)}, average ${runDuration(avg)}`;
  return html`<figure class="chart">
<svg class="duration-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${summary}" preserveAspectRatio="none">
<line class="axis" x1="0" y1="${HEIGHT - 0.5}" x2="${WIDTH}" y2="${HEIGHT - 0.5}"></line>
${bars}
</svg>
<figcaption>${summary} (newest on the right; red: failed)</figcaption>
</figure>`;
}

/** One bar per day: height and colour by the day's uptime, grey when nothing was monitored. */
export function uptimeBars(days: readonly DayUptime[]): Html {
  const slot = WIDTH / Math.max(1, days.length);
  const bars = days.map((d, i) => {
    const cls = d.uptime === null ? "none" : d.uptime >= 100 ? "ok" : d.uptime >= 99 ? "partial" : "down";
    const h = d.uptime === null ? 8 : Math.max(8, Math.round((d.uptime / 100) * 40));
    const label = `${d.date}: ${d.uptime === null ? "no data" : `${formatPercent(d.uptime)} up`}${d.downtimeMs > 0 ? `, down ${formatDuration(d.downtimeMs)}` : ""}`;
    return html`<rect class="day day-${cls}" x="${(i * slot + 1).toFixed(1)}" y="${40 - h}" width="${(slot - 2).toFixed(1)}" height="${h}"><title>${label}</title></rect>`;
  });
  const down = days.filter((d) => d.downtimeMs > 0).length;
  return html`<figure class="chart">
<svg class="uptime-bars" viewBox="0 0 ${WIDTH} 40" role="img" aria-label="Uptime per day over ${days.length} days: ${down} with downtime" preserveAspectRatio="none">${bars}</svg>
<figcaption>${days.length} days, oldest on the left: ${down === 0 ? "no downtime" : `${down} ${down === 1 ? "day" : "days"} with downtime`}</figcaption>
</figure>`;
}
