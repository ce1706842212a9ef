// Query parameters of ping URLs (SPEC §5): validated, bounded, never fatal except a bad rid or an
// unknown Cronitor state (a misspelt `state=fial` must not be stored as a success).
import type { PingAction } from "../core/ping.ts";
import { METRIC_NAME } from "../core/rules.ts";
import { isUuid } from "../core/uuid.ts";
import type { PingRoute } from "./ping-url.ts";

export interface PingQuery {
  readonly rid: string | null;
  /** `msg`, or Cronitor's `message` */
  readonly msg: string | null;
  readonly host: string | null;
  readonly series: string | null;
  /** Cronitor's environment */
  readonly env: string | null;
  readonly exitStatus: number | null;
  /** seconds: `duration`, else a `metric=duration:<n>` */
  readonly duration: number | null;
  /** `metric=<name>:<number>` other than duration; null when none */
  readonly metrics: Readonly<Record<string, number>> | null;
  /** Cronitor's `state` as the event it names; used when the path names none */
  readonly state: PingAction | null;
  /** the ping carries a Cronitor telemetry parameter (state, message, metric, stamp, env) */
  readonly cronitor: boolean;
  readonly create: boolean;
  readonly authKey: string | null;
  /** Uptime Kuma's `status` */
  readonly kumaStatus: string | null;
  /** StatusRooster's `token`: when given, it must be the check's push token */
  readonly roosterToken: string | null;
}

export type QueryResult = { readonly ok: true; readonly value: PingQuery } | { readonly ok: false; readonly message: string };

/** A ping names few metrics; more are dropped, so every ping's work and row stay small. */
const MAX_METRICS = 50;
/** The bound of a reported duration (SPEC §5): about 115 days. */
const MAX_DURATION = 10_000_000;

const STATES: Readonly<Record<string, PingAction>> = {
  run: { type: "start" },
  complete: { type: "success" },
  fail: { type: "fail" },
  ok: { type: "ok" },
};

const CRONITOR_PARAMS = ["state", "message", "metric", "stamp", "env"] as const;

const text = (v: string | null, max: number): string | null => (v === null ? null : v.slice(0, max));

export function parsePingQuery(q: URLSearchParams, route: PingRoute): QueryResult {
  const rid = q.get("rid");
  if (rid !== null && rid !== "" && !isUuid(rid)) return { ok: false, message: "invalid uuid format" };
  const state = q.get("state");
  if (state !== null && !Object.hasOwn(STATES, state)) return { ok: false, message: "invalid state: use run, complete, fail or ok" };
  const kuma = route === "kuma";
  const metrics = parseMetrics(q.getAll("metric"));
  return {
    ok: true,
    value: {
      rid: rid ? rid.toLowerCase() : null,
      msg: text(q.get("msg") ?? q.get("message"), 1000),
      host: text(q.get("host"), 200),
      series: text(q.get("series"), 200),
      env: text(q.get("env"), 200),
      exitStatus: integer(q.get("exit_code") ?? q.get("status_code")),
      // Kuma reports its round-trip as `ping` in milliseconds
      duration: kuma ? seconds(q.get("ping"), 1000) : (seconds(q.get("duration"), 1) ?? metrics.duration),
      metrics: metrics.others,
      state: state === null ? null : STATES[state]!,
      cronitor: CRONITOR_PARAMS.some((p) => q.has(p)),
      create: q.get("create") === "1",
      authKey: q.get("auth_key"),
      kumaStatus: kuma ? q.get("status") : null,
      roosterToken: route === "rooster" ? q.get("token") : null,
    },
  };
}

/**
 * Cronitor's `metric=<name>:<number>`, repeatable: `duration` is the run's duration, the others
 * are the ping's metrics (the last of a repeated name wins). Malformed ones are dropped: they
 * cannot change what the ping means.
 */
function parseMetrics(values: readonly string[]): { duration: number | null; others: Record<string, number> | null } {
  let duration: number | null = null;
  // a Map, then fromEntries: a metric called __proto__ stays an ordinary key
  const others = new Map<string, number>();
  for (const v of values.slice(0, 2 * MAX_METRICS)) {
    const colon = v.indexOf(":");
    const name = v.slice(0, colon);
    const raw = v.slice(colon + 1).trim();
    const value = Number(raw);
    if (colon < 1 || !METRIC_NAME.test(name) || raw === "" || !Number.isFinite(value)) continue;
    if (name === "duration") {
      if (value >= 0 && value <= MAX_DURATION) duration = value;
    } else if (others.has(name) || others.size < MAX_METRICS) {
      others.set(name, value);
    }
  }
  return { duration, others: others.size === 0 ? null : Object.fromEntries(others) };
}

function integer(v: string | null): number | null {
  return v !== null && /^-?\d{1,10}$/.test(v) ? Number(v) : null;
}

function seconds(v: string | null, per: number): number | null {
  if (v === null || v.trim() === "") return null;
  const n = Number(v);
  // a year caps what a client may claim; anything else is noise
  return Number.isFinite(n) && n >= 0 && n / per <= 31_536_000 ? n / per : null;
}
