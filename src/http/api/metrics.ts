// GET /metrics: Prometheus text format 0.0.4 (SPEC §2). One SQL query reads every check;
// statuses are computed in memory, so a scrape of 100 000 checks costs one table pass.
import { z } from "zod";
import { keysEqual } from "../../auth/keys.ts";
import { uniqueKey } from "../../checks/check-json.ts";
import { expectedAt } from "../../core/deadline.ts";
import { displayStatus, type DisplayStatus } from "../../core/status.ts";
import type { NotificationCount } from "../../notify/counters.ts";
import { CHANNEL_KINDS } from "../../notify/registry.ts";
import type { CronCache } from "../../core/cron-cache.ts";
import type { CheckMetricsRow } from "../../store/store.ts";
import { route, type Route } from "../route.ts";
import type { ApiDeps } from "./context.ts";

/** Cumulative histogram of durations in seconds. */
export class LatencyHistogram {
  private readonly counts: number[];
  private total = 0;
  private sum = 0;

  constructor(readonly bounds: readonly number[] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]) {
    this.counts = bounds.map(() => 0);
  }

  observe(seconds: number): void {
    this.total++;
    this.sum += seconds;
    for (let i = 0; i < this.bounds.length; i++) if (seconds <= this.bounds[i]!) this.counts[i]!++;
  }

  lines(name: string): string[] {
    const out = this.bounds.map((b, i) => `${name}_bucket{le="${b}"} ${this.counts[i]}`);
    out.push(`${name}_bucket{le="+Inf"} ${this.total}`, `${name}_sum ${this.sum}`, `${name}_count ${this.total}`);
    return out;
  }
}

/** What /metrics reads besides the database. */
export interface MetricsSources {
  /** when set, scrapes must send `Authorization: Bearer <token>` */
  readonly token?: string | undefined;
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
const CHECK_GAUGES = ["up", "grace", "down", "paused", "started"] as const;
type CheckGauge = (typeof CHECK_GAUGES)[number];
const GAUGE_HELP: Record<CheckGauge, string> = {
  up: "1 when the check is up and on time",
  grace: "1 when the check is late but within its grace time",
  down: "1 when the check is down",
  paused: "1 when the check is paused",
  started: "1 while a run of the check is open",
};

export function metricsRoute(deps: ApiDeps): Route {
  return route({
    method: "GET",
    path: "/metrics",
    auth: "metrics",
    doc: {
      summary: "Prometheus metrics",
      tag: "metrics",
      params: [{ name: "checks", in: "query", description: "0 leaves out the per-check series", schema: z.string() }],
      responses: { "200": { description: "Prometheus text format 0.0.4", contentType: "text/plain" }, "401": { description: "bearer token required", contentType: "text/plain" } },
    },
    handle: ({ req, url }) => {
      const token = deps.metrics.token;
      if (token !== undefined && !bearerMatches(req.headers.get("authorization"), token)) {
        return new Response("unauthorized\n", { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="metrics"' } });
      }
      // ?checks=0 leaves out the per-check series: 5 lines per check is ~70 MB at 100 000 checks
      const perCheck = url.searchParams.get("checks") !== "0";
      const body = renderMetrics(deps.store.read((tx) => tx.checkMetricsRows()), { crons: deps.crons, metrics: deps.metrics }, deps.now(), perCheck);
      return new Response(body, { headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store" } });
    },
  });
}

function bearerMatches(header: string | null, token: string): boolean {
  const m = header === null ? null : /^Bearer\s+(.+)$/i.exec(header.trim());
  return m !== null && keysEqual(m[1]!, token);
}

export function renderMetrics(rows: readonly CheckMetricsRow[], deps: { readonly crons: CronCache; readonly metrics: MetricsSources }, now: number, perCheck = true): string {
  const lines: Record<CheckGauge, string[]> = { up: [], grace: [], down: [], paused: [], started: [] };
  const totals = new Map<DisplayStatus, number>();
  for (const row of rows) {
    const cron = deps.crons.forCheck(row);
    const shown = displayStatus(row, now, cron);
    totals.set(shown, (totals.get(shown) ?? 0) + 1);
    if (!perCheck) continue;
    const down = shown === "down";
    const late = !down && row.status === "up" && isLate(row, now, cron);
    const values: Record<CheckGauge, boolean> = {
      up: !down && row.status === "up" && !late,
      grace: late,
      down,
      paused: shown === "paused",
      started: !down && row.lastStart !== null,
    };
    const labels = `{project="${esc(row.project)}",name="${esc(row.name)}",slug="${esc(row.slug)}",tags="${esc(row.tags)}",unique_key="${uniqueKey(row.uuid)}"}`;
    for (const g of CHECK_GAUGES) lines[g].push(`tocsin_check_${g}${labels} ${values[g] ? 1 : 0}`);
  }
  const out: string[] = [];
  for (const g of perCheck ? CHECK_GAUGES : []) {
    out.push(`# HELP tocsin_check_${g} ${GAUGE_HELP[g]}`, `# TYPE tocsin_check_${g} gauge`);
    for (const line of lines[g]) out.push(line); // no spread: 100 000 arguments would overflow the stack
  }
  out.push("# HELP tocsin_checks Checks by displayed status", "# TYPE tocsin_checks gauge");
  for (const s of ["new", "up", "grace", "down", "paused", "started"] as const) out.push(`tocsin_checks{status="${s}"} ${totals.get(s) ?? 0}`);
  out.push("# HELP tocsin_checks_total Checks in all projects", "# TYPE tocsin_checks_total gauge", `tocsin_checks_total ${rows.length}`);
  out.push("# HELP tocsin_pings_received_total Pings accepted since start, by route", "# TYPE tocsin_pings_received_total counter");
  for (const [route, n] of [...deps.metrics.pingCounts].sort()) out.push(`tocsin_pings_received_total{route="${esc(route)}"} ${n}`);
  out.push("# HELP tocsin_batch_commit_seconds Time to write and commit one batch of pings", "# TYPE tocsin_batch_commit_seconds histogram");
  out.push(...deps.metrics.commitLatency.lines("tocsin_batch_commit_seconds"));
  out.push(...notificationLines(deps.metrics.notifications()));
  out.push("# HELP tocsin_scheduler_deadlines Pending down_at deadlines", "# TYPE tocsin_scheduler_deadlines gauge", `tocsin_scheduler_deadlines ${deps.metrics.deadlines()}`);
  const mem = process.memoryUsage();
  out.push("# HELP process_resident_memory_bytes Resident memory size in bytes", "# TYPE process_resident_memory_bytes gauge", `process_resident_memory_bytes ${mem.rss}`);
  out.push("# HELP process_heap_bytes JavaScript heap in use in bytes", "# TYPE process_heap_bytes gauge", `process_heap_bytes ${mem.heapUsed}`);
  return out.join("\n") + "\n";
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

function isLate(row: CheckMetricsRow, now: number, cron: Parameters<typeof expectedAt>[1]): boolean {
  const d = expectedAt(row, cron);
  return d !== null && now >= d;
}

/** Label values escape backslash, double quote and line feed (exposition format). */
function esc(value: string): string {
  // most values need nothing: skip the three replacements (100 000 checks × 4 labels per scrape)
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

const NEEDS_ESCAPE = /[\\"\n]/;
