// Parts shared by the project and check pages: banner, check rows, incidents, maintenance.
import { formatDuration, formatPercent, STATUS_LABELS } from "../core/format.ts";
import { html, type Html, type HtmlValue } from "../web/html.ts";
import { timeTag } from "../web/format.ts";
import { type BarWords, historyBars } from "./bars.ts";
import type { StatusLinks } from "./links.ts";
import type { Incident, MaintenanceItem, Overall, PageFrame, PublicCheck, UptimeFigures } from "../views/status-page-model.ts";
import { type CheckFacts, OVERALL_HEADLINES, overallDetail, wordOf } from "./overall.ts";

export interface RenderContext {
  readonly frame: PageFrame;
  readonly links: StatusLinks;
  /** inside an iframe: links open a new tab so the embedding page stays put */
  readonly embedded: boolean;
  /** the words of the daily bars, memoized for the page (bars.ts barWords) */
  readonly words: BarWords;
}

export function link(ctx: RenderContext, href: string, text: HtmlValue): Html {
  return ctx.embedded ? html`<a href="${href}" target="_blank" rel="noopener">${text}</a>` : html`<a href="${href}">${text}</a>`;
}

export function bannerSection(overall: Overall, checks: readonly CheckFacts[]): Html {
  const detail = overallDetail(checks);
  return html`<section class="banner banner-${overall}" aria-labelledby="banner-headline">
<h2 id="banner-headline" class="banner-headline"><span class="banner-mark" aria-hidden="true"></span>${OVERALL_HEADLINES[overall]}</h2>
${detail ? html`<p class="banner-detail">${detail}</p>` : ""}
</section>`;
}

/** The dot and the words of a check's state: colour always comes with its text. */
export function stateLabel(c: CheckFacts): Html {
  const word = wordOf(c);
  return html`<span class="state state-${word}"><span class="dot" aria-hidden="true"></span>${STATUS_LABELS[word]}</span>`;
}

/**
 * "Last ran 2026-01-15 11:55, took 2 min 5 s" or "Never ran". The time is absolute, in the page's
 * zone like every other time on it, so a row says the same until the check runs again (and a
 * page can reuse it, row-memo.ts); the footer names the zone.
 */
export function lastRunLine(c: PublicCheck, frame: PageFrame): Html {
  if (c.lastRun === null) return html`<p class="check-meta">Never ran</p>`;
  const took = c.lastRun.durationMs === null ? "" : html`, took ${formatDuration(c.lastRun.durationMs)}`;
  return html`<p class="check-meta">Last ran ${timeTag(c.lastRun.at, frame.zone)}${took}</p>`;
}

const WINDOW_NAMES: readonly [keyof UptimeFigures, string][] = [
  ["1d", "24 h"],
  ["7d", "7 days"],
  ["30d", "30 days"],
  ["90d", "90 days"],
];

export function uptimeList(u: UptimeFigures): Html {
  return html`<dl class="uptime">${WINDOW_NAMES.map(([key, name]) => html`<div><dt>${name}</dt><dd>${formatPercent(u[key])}</dd></div>`)}</dl>`;
}

/** One check: name (a link to its page), state, last run, the daily bar and its uptime. */
export function checkRow(ctx: RenderContext, c: PublicCheck, id: string): Html {
  const name = c.slug === null ? c.name : link(ctx, ctx.links.check(c.slug), c.name);
  return html`<li class="check">
<div class="check-head"><h3 class="check-name">${name}</h3>${stateLabel(c)}</div>
${lastRunLine(c, ctx.frame)}
${historyBlock(ctx, c, id)}
</li>`;
}

export function historyBlock(ctx: RenderContext, c: PublicCheck, id: string): Html {
  return html`<div class="history">
${historyBars(c.name, c.history, ctx.frame.zone, id, ctx.words)}
<p class="bars-scale" aria-hidden="true"><span>${c.history.length} days ago</span><span>today</span></p>
${uptimeList(c.uptime)}
</div>`;
}

/** The length of a down period; an ongoing one is counted up to the page's instant. */
export function incidentLength(i: Incident, now: number): number {
  return Math.max(0, (i.end ?? now) - i.start);
}

export function incidentItem(ctx: RenderContext, i: Incident, withName: boolean): Html {
  const length = formatDuration(incidentLength(i, ctx.frame.generatedAt));
  const name = i.checkSlug === null ? i.checkName : link(ctx, ctx.links.check(i.checkSlug), i.checkName);
  const who = withName ? html`<strong class="event-name">${name}</strong> ` : "";
  if (i.end === null) {
    return html`<li class="event"><span class="state state-down"><span class="dot" aria-hidden="true"></span>ongoing</span> ${who}down since ${timeTag(i.start, ctx.frame.zone)} (${length} so far)</li>`;
  }
  return html`<li class="event"><span class="state state-resolved"><span class="dot" aria-hidden="true"></span>resolved</span> ${who}down from ${timeTag(i.start, ctx.frame.zone)} to ${timeTag(i.end, ctx.frame.zone)} (${length})</li>`;
}

export function incidentsSection(ctx: RenderContext, incidents: readonly Incident[], withNames: boolean): Html {
  const body = incidents.length === 0 ? html`<p class="empty">No recent incidents.</p>` : html`<ul class="events">${incidents.map((i) => incidentItem(ctx, i, withNames))}</ul>`;
  return html`<section class="incidents" aria-labelledby="incidents-title">
<h2 id="incidents-title">Recent incidents</h2>
${body}
</section>`;
}

function maintenanceItem(ctx: RenderContext, m: MaintenanceItem, active: boolean): Html {
  const zone = ctx.frame.zone;
  const when = active ? html`until ${timeTag(m.end, zone)}` : html`from ${timeTag(m.start, zone)} to ${timeTag(m.end, zone)}`;
  const affects = m.checks.length === 0 ? "" : html` · affects ${m.checks.join(", ")}`;
  return html`<li class="event"><span class="state state-maintenance"><span class="dot" aria-hidden="true"></span>${active ? "now" : "planned"}</span> <strong class="event-name">${m.name}</strong> ${when}${affects}</li>`;
}

/** Maintenance open now, or planned; nothing at all when there is none. */
export function maintenanceSection(ctx: RenderContext, items: readonly MaintenanceItem[], active: boolean): Html | "" {
  if (items.length === 0) return "";
  const id = active ? "maintenance-now" : "maintenance-next";
  return html`<section class="maintenance" aria-labelledby="${id}">
<h2 id="${id}">${active ? "Maintenance now" : "Upcoming maintenance"}</h2>
<ul class="events">${items.map((m) => maintenanceItem(ctx, m, active))}</ul>
</section>`;
}
