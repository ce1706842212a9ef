// The read model of a project's public status page: public checks only, and only the fields a
// visitor may see (no uuids, keys, bodies or hosts), in a fixed number of queries: the checks,
// their uptime buckets and cursors, the windows of their projects, and their newest flip rows.
// Uptime and the 90 daily bars (UTC days) are summed from buckets; incidents come from flip rows.
import { MaintenanceExclusions, openSegment, uptimeReadFrom } from "../checks/check-extras.ts";
import type { OpenSegment } from "../core/bucket-ranges.ts";
import type { CronCache } from "../core/cron-cache.ts";
import { isOverloaded, type Replica } from "../core/reporter.ts";
import { dailyBars } from "../core/daily-bars.ts";
import { incidents as downPeriods } from "../core/incidents.ts";
import { displayStatus } from "../core/status.ts";
import { uptimeFromBuckets } from "../core/uptime.ts";
import type { Check, CheckUptime, StoredBucket, StoredFlip, Tx } from "../store/store.ts";
import { groupBy } from "./check-summaries.ts";
import { type DayBar, type Incident, overallStatus, type ProjectPageModel, type PublicCheck } from "./status-page-model.ts";

const DAY_MS = 86_400_000;
const BAR_DAYS = 90;
const BAR_ZONE = "UTC";
/** The page lists the newest incidents of the last 30 days, at most 20. */
const PAGE_INCIDENTS = 20;
const INCIDENT_DAYS = 30;
/** Rows read per check: a plain incident takes two (down, up), plus the row an ongoing one began with. */
const INCIDENT_ROWS = 2 * PAGE_INCIDENTS + 1;

export function publicStatus(tx: Tx, crons: CronCache, now: number): ProjectPageModel {
  const checks = tx.listPublicChecks();
  const ids = checks.map((c) => c.id);
  const history = tx.uptimeHistory({ checkIds: ids }, uptimeReadFrom(now));
  const windows = groupBy(tx.listWindowsOfProjects([...new Set(checks.map((c) => c.projectId))]), (w) => w.projectId);
  // one per project: checks under the same windows share their maintenance arithmetic
  const exclusions = new Map([...windows].map(([projectId, list]) => [projectId, new MaintenanceExclusions(list, now)]));
  const none = new MaintenanceExclusions([], now);
  const rows = groupBy(tx.recentFlipsOfChecks(ids, INCIDENT_ROWS), (f) => f.checkId);
  const replicas = checks.some((c) => c.kind === "reporter") ? tx.replicasOfPublicChecks() : new Map<number, Replica[]>();
  const groups: { name: string; checks: PublicCheck[] }[] = [];
  for (const c of checks) {
    let group = groups.at(-1);
    if (group?.name !== c.group) {
      group = { name: c.group, checks: [] };
      groups.push(group);
    }
    group.checks.push(publicCheck(c, history.get(c.id) ?? null, exclusions.get(c.projectId) ?? none, replicas.get(c.id) ?? [], crons, now));
  }
  return {
    basePath: "",
    zone: BAR_ZONE,
    theme: "auto",
    generatedAt: now,
    project: { slug: "default", title: "Status", description: "", logoUrl: null },
    embed: null,
    overall: overallStatus(groups.flatMap((g) => g.checks), false),
    groups,
    incidents: pageIncidents(checks, rows, now),
    maintenance: { active: [], upcoming: [] },
  };
}

function publicCheck(c: Check, history: CheckUptime | null, exclusions: MaintenanceExclusions, replicas: readonly Replica[], crons: CronCache, now: number): PublicCheck {
  const buckets = history?.buckets ?? [];
  const open = openSegment(c, history, exclusions, now);
  const status = displayStatus(c, now, crons.forCheck(c));
  return {
    name: nameOf(c),
    slug: c.slug || null,
    status,
    failing: c.failStreak > 0 && status !== "down",
    overloaded: isOverloaded(replicas, { cpu: c.loadMaxCpu, ram: c.loadMaxRam }),
    inMaintenance: false,
    lastRun: c.lastPing === null ? null : { at: c.lastPing, durationMs: c.lastDuration === null ? null : c.lastDuration * 1000 },
    history: dayBars(buckets, open, now),
    uptime: uptimeFromBuckets(buckets, open, now),
  };
}

/** The 90 UTC days ending today, each with the incidents that began in it (the writer counts each in the bucket it began in). */
function dayBars(buckets: readonly StoredBucket[], open: OpenSegment, now: number): DayBar[] {
  const bars = dailyBars(buckets, open, BAR_ZONE, BAR_DAYS, now);
  const counts = bars.map(() => 0);
  // buckets and bars both ascend: one walk over each
  let i = 0;
  for (const b of buckets) {
    while (i < bars.length && b.start >= bars[i]!.end) i++;
    if (i === bars.length) break;
    if (b.start >= bars[i]!.start) counts[i]! += b.incidents;
  }
  return bars.map((bar, k) => ({ start: bar.start, uptime: bar.uptime, downtimeMs: bar.downtimeMs, incidents: counts[k]! }));
}

/** Down periods of the last INCIDENT_DAYS (and ongoing ones), newest first, at most PAGE_INCIDENTS. */
function pageIncidents(checks: readonly Check[], rows: ReadonlyMap<number, StoredFlip[]>, now: number): Incident[] {
  const since = now - INCIDENT_DAYS * DAY_MS;
  const out: Incident[] = [];
  for (const c of checks) {
    for (const i of downPeriods(rows.get(c.id) ?? [], now, PAGE_INCIDENTS)) {
      // an incident whose first row was not read has no known start: the page cannot date it
      if (i.start === null || (i.end !== null && i.end < since)) continue;
      out.push({ checkName: nameOf(c), checkSlug: c.slug || null, start: i.start, end: i.end });
    }
  }
  return out.sort((a, b) => b.start - a.start).slice(0, PAGE_INCIDENTS);
}

function nameOf(c: Check): string {
  return c.name || c.slug || "Unnamed check";
}
