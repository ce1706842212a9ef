// The read model of a project's public status page (SPEC §9): its public checks only, and only the
// fields a visitor may see (no uuids, keys, bodies, hosts or descriptions), in a fixed number of
// statements: the checks, their buckets after the kept runs (history-cache.ts), the project's
// windows, replicas when a reporter is shown, and the flip rows of checks that had incidents.
// Daily bars are local days of the page's zone; incidents come from flip rows.
import { MaintenanceExclusions } from "../checks/check-extras.ts";
import type { CronCache } from "../core/cron-cache.ts";
import { incidents as downPeriods } from "../core/incidents.ts";
import { isOverloaded, type Replica } from "../core/reporter.ts";
import { displayStatus } from "../core/status.ts";
import type { Check, Project, StoredFlip, Tx } from "../store/store.ts";
import { groupBy } from "./check-summaries.ts";
import type { CheckHistory, HistoryCache } from "./history-cache.ts";
import { BAR_DAYS, dayEdges, publicHistory } from "./public-history.ts";
import { publicMaintenance } from "./public-maintenance.ts";
import { type CheckGroup, type EmbedSection, type Incident, overallStatus, type PageLook, type ProjectHeader, type ProjectPageModel, type PublicCheck } from "./status-page-model.ts";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** The page lists the newest incidents of the last 30 days, at most 20. */
const PAGE_INCIDENTS = 20;
const INCIDENT_DAYS = 30;

export interface PublicReadDeps {
  readonly crons: CronCache;
  readonly history: HistoryCache;
}

/** How a page was asked for: where it lives and how it looks. */
export interface PageAsk extends PageLook {
  readonly embed: ReadonlySet<EmbedSection> | null;
}

/** Flip rows to read for `limit` incidents: two per plain incident, plus the row an ongoing one began with. */
export function incidentRows(limit: number): number {
  return 2 * limit + 1;
}

/** What the project created at first start is called until someone names it. */
const FIRST_PROJECT = { slug: "default", name: "Default" } as const;

/**
 * The header every public page of a project shows: its status page title, else its name — except
 * the untouched first project, whose page is just "Status" rather than "Default".
 */
export function projectHeader(p: Project): ProjectHeader {
  const page = p.statusPage;
  const untouched = p.slug === FIRST_PROJECT.slug && p.name === FIRST_PROJECT.name;
  return { slug: p.slug, title: page.title || (untouched ? "Status" : p.name || p.slug), description: page.description, logoUrl: page.logoUrl || null };
}

/**
 * "Last updated" to the minute: pages read within the same minute with nothing changed are the
 * same bytes, so their ETag holds and a refresh answers 304.
 */
export function pageInstant(now: number): number {
  return Math.floor(now / MINUTE_MS) * MINUTE_MS;
}

export function nameOf(c: Check): string {
  return c.name || c.slug || "Unnamed check";
}

export function projectStatus(tx: Tx, deps: PublicReadDeps, project: Project, ask: PageAsk, now: number): ProjectPageModel {
  const zone = project.statusPage.tz;
  const checks = tx.listPublicChecksOfProject(project.id);
  const histories = deps.history.read(tx, checks, now);
  const windows = tx.listWindows(project.id);
  const exclusions = new MaintenanceExclusions(windows, now);
  const maintenance = publicMaintenance(windows, checks, nameOf, now);
  const replicas = checks.some((c) => c.kind === "reporter") ? tx.replicasOfProject(project.id) : new Map<number, Replica[]>();
  const edges = dayEdges(zone, BAR_DAYS, now);
  const shown = checks.map((c) => ({ check: c, view: publicCheck(c, histories.get(c.id), { deps, exclusions, edges, now, replicas: replicas.get(c.id) ?? [], inMaintenance: maintenance.inMaintenance.has(c.id) }) }));
  // only checks that are down or had an incident in the last 90 days have rows worth reading
  const withIncidents = shown.filter(({ view }) => view.status === "down" || view.history.some((d) => d.incidents > 0)).map(({ check }) => check);
  const rows = withIncidents.length === 0 ? new Map<number, StoredFlip[]>() : groupBy(tx.recentFlipsOfChecks(withIncidents.map((c) => c.id), incidentRows(PAGE_INCIDENTS)), (f) => f.checkId);
  const all = shown.map((s) => s.view);
  return {
    basePath: ask.basePath,
    theme: ask.theme,
    embed: ask.embed,
    zone,
    generatedAt: pageInstant(now),
    project: projectHeader(project),
    overall: overallStatus(all, maintenance.active.length > 0),
    groups: groupsOf(shown),
    incidents: recentIncidents(withIncidents, rows, now - INCIDENT_DAYS * DAY_MS, PAGE_INCIDENTS, now),
    maintenance: { active: maintenance.active, upcoming: maintenance.upcoming },
  };
}

export interface CheckContext {
  readonly deps: PublicReadDeps;
  readonly exclusions: MaintenanceExclusions;
  /** the page's day edges (public-history.ts dayEdges) */
  readonly edges: readonly number[];
  readonly now: number;
  readonly replicas: readonly Replica[];
  readonly inMaintenance: boolean;
}

/** A public check as its row shows it; a check without history (deleted meanwhile) shows none. */
export function publicCheck(c: Check, history: CheckHistory | undefined, ctx: CheckContext): PublicCheck {
  const status = displayStatus(c, ctx.now, ctx.deps.crons.forCheck(c));
  const h = history ? publicHistory(c, history, ctx.exclusions, ctx.edges, ctx.now) : null;
  return {
    name: nameOf(c),
    slug: c.slug || null,
    status,
    failing: c.failStreak > 0 && status !== "down",
    overloaded: isOverloaded(ctx.replicas, { cpu: c.loadMaxCpu, ram: c.loadMaxRam }),
    inMaintenance: ctx.inMaintenance,
    lastRun: c.lastPing === null ? null : { at: c.lastPing, durationMs: c.lastDuration === null ? null : c.lastDuration * 1000 },
    history: h?.days ?? ctx.edges.slice(0, -1).map((start) => ({ start, uptime: null, downtimeMs: 0, incidents: 0 })),
    uptime: h?.uptime ?? { "1d": null, "7d": null, "30d": null, "90d": null },
    ...(h ? { historyKey: h.key } : {}),
  };
}

/** Consecutive checks of the same group (the list is ordered by group) form one section. */
function groupsOf(shown: readonly { check: Check; view: PublicCheck }[]): CheckGroup[] {
  const groups: { name: string; checks: PublicCheck[] }[] = [];
  for (const { check, view } of shown) {
    let group = groups.at(-1);
    if (group?.name !== check.group) {
      group = { name: check.group, checks: [] };
      groups.push(group);
    }
    group.checks.push(view);
  }
  return groups;
}

/** Down periods ongoing or ended since `since`, newest first, at most `limit`. */
export function recentIncidents(checks: readonly Check[], rows: ReadonlyMap<number, StoredFlip[]>, since: number, limit: number, now: number): Incident[] {
  const out: Incident[] = [];
  for (const c of checks) {
    for (const i of downPeriods(rows.get(c.id) ?? [], now, limit)) {
      // an incident whose first row was not read has no known start: the page cannot date it
      if (i.start === null || (i.end !== null && i.end < since)) continue;
      out.push({ checkName: nameOf(c), checkSlug: c.slug || null, start: i.start, end: i.end });
    }
  }
  return out.sort((a, b) => b.start - a.start).slice(0, limit);
}
