// What a project's feeds say, shared by the Atom and JSON renderers: one entry for the current
// state, one per incident, one per maintenance window occurrence. Ids are absolute IRIs built
// only from public facts (page URL, check slug or name, start instant), so they stay the same
// from one fetch to the next and reveal nothing a visitor cannot see on the page.
import { formatDuration, STATUS_LABELS } from "../core/format.ts";
import { localDateTime } from "../web/format.ts";
import { statusLinks } from "./links.ts";
import type { FeedModel, Incident, MaintenanceItem } from "../views/status-page-model.ts";
import { OVERALL_HEADLINES, overallDetail, wordOf } from "./overall.ts";

export type FeedEntryKind = "state" | "incident" | "maintenance";

export interface FeedEntry {
  readonly kind: FeedEntryKind;
  readonly id: string;
  readonly url: string;
  readonly title: string;
  readonly text: string;
  readonly published: number;
  readonly updated: number;
  /** incidents and maintenance: the period; ongoing incidents have no end */
  readonly start: number | null;
  readonly end: number | null;
  /** names of the public checks the entry is about */
  readonly checks: readonly string[];
}

export interface FeedUrls {
  readonly page: string;
  readonly atom: string;
  readonly json: string;
  check(slug: string): string;
}

export function feedUrls(model: Pick<FeedModel, "baseUrl" | "project">): FeedUrls {
  const origin = model.baseUrl.replace(/\/+$/, "");
  const links = statusLinks("", model.project.slug);
  return { page: origin + links.page, atom: origin + links.atom, json: origin + links.json, check: (slug) => origin + links.check(slug) };
}

/** The state entry first, then incidents newest first, then maintenance now and next. */
export function feedEntries(model: FeedModel): FeedEntry[] {
  const urls = feedUrls(model);
  return [
    stateEntry(model, urls),
    ...model.incidents.map((i) => incidentEntry(model, urls, i)),
    ...model.maintenance.active.map((m) => maintenanceEntry(model, urls, m, true)),
    ...model.maintenance.upcoming.map((m) => maintenanceEntry(model, urls, m, false)),
  ];
}

/**
 * When the overall state last changed, as far as the model tells: the latest incident start or
 * end, or opening of an active window. Without any, the read time (the state has no known start).
 */
export function stateSince(model: FeedModel): number {
  const marks = [...model.incidents.map((i) => i.end ?? i.start), ...model.maintenance.active.map((m) => m.start)].filter((t) => t <= model.generatedAt);
  return marks.length === 0 ? model.generatedAt : Math.max(...marks);
}

/**
 * The feed's own updated instant: its latest entry that is not in the future (a planned window
 * dated next week must not make the feed look updated on every fetch until then).
 */
export function feedUpdated(model: FeedModel, entries: readonly FeedEntry[]): number {
  const past = entries.map((e) => e.updated).filter((t) => t <= model.generatedAt);
  return past.length === 0 ? model.generatedAt : Math.max(...past);
}

function stateEntry(model: FeedModel, urls: FeedUrls): FeedEntry {
  const checks = model.groups.flatMap((g) => g.checks);
  const detail = overallDetail(checks);
  const lines = checks.map((c) => `${c.name}: ${STATUS_LABELS[wordOf(c)]}`);
  const since = stateSince(model);
  return {
    kind: "state",
    id: `${urls.page}#current-state`,
    url: urls.page,
    title: OVERALL_HEADLINES[model.overall],
    text: [`${OVERALL_HEADLINES[model.overall]}${detail ? ` (${detail})` : ""}.`, ...lines].join("\n"),
    published: since,
    updated: since,
    start: null,
    end: null,
    checks: checks.map((c) => c.name),
  };
}

function when(ms: number, zone: string): string {
  return `${localDateTime(ms, zone)} (${zone})`;
}

function incidentEntry(model: FeedModel, urls: FeedUrls, i: Incident): FeedEntry {
  const length = formatDuration(Math.max(0, (i.end ?? model.generatedAt) - i.start));
  const key = encodeURIComponent(i.checkSlug ?? i.checkName);
  const text =
    i.end === null
      ? `${i.checkName} has been down since ${when(i.start, model.zone)}: ${length} so far.`
      : `${i.checkName} was down from ${when(i.start, model.zone)} to ${when(i.end, model.zone)}: ${length}.`;
  return {
    kind: "incident",
    id: `${urls.page}#incident-${key}-${Math.floor(i.start / 1000)}`,
    url: i.checkSlug === null ? urls.page : urls.check(i.checkSlug),
    title: i.end === null ? `${i.checkName} is down` : `${i.checkName} was down for ${length}`,
    text,
    published: i.start,
    updated: i.end ?? i.start,
    start: i.start,
    end: i.end,
    checks: [i.checkName],
  };
}

function maintenanceEntry(model: FeedModel, urls: FeedUrls, m: MaintenanceItem, active: boolean): FeedEntry {
  const affects = m.checks.length === 0 ? "" : ` Affects ${m.checks.join(", ")}.`;
  return {
    kind: "maintenance",
    id: `${urls.page}#maintenance-${encodeURIComponent(m.name)}-${Math.floor(m.start / 1000)}`,
    url: urls.page,
    title: `${active ? "Maintenance now" : "Planned maintenance"}: ${m.name}`,
    text: `${m.name}: from ${when(m.start, model.zone)} to ${when(m.end, model.zone)}.${affects}`,
    published: m.start,
    updated: m.start,
    start: m.start,
    end: m.end,
    checks: m.checks,
  };
}
