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
import type { CronCache } from "../core/cron-cache.ts";
import { clientAddress, schemeOf } from "./client-address.ts";
import { CRONTIFY_JSON_LIMIT, crontifyBody, readPingBody } from "./ping-body.ts";
import { type PingQuery, parsePingQuery } from "./ping-query.ts";
import { answerError, answerOk, preflight } from "./ping-reply.ts";
import { requestUrl } from "./request-url.ts";
import { type ParsedPingUrl, parsePingUrl, type PingRoute } from "./ping-url.ts";

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
  return (req, socketAddr) => {
    // a request whose URL cannot be parsed (no or a malformed Host) is the application's 400
    const url = requestUrl(req);
    if (url === null) return null;
    const parsed = parsePingUrl(url.pathname);
    if (parsed === null) return null;
    if (req.method === "OPTIONS") return Promise.resolve(preflight(deps.bodyLimit));
    return handle(deps, req, url, parsed, socketAddr);
  };
}

async function handle(deps: PingHandlerDeps, req: Request, url: URL, parsed: ParsedPingUrl, socketAddr: string): Promise<Response> {
  const limit = deps.bodyLimit;
  if (!parsed.ok) return answerError(parsed.route, parsed.status, parsed.message, limit);
  const route = parsed.route;
  const query = parsePingQuery(url.searchParams, route, parsed.action.type === "auto");
  if (!query.ok) return answerError(route, 400, query.message, limit);
  const authKey = query.value.authKey ?? req.headers.get("x-ping-key");
  const target = resolveTarget(deps.index, parsed, query.value.create, authKey);
  if (!target.ok) return answerError(route, target.status, target.message, limit);
  // only what is stored is kept in memory; Crontify's JSON is parsed when it is at most 1 MB
  const body = await readPingBody(req, route === "crontify" ? Math.max(limit, CRONTIFY_JSON_LIMIT) : limit);
  if (!body.ok) return answerError(route, 413, "request body too large", limit);
  // only Crontify's own route speaks its JSON shape, and only on a whole body within its bound;
  // every other route stores the body as sent
  const crontify = route === "crontify" && body.whole ? crontifyBody(body.bytes, req.headers.get("content-type")) : null;
  const stored = crontify?.logOutput ?? body.bytes;
  const input: PingInput = {
    target: target.target,
    action: route === "kuma" ? kumaAction(query.value) : parsed.action,
    now: deps.now(),
    method: req.method,
    scheme: schemeOf(req, url, deps.trustProxy),
    remoteAddr: clientAddress(req, socketAddr, deps.trustProxy),
    ua: (req.headers.get("user-agent") ?? "").slice(0, 200),
    body: stored && stored.length > limit ? stored.subarray(0, limit) : stored,
    bodyText: () => (stored ? new TextDecoder().decode(stored.subarray(0, limit)) : ""),
    rid: query.value.rid,
    msg: query.value.msg ?? crontify?.msg?.slice(0, 1000) ?? null,
    host: query.value.host,
    series: query.value.series,
    queryExitStatus: query.value.exitStatus,
    duration: query.value.duration,
    metrics: crontify?.metrics ?? null,
  };
  let outcome: PingOutcome;
  try {
    outcome = await deps.writer.submit(input);
  } catch {
    // the batch did not commit: nothing was stored, the client may retry
    return answerError(route, 503, "try again", limit);
  }
  if (!outcome.ok) {
    return outcome.reason === "not_found" ? answerError(route, 404, "not found", limit) : answerError(route, 403, "check limit reached", limit);
  }
  deps.counted?.(route);
  const check = outcome.check;
  const now = input.now;
  const cron = deps.crons.forCheck(check);
  const expected = expectedAt(check, cron);
  return answerOk(route, req, limit, {
    created: outcome.created,
    name: check.name,
    uuid: check.uuid,
    rid: input.rid,
    kind: outcome.classified.kind,
    status: displayStatus(check, now, cron),
    paused: check.status === "paused",
    nextExpected: expected,
    nextExpectedIso: expected === null ? null : formatInZone(expected, "UTC"),
    nowIso: formatInZone(now, "UTC"),
  });
}

type Resolved = { ok: true; target: PingTarget } | { ok: false; status: 401 | 404; message: string };

function resolveTarget(index: CheckIndex, parsed: Extract<ParsedPingUrl, { ok: true }>, create: boolean, authKey: string | null): Resolved {
  const t = parsed.target;
  if (t.by === "slug") {
    // the ping key in the path is the credential of slug URLs
    const project = index.projectByPingKey(t.pingKey);
    if (!project) return { ok: false, status: 404, message: "not found" };
    const id = index.checkBySlug(project.id, t.slug);
    if (id !== null) return { ok: true, target: { checkId: id } };
    if (!create) return { ok: false, status: 404, message: "not found" };
    return { ok: true, target: { create: { projectId: project.id, checkLimit: project.checkLimit, slug: t.slug } } };
  }
  const id = t.by === "uuid" ? index.checkByUuid(t.uuid) : index.checkByPushToken(t.token);
  if (id === null) return { ok: false, status: 404, message: "not found" };
  const project = index.projectOfCheck(id);
  if (project?.pingAuth && (authKey === null || !keysEqual(authKey, project.pingKey))) {
    return { ok: false, status: 401, message: "auth required" };
  }
  return { ok: true, target: { checkId: id } };
}

/** Uptime Kuma: `status=up` (the default) is a success, any other status a failure. */
function kumaAction(query: PingQuery): Extract<ParsedPingUrl, { ok: true }>["action"] {
  return query.kumaStatus === null || query.kumaStatus === "up" ? { type: "success" } : { type: "fail" };
}
