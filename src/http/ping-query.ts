// Query parameters of ping URLs (SPEC §5): validated and bounded. A bad rid, exit status,
// duration or Cronitor state is refused (400) rather than stored as something the client did not
// mean (a misspelt `state=fial` must not count as a success); other text is cut to its limit, and
// malformed metrics are dropped (they cannot change what the ping means).
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

/** SPEC §5: a reported duration is a decimal number of seconds from 0 to 10 000 000. */
export const MAX_DURATION_SECONDS = 10_000_000;
/** plain decimal notation only: Number() would also read "0x10", "1e3" or " 5" */
const DECIMAL = /^\d{1,12}(\.\d{1,12})?$/;
const SIGNED_DECIMAL = /^-?\d{1,15}(\.\d{1,15})?$/;
const EXIT_STATUS = /^\d{1,3}$/;
/** A ping names few metrics; more are dropped, so every ping's work and row stay small. */
const MAX_METRICS = 50;

const STATES: Readonly<Record<string, PingAction>> = {
  run: { type: "start" },
  complete: { type: "success" },
  fail: { type: "fail" },
  ok: { type: "ok" },
};

const CRONITOR_PARAMS = ["state", "message", "metric", "stamp", "env"] as const;

const text = (v: string | null, max: number): string | null => (v === null ? null : v.slice(0, max));

/** A URL without a query (most pings): the answer every parameter being absent gives. */
const NO_QUERY: QueryResult = {
  ok: true,
  value: { rid: null, msg: null, host: null, series: null, env: null, exitStatus: null, duration: null, metrics: null, state: null, cronitor: false, create: false, authKey: null, kumaStatus: null, roosterToken: null },
};

/**
 * The query of `url` (its search parameters are never built when it has none).
 * `usesExitStatus`: the path names no event, so `exit_code`/`status_code` decide it.
 */
export function parsePingQuery(url: URL, route: PingRoute, usesExitStatus: boolean): QueryResult {
  // "" also for a bare "?"
  if (url.search === "") return NO_QUERY;
  const q = url.searchParams;
  const rid = q.get("rid");
  if (rid !== null && rid !== "" && !isUuid(rid)) return { ok: false, message: "invalid uuid format" };
  const state = q.get("state");
  if (state !== null && !Object.hasOwn(STATES, state)) return { ok: false, message: "invalid state: use run, complete, fail or ok" };
  const kuma = route === "kuma";
  const exitText = q.get("exit_code") ?? q.get("status_code");
  const exitStatus = usesExitStatus && !kuma ? exitStatusOf(exitText) : null;
  if (exitStatus === "invalid") return { ok: false, message: "invalid exit status" };
  // Kuma reports its round-trip as `ping` in milliseconds, and what it sends is not the user's to fix
  const duration = kuma ? secondsOf(q.get("ping"), 1000) : secondsOf(q.get("duration"), 1);
  if (duration === "invalid" && !kuma) return { ok: false, message: "invalid duration" };
  const metrics = metricsOf(q.getAll("metric"));
  return {
    ok: true,
    value: {
      rid: rid ? rid.toLowerCase() : null,
      msg: text(q.get("msg") ?? q.get("message"), 1000),
      host: text(q.get("host"), 200),
      series: text(q.get("series"), 200),
      env: text(q.get("env"), 200),
      exitStatus,
      duration: (duration === "invalid" ? null : duration) ?? metrics.duration,
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
 * Cronitor's `metric=<name>:<number>`, repeatable: `duration` is the run's duration (when
 * `duration=` is absent), the others are the ping's metrics (the last of a repeated name wins).
 */
function metricsOf(values: readonly string[]): { duration: number | null; others: Record<string, number> | null } {
  let duration: number | null = null;
  // a Map, then fromEntries: a metric called __proto__ stays an ordinary key
  const others = new Map<string, number>();
  for (const v of values.slice(0, 2 * MAX_METRICS)) {
    const colon = v.indexOf(":");
    const name = v.slice(0, colon);
    const raw = v.slice(colon + 1);
    if (colon < 1 || !METRIC_NAME.test(name) || !SIGNED_DECIMAL.test(raw)) continue;
    if (name === "duration") {
      const seconds = secondsOf(raw, 1);
      if (typeof seconds === "number") duration = seconds;
    } else if (others.has(name) || others.size < MAX_METRICS) {
      others.set(name, Number(raw));
    }
  }
  return { duration, others: others.size === 0 ? null : Object.fromEntries(others) };
}

/** 0-255, as a process can exit; anything else would be stored as a status no process had. */
function exitStatusOf(v: string | null): number | null | "invalid" {
  if (v === null) return null;
  return EXIT_STATUS.test(v) && Number(v) <= 255 ? Number(v) : "invalid";
}

function secondsOf(v: string | null, per: number): number | null | "invalid" {
  if (v === null || v === "") return null;
  if (!DECIMAL.test(v)) return "invalid";
  const s = Number(v) / per;
  return s <= MAX_DURATION_SECONDS ? s : "invalid";
}
