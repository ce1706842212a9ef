// Push reporters on the ping hot path (SPEC §5.1, §5.2): `POST /reporter/<project>/<check>` and
// Crisp's own `POST /v1/report/<project>/<check>/`. HTTP Basic auth with an empty user and the
// project's reporter token as password is checked before the body is read; the report then goes
// through the same batch writer and recordPing as every ping. Crisp's libraries count only a 200
// as delivered (and report again at half their interval otherwise), so success is exactly
// 200 {"ok":true}.
import { keyMatches } from "../auth/keys.ts";
import type { BatchWriter } from "../ingest/batch-writer.ts";
import type { PingInput, PingOutcome } from "../ingest/record-ping.ts";
import type { Store } from "../store/store.ts";
import { readBounded } from "./json-body.ts";
import { requestUrl } from "./request-url.ts";
import { clientAddress, schemeOf } from "./client-address.ts";

/** Report bodies above this are refused with 413 before they are read. */
export const MAX_REPORT_BODY = 1_000_000;

export interface ReporterHandlerDeps {
  readonly store: Store;
  readonly writer: BatchWriter<PingInput, PingOutcome>;
  readonly now: () => number;
  /** bytes of a body kept in the ping log */
  readonly bodyLimit: number;
  readonly trustProxy: boolean;
}

export type ReporterHandler = (req: Request, socketAddr: string) => Promise<Response> | null;

const SLUG = /^[a-z0-9_-]{1,100}$/;

/** The project and check slugs of a reporter path, "bad" for a reporter path naming nothing valid, null for other paths. */
export function parseReporterPath(pathname: string): { readonly project: string; readonly check: string } | "bad" | null {
  const parts = pathname.split("/").slice(1);
  // Crisp's libraries end the path with a slash; curl users may not
  if (parts.length > 1 && parts.at(-1) === "") parts.pop();
  let rest: string[];
  if (parts[0] === "reporter") rest = parts.slice(1);
  else if (parts[0] === "v1" && parts[1] === "report") rest = parts.slice(2);
  else return null;
  const [project, check, ...extra] = rest;
  if (project === undefined || check === undefined || extra.length > 0 || !SLUG.test(project) || !SLUG.test(check)) return "bad";
  return { project, check };
}

/** Returns a handler that answers reporter paths and returns null for every other path. */
export function createReporterHandler(deps: ReporterHandlerDeps): ReporterHandler {
  return (req, socketAddr) => {
    const url = requestUrl(req);
    // an unparseable URL is the application's 400
    if (url === null) return null;
    const path = parseReporterPath(url.pathname);
    if (path === null) return null;
    if (req.method === "OPTIONS") return Promise.resolve(new Response(null, { status: 204, headers: { ...HEADERS, Allow: "POST, OPTIONS" } }));
    if (req.method !== "POST") return Promise.resolve(answer(405, { ok: false, error: "method not allowed: reports are POSTed" }, { Allow: "POST, OPTIONS" }));
    if (path === "bad") return Promise.resolve(notFound());
    return handle(deps, req, url, path, socketAddr);
  };
}

async function handle(deps: ReporterHandlerDeps, req: Request, url: URL, path: { project: string; check: string }, socketAddr: string): Promise<Response> {
  const target = deps.store.read((tx) => tx.findReporterTarget(path.project, path.check));
  if (target === null) return notFound();
  const token = basicPassword(req.headers.get("authorization"));
  if (token === null || target.tokenHash === null || !keyMatches(token, target.tokenHash)) {
    return answer(401, { ok: false, error: "wrong reporter token" }, { "WWW-Authenticate": 'Basic realm="tocsin reporter"' });
  }
  // only after the token: without it, nobody learns which check slugs exist
  if (target.check === null || target.check.kind !== "reporter") return notFound();
  const read = await readBounded(req, MAX_REPORT_BODY);
  if (read === null) return answer(413, { ok: false, error: "request body too large" });
  const body = { bytes: read.length === 0 ? null : read };
  // the body's schema (zod) loads with the first report, not with the daemon
  const { parseReportBody } = await import("./reporter-body.ts");
  const parsed = parseReportBody(body.bytes);
  if (!parsed.ok) return answer(400, { ok: false, error: parsed.error });
  const bytes = body.bytes;
  const input: PingInput = {
    target: { checkId: target.check.id },
    action: { type: "report" },
    report: parsed.report,
    now: deps.now(),
    method: req.method,
    scheme: schemeOf(req, url, deps.trustProxy),
    remoteAddr: clientAddress(req, socketAddr, deps.trustProxy),
    ua: (req.headers.get("user-agent") ?? "").slice(0, 200),
    body: bytes && bytes.length > deps.bodyLimit ? bytes.subarray(0, deps.bodyLimit) : bytes,
    bodyText: () => "",
    rid: null,
    msg: null,
    // the replica is the host that reported, as Cronitor's `host` is
    host: parsed.report.replicaId,
    series: null,
    queryExitStatus: null,
    duration: null,
    metrics: null,
  };
  let outcome: PingOutcome;
  try {
    outcome = await deps.writer.submit(input);
  } catch {
    // the batch did not commit: nothing was stored, and the library reports again soon
    return answer(503, { ok: false, error: "try again" });
  }
  if (outcome.ok) return answer(200, { ok: true });
  switch (outcome.reason) {
    case "replica_limit":
      return answer(400, { ok: false, error: "replica_id: the check has as many replicas as it may keep; forgotten ones free their place after 7 days" });
    case "not_found":
    case "check_limit":
      return notFound();
    default: {
      const unreachable: never = outcome.reason;
      throw new Error(`unknown ping outcome ${String(unreachable)}`);
    }
  }
}

/** The password of an `Authorization: Basic` header (the user name is not looked at), or null. */
export function basicPassword(header: string | null): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]{1,1000})\s*$/i.exec(header ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? null : decoded.slice(colon + 1);
}

const HEADERS = { "Content-Type": "application/json", "Cache-Control": "no-store" } as const;

function answer(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...HEADERS, ...extra } });
}

function notFound(): Response {
  return answer(404, { ok: false, error: "not found" });
}
