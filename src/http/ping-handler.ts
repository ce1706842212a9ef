// The ping hot path (SPEC §5, §5.1), served straight from Bun.serve: parse the URL, look the check
// up in memory, read the body within bounds, hand the ping to the batch writer and answer once
// its batch has committed.
import { keysEqual } from "../auth/keys.ts";
import { formatInZone } from "../core/cron.ts";
import { expectedAt } from "../core/deadline.ts";
import { displayStatus } from "../core/status.ts";
import type { BatchWriter } from "../ingest/batch-writer.ts";
import type { CheckIndex } from "../ingest/check-index.ts";
import type { PingInput, PingOutcome, PingTarget } from "../ingest/record-ping.ts";
import type { PingAction } from "../core/ping.ts";
import type { CronCache } from "../core/cron-cache.ts";
import { clientAddress, schemeOf } from "./client-address.ts";
import { CRONTIFY_JSON_LIMIT, crontifyBody, readPingBody } from "./ping-body.ts";
import { type PingQuery, parsePingQuery } from "./ping-query.ts";
import { PingReplies, type PingSummary } from "./ping-reply.ts";
import { requestUrl } from "./request-url.ts";
import { type ParsedPingUrl, parsePingUrl, type PingRoute, slugTarget } from "./ping-url.ts";

export interface PingHandlerDeps {
  readonly index: CheckIndex;
  readonly writer: BatchWriter<PingInput, PingOutcome>;
  readonly crons: CronCache;
  readonly now: () => number;
  /** bytes of a body kept */
  readonly bodyLimit: number;
  readonly trustProxy: boolean;
  /** counts pings by route, for /metrics */
  readonly counted?: (route: PingRoute) => void;
}

export type PingHandler = (req: Request, socketAddr: string) => Promise<Response> | null;

/** Returns a handler that answers ping paths and returns null for every other path. */
export function createPingHandler(deps: PingHandlerDeps): PingHandler {
  const replies = new PingReplies(deps.bodyLimit);
  return (req, socketAddr) => {
    // a request whose URL cannot be parsed (no or a malformed Host) is the application's 400
    const url = requestUrl(req);
    if (url === null) return null;
    const parsed = parsePingUrl(url.pathname);
    if (parsed === null) return null;
    if (req.method === "OPTIONS") return Promise.resolve(replies.preflight());
    return handle(deps, replies, req, url, parsed, socketAddr);
  };
}

async function handle(deps: PingHandlerDeps, replies: PingReplies, req: Request, url: URL, parsed: ParsedPingUrl, socketAddr: string): Promise<Response> {
  const limit = deps.bodyLimit;
  if (!parsed.ok) return replies.error(parsed.route, parsed.status, parsed.message);
  const route = parsed.route;
  const query = parsePingQuery(url, route, parsed.action.type === "auto");
  if (!query.ok) return replies.error(route, 400, query.message);
  const q = query.value;
  const basic = basicAuthUser(req.headers.get("authorization"));
  const target = resolveTarget(deps.index, parsed, {
    create: q.create,
    authKey: q.authKey ?? req.headers.get("x-ping-key") ?? basic,
    cronitorForm: q.cronitor || basic !== null,
    token: q.roosterToken,
  });
  if (!target.ok) return replies.error(route, target.status, target.message);
  // only what is stored is kept in memory; Crontify's JSON is parsed when it is at most 1 MB
  const body = await readPingBody(req, route === "crontify" ? Math.max(limit, CRONTIFY_JSON_LIMIT) : limit);
  if (!body.ok) return replies.error(route, 413, "request body too large");
  const input = pingInput(deps, req, url, socketAddr, { route, action: actionOf(parsed, q), target: target.target, query: q, body: body.bytes, wholeBody: body.whole });
  let outcome: PingOutcome;
  try {
    outcome = await deps.writer.submit(input);
  } catch {
    // the batch did not commit: nothing was stored, the client may retry
    return replies.error(route, 503, "try again");
  }
  if (!outcome.ok) {
    return outcome.reason === "not_found" ? replies.error(route, 404, "not found") : replies.error(route, 403, "check limit reached");
  }
  deps.counted?.(route);
  return replies.ok(route, req, outcome.created, () => summaryOf(deps, outcome, input));
}

interface Received {
  readonly route: PingRoute;
  readonly action: PingAction;
  readonly target: PingTarget;
  readonly query: PingQuery;
  readonly body: Uint8Array | null;
  /** nothing of the body was cut off while reading it */
  readonly wholeBody: boolean;
}

/** The one ping operation's input: what the request said, within the bounds. */
function pingInput(deps: PingHandlerDeps, req: Request, url: URL, socketAddr: string, r: Received): PingInput {
  const limit = deps.bodyLimit;
  const q = r.query;
  // only Crontify's own route speaks its JSON shape, and only on a whole body within its bound;
  // every other route stores the body as sent
  const crontify = r.route === "crontify" && r.wholeBody ? crontifyBody(r.body, req.headers.get("content-type")) : null;
  const stored = crontify?.logOutput ?? r.body;
  return {
    target: r.target,
    action: r.action,
    now: deps.now(),
    method: req.method,
    scheme: schemeOf(req, url, deps.trustProxy),
    remoteAddr: clientAddress(req, socketAddr, deps.trustProxy),
    ua: (req.headers.get("user-agent") ?? "").slice(0, 200),
    body: stored && stored.length > limit ? stored.subarray(0, limit) : stored,
    bodyText: () => (stored ? new TextDecoder().decode(stored.subarray(0, limit)) : ""),
    rid: q.rid,
    msg: q.msg ?? crontify?.msg?.slice(0, 1000) ?? null,
    host: q.host,
    series: q.series,
    env: q.env,
    queryExitStatus: q.exitStatus,
    duration: q.duration,
    metrics: mergeMetrics(crontify?.metrics ?? null, q.metrics),
  };
}

function summaryOf(deps: PingHandlerDeps, outcome: Extract<PingOutcome, { ok: true }>, input: PingInput): PingSummary {
  const check = outcome.check;
  const cron = deps.crons.forCheck(check);
  const expected = expectedAt(check, cron);
  return {
    name: check.name,
    uuid: check.uuid,
    rid: input.rid,
    kind: outcome.classified.kind,
    status: displayStatus(check, input.now, cron),
    paused: check.status === "paused",
    nextExpected: expected,
    nextExpectedIso: expected === null ? null : formatInZone(expected, "UTC"),
    nowIso: formatInZone(input.now, "UTC"),
  };
}

/**
 * What the ping means: Kuma's status on its route; else the path's event, or, when the path names
 * none, Cronitor's `state` (a Cronitor-form ping without state is a success, a heartbeat).
 */
function actionOf(parsed: Extract<ParsedPingUrl, { ok: true }>, q: PingQuery): PingAction {
  if (parsed.route === "kuma") return kumaAction(q);
  return parsed.action.type === "auto" && q.state !== null ? q.state : parsed.action;
}

/** Body metrics (Crontify's meta) and query metrics (Cronitor's metric=) together; the query's win. */
function mergeMetrics(body: Readonly<Record<string, number>> | null, query: Readonly<Record<string, number>> | null): Readonly<Record<string, number>> | null {
  if (body === null || query === null) return body ?? query;
  return { ...body, ...query };
}

/** The user name of `Authorization: Basic base64(user:password)`; null without a well-formed one. */
function basicAuthUser(header: string | null): string | null {
  const m = /^Basic\s+([A-Za-z0-9+/]+={0,2})$/i.exec(header?.trim() ?? "");
  if (!m) return null;
  let decoded: string;
  try {
    decoded = atob(m[1]!);
  } catch {
    return null;
  }
  const colon = decoded.indexOf(":");
  return colon < 0 ? null : decoded.slice(0, colon);
}

interface Access {
  readonly create: boolean;
  /** `auth_key`, `X-Ping-Key` or the Basic auth user: the ping key of ping_auth projects */
  readonly authKey: string | null;
  /** slug URLs normalise Cronitor monitor keys (SPEC §5) */
  readonly cronitorForm: boolean;
  /** StatusRooster's `?token=` */
  readonly token: string | null;
}

type Resolved = { ok: true; target: PingTarget } | { ok: false; status: 400 | 401 | 403 | 404; message: string };

function resolveTarget(index: CheckIndex, parsed: Extract<ParsedPingUrl, { ok: true }>, access: Access): Resolved {
  const t = parsed.target;
  if (t.by === "slug") {
    const named = slugTarget(t.key, t.telemetry || access.cronitorForm);
    if (named === null) return { ok: false, status: 400, message: "invalid url format" };
    // the ping key in the path is the credential of slug URLs
    const project = index.projectByPingKey(t.pingKey);
    if (!project) return { ok: false, status: 404, message: "not found" };
    const id = index.checkBySlug(project.id, named.slug);
    if (id !== null) return { ok: true, target: { checkId: id } };
    if (!access.create && !project.pingCreate) return { ok: false, status: 404, message: "not found" };
    return { ok: true, target: { create: { projectId: project.id, checkLimit: project.checkLimit, ...named } } };
  }
  const id = t.by === "uuid" ? index.checkByUuid(t.uuid) : index.checkByPushToken(t.token);
  if (id === null) return { ok: false, status: 404, message: "not found" };
  const project = index.projectOfCheck(id);
  if (project?.pingAuth && (access.authKey === null || !keysEqual(access.authKey, project.pingKey))) {
    return { ok: false, status: 401, message: "auth required" };
  }
  if (access.token !== null && index.checkByPushToken(access.token) !== id) return { ok: false, status: 403, message: "invalid token" };
  return { ok: true, target: { checkId: id } };
}

/** Uptime Kuma: `status=up` (the default) is a success, any other status a failure. */
function kumaAction(query: PingQuery): PingAction {
  return query.kumaStatus === null || query.kumaStatus === "up" ? { type: "success" } : { type: "fail" };
}
