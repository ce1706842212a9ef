// GET /metrics: Prometheus text format 0.0.4 (SPEC §2). The checks the scrape may see
// (metrics-access.ts) are read in one pass over the table, a page at a time with the event loop
// free between pages; statuses are computed in memory; scrapes of one scope within a second
// share one rendering.
import { z } from "zod";
import type { NotificationCount } from "../../notify/counters.ts";
import { CHANNEL_KINDS } from "../../notify/registry.ts";
import { route, type Route } from "../route.ts";
import type { ApiDeps } from "./context.ts";
import { type MetricsAccess, MetricsCache, type MetricsScope, metricsScope, scopeKey } from "./metrics-access.ts";
import { CheckSeries, esc } from "./metrics-checks.ts";
import type { LatencyHistogram } from "./latency-histogram.ts";

/** What /metrics reads besides the database, and who may scrape it (`token`, `open`). */
export interface MetricsSources extends MetricsAccess {
  /** pings answered 2xx, by route */
  readonly pingCounts: ReadonlyMap<string, number>;
  /** commit latency of the ping write batches */
  readonly commitLatency: LatencyHistogram;
  /** alert delivery attempts since start, by channel kind and outcome */
  readonly notifications: () => readonly NotificationCount[];
  /** pending down_at deadlines in the scheduler */
  readonly deadlines: () => number;
}

/** every outcome of a delivery attempt, so that each is listed at 0 before it first happens */
const ATTEMPT_STATUSES = Object.keys({ ok: 0, error: 0, permanent: 0 } satisfies Record<NotificationCount["status"], 0>);

/**
 * Rows read per page. A page of 1 000 checks is read and turned into lines in ~10 ms here (2 cores);
 * between pages the event loop serves pings, so a scrape of 100 000 checks never stalls them.
 */
const PAGE_ROWS = 1_000;

export function metricsRoute(deps: ApiDeps): Route {
  const cache = new MetricsCache();
  return route({
    method: "GET",
    path: "/metrics",
    auth: "metrics",
    doc: {
      summary: "Prometheus metrics",
      tag: "metrics",
      params: [{ name: "checks", in: "query", description: "0 leaves out the per-check series", schema: z.string() }],
      responses: {
        "200": { description: "Prometheus text format 0.0.4: a project API key sees its project's checks, TOCSIN_METRICS_TOKEN every project's", contentType: "text/plain" },
        "401": { description: "`missing api key` or `wrong api key` (unless TOCSIN_METRICS_PUBLIC=1)", schema: z.object({ error: z.string() }) },
      },
    },
    handle: async ({ req, url }) => {
      const access = metricsScope(req, deps.store, deps.metrics);
      if (!access.ok) return access.response;
      const { scope } = access;
      // ?checks=0 leaves out the per-check series: 5 lines per check is ~70 MB at 100 000 checks
      const perCheck = url.searchParams.get("checks") !== "0";
      const now = deps.now();
      const body = await cache.get(scopeKey(scope, perCheck), now, () => renderScrape(deps, scope, now, perCheck));
      return new Response(body, { headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store" } });
    },
  });
}

/** Reads the scope's checks a page at a time, yielding between pages, and renders the whole text. */
async function renderScrape(deps: ApiDeps, scope: MetricsScope, now: number, perCheck: boolean): Promise<Blob> {
  const series = new CheckSeries(deps.crons, now, perCheck);
  const projectId = scope.kind === "all" ? null : scope.projectId;
  for (let after = 0; ; ) {
    const page = deps.store.read((tx) => tx.checkMetricsPage(projectId, after, PAGE_ROWS));
    series.add(page);
    if (page.length < PAGE_ROWS) break;
    after = page.at(-1)!.id;
    await nextTurn();
  }
  // encoded once per rendering, family by family: every scrape of the second answers the same bytes
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (const block of series.gaugeBlocks()) {
    parts.push(encoder.encode(block));
    await nextTurn();
  }
  parts.push(encoder.encode([...series.totalLines(), ...processLines(deps.metrics)].join("\n") + "\n"));
  return new Blob(parts);
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** What the process itself counted: pings, commit latency, deliveries, deadlines, memory. */
function processLines(metrics: MetricsSources): string[] {
  const out: string[] = [];
  out.push("# HELP tocsin_pings_received_total Pings accepted since start, by route", "# TYPE tocsin_pings_received_total counter");
  for (const [route, n] of [...metrics.pingCounts].sort()) out.push(`tocsin_pings_received_total{route="${esc(route)}"} ${n}`);
  out.push("# HELP tocsin_batch_commit_seconds Time to write and commit one batch of pings", "# TYPE tocsin_batch_commit_seconds histogram");
  out.push(...metrics.commitLatency.lines("tocsin_batch_commit_seconds"));
  out.push(...notificationLines(metrics.notifications()));
  out.push("# HELP tocsin_scheduler_deadlines Pending down_at deadlines", "# TYPE tocsin_scheduler_deadlines gauge", `tocsin_scheduler_deadlines ${metrics.deadlines()}`);
  const mem = process.memoryUsage();
  out.push("# HELP process_resident_memory_bytes Resident memory size in bytes", "# TYPE process_resident_memory_bytes gauge", `process_resident_memory_bytes ${mem.rss}`);
  out.push("# HELP process_heap_bytes JavaScript heap in use in bytes", "# TYPE process_heap_bytes gauge", `process_heap_bytes ${mem.heapUsed}`);
  return out;
}

/**
 * Every kind and outcome is listed from the start, at 0 until it happens: a series that appears
 * only with its first event hides that event from rate() and increase().
 */
function notificationLines(counts: readonly NotificationCount[]): string[] {
  const totals = new Map<string, number>();
  for (const kind of CHANNEL_KINDS) for (const status of ATTEMPT_STATUSES) totals.set(`{kind="${kind}",status="${status}"}`, 0);
  for (const c of counts) {
    const labels = `{kind="${esc(c.kind)}",status="${esc(c.status)}"}`;
    totals.set(labels, (totals.get(labels) ?? 0) + c.count);
  }
  const out = ["# HELP tocsin_notifications_total Alert delivery attempts since start, by channel kind and outcome", "# TYPE tocsin_notifications_total counter"];
  for (const [labels, n] of totals) out.push(`tocsin_notifications_total${labels} ${n}`);
  return out;
}
