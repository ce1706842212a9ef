// A public check's history as pages show it (SPEC §9): 90 daily bars in the page's zone and the
// uptime over 24 h / 7 / 30 / 90 days, summed from its final bucket runs, the buckets after them
// and the open segment — the same arithmetic as the API's uptime (totalsByRange), so a page and
// GET /api/v3/checks/ agree. Time new, paused or in maintenance is excluded from both.
import type { MaintenanceExclusions } from "../checks/check-extras.ts";
import { openSegment } from "../checks/check-extras.ts";
import type { RunTotals } from "../core/bucket-runs.ts";
import { type OpenSegment, totalsByRange } from "../core/bucket-ranges.ts";
import { localDay, localDayStart } from "../core/daily-bars.ts";
import { zoneRules } from "../core/cron-zone.ts";
import { fromSlices, sliceEdges, uptimePercent } from "../core/uptime.ts";
import { ZERO } from "../core/uptime-buckets.ts";
import type { Check, StoredBucket } from "../store/store.ts";
import type { CheckHistory } from "./history-cache.ts";
import type { DayBar, UptimeFigures } from "./status-page-model.ts";

export const BAR_DAYS = 90;

export interface PublicHistory {
  readonly days: DayBar[];
  readonly uptime: UptimeFigures;
  /** equal keys, equal days: the kept final days (by what they were made from) and the live ones */
  readonly key: string;
}

/** The instants the last `days` local days of `zone` start at, and the end of today: days + 1 edges. */
export function dayEdges(zone: string, days: number, now: number): number[] {
  const rules = zoneRules(zone) ?? zoneRules("UTC");
  if (rules === null) throw new Error("the runtime knows no UTC zone");
  const today = localDay(rules, now);
  const edges: number[] = [];
  for (let d = today - days + 1; d <= today + 1; d++) edges.push(localDayStart(rules, d));
  return edges;
}

export function publicHistory(check: Check, h: CheckHistory, exclusions: MaintenanceExclusions, edges: readonly number[], now: number): PublicHistory {
  const open = openSegment(check, { bucketedUntil: h.bucketedUntil, buckets: h.fresh }, exclusions, now);
  const days = dayBars(h, open, edges, now);
  const live = days.slice(h.memo.days.length);
  return { days, uptime: fromSlices(totals(h, open, sliceEdges(now), now)), key: `${check.id}.${check.created}.${h.memo.key}.${JSON.stringify(live)}` };
}

/**
 * The bars of `edges`. Days that end before anything live (the runs' end, the open segment) are
 * final: they are kept with the runs and only the days after are summed again on each read.
 */
function dayBars(h: CheckHistory, open: OpenSegment, edges: readonly number[], now: number): DayBar[] {
  const k = liveRange(h, open, edges);
  const key = `${h.runs.until}|${edges[0]}|${edges.length}|${k}`;
  const bar = (t: RunTotals, i: number): DayBar => ({ start: edges[i]!, uptime: uptimePercent(t), downtimeMs: t.down, incidents: t.incidents });
  if (h.memo.key !== key) {
    h.memo.key = key;
    h.memo.days = totals(h, open, edges.slice(0, k + 1), now).map(bar);
  }
  return [...h.memo.days, ...totals(h, open, edges.slice(k), now).map((t, i) => bar(t, i + k))];
}

/** Index of the first range that anything not final reaches into. */
function liveRange(h: CheckHistory, open: OpenSegment, edges: readonly number[]): number {
  const liveFrom = Math.min(h.runs.until, open.from);
  let k = 0;
  while (k < edges.length - 2 && edges[k + 1]! <= liveFrom) k++;
  return k;
}

/** Final runs plus what came after them, per range [edges[i], edges[i+1]). */
function totals(h: CheckHistory, open: OpenSegment, edges: readonly number[], now: number): RunTotals[] {
  if (edges.length < 2) return [];
  const final = h.runs.rangeTotals(edges);
  // what is not final starts at the runs' end: only the ranges from there on need the live sums
  const k = liveRange(h, open, edges);
  const tail = edges.slice(k);
  const live = totalsByRange(h.fresh, open, tail, now);
  const incidents = freshIncidents(h.fresh, tail);
  return final.map((f, i) => {
    const l = i >= k ? live[i - k]! : ZERO;
    return { up: Math.round(f.up + l.up), down: Math.round(f.down + l.down), excluded: Math.round(f.excluded + l.excluded), incidents: f.incidents + (i >= k ? incidents[i - k]! : 0) };
  });
}

/** Incidents of the buckets after the runs, each counted in the range its bucket starts in. */
function freshIncidents(fresh: readonly StoredBucket[], edges: readonly number[]): number[] {
  const counts = edges.slice(1).map(() => 0);
  for (const b of fresh) {
    if (b.incidents === 0) continue;
    for (let i = 0; i < counts.length; i++) {
      if (b.start >= edges[i]! && b.start < edges[i + 1]!) counts[i]! += b.incidents;
    }
  }
  return counts;
}
