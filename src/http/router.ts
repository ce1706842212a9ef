// The router over the route table: matches the parsed path (path-table.ts; never an offset into
// the raw URL, so routing cannot depend on the length of the Host header), answers CORS preflights
// and 405s per path, checks the API key before the body is read whenever the key is in a header,
// reads JSON bodies within a bound, gives every HTML answer its security headers, and turns a
// handler's crash into a plain JSON 500.
import { firstFieldError } from "../checks/field-errors.ts";
import type { Logger } from "../log.ts";
import type { Store } from "../store/store.ts";
import { withHtmlHeaders } from "../web/headers.ts";
import { authenticate, apiError, keyFromHeaders } from "./api/auth.ts";
import { readJsonObject } from "./json-body.ts";
import { createPathTable } from "./path-table.ts";
import type { ApiAuth, Call, Method, Route } from "./route.ts";

const CORS_MAX_AGE = "600";

export interface RouterDeps {
  readonly store: Store;
  readonly log: Logger;
  /** the base URL links use when the request does not decide it */
  readonly baseUrl: () => string;
  /** the base URL of links in the answer to a request (public-base.ts); baseUrl() when absent */
  readonly requestBaseUrl?: (req: Request, url: URL) => string;
}

export type Handler = (req: Request, url: URL, socketAddr?: string) => Promise<Response>;

export function createRouter(routes: readonly Route[], deps: RouterDeps): Handler {
  const find = createPathTable(routes);
  return async (req, url, socketAddr = "") => {
    const found = find(url.pathname);
    if (!found) return new Response("not found", { status: 404 });
    const { candidates, params } = found;
    const method = req.method === "HEAD" ? "GET" : req.method;
    const allowed = [...candidates.map((c) => c.method), "OPTIONS"].join(", ");
    if (method === "OPTIONS") return preflight(allowed);
    const route = candidates.find((c) => c.method === method);
    if (!route) {
      const res = apiError(405, "method not allowed");
      res.headers.set("Allow", allowed);
      return res;
    }
    try {
      return withHtmlHeaders(await dispatch(route, { req, url, socketAddr }, { ...params }, deps));
    } catch (error) {
      deps.log.error("request failed", { method: req.method, path: url.pathname, error });
      return Response.json({ error: "internal error" }, { status: 500 });
    }
  };
}

interface Incoming {
  readonly req: Request;
  readonly url: URL;
  readonly socketAddr: string;
}

async function dispatch(route: Route, { req, url, socketAddr }: Incoming, params: Record<string, string>, deps: RouterDeps): Promise<Response> {
  const answerError = route.errorAnswer ?? apiError;
  const needsKey = route.auth === "read" || route.auth === "write";
  let auth: ApiAuth | null = null;
  // a key in a header is checked before anything of the body is read
  const headerKey = keyFromHeaders(req);
  if (needsKey && headerKey !== null) {
    const a = authenticate(deps.store, headerKey, route.auth as "read" | "write");
    if (!a.ok) return answerError(a.status, a.error);
    auth = a.auth;
  }
  let json: Record<string, unknown> | undefined;
  if (req.method !== "GET" && req.method !== "HEAD" && !route.form) {
    const body = await readJsonObject(req);
    if (!body.ok) return answerError(body.status, body.error);
    json = body.value;
  }
  if (needsKey && auth === null) {
    // Healthchecks also takes `api_key` in the JSON body; the body was read within its bound
    const fromBody = typeof json?.api_key === "string" ? json.api_key : null;
    const a = authenticate(deps.store, fromBody, route.auth as "read" | "write");
    if (!a.ok) return answerError(a.status, a.error);
    auth = a.auth;
  }
  const call: Call = {
    req,
    url,
    params,
    baseUrl: deps.requestBaseUrl?.(req, url) ?? deps.baseUrl(),
    auth,
    socketAddr,
    json,
    validate: () => {
      if (!route.body) return { ok: true, data: json };
      const parsed = route.body.safeParse(json ?? {});
      return parsed.success ? { ok: true, data: parsed.data } : { ok: false, response: answerError(400, `json validation error: ${firstFieldError(parsed.error).message}`) };
    },
  };
  return route.handle(call);
}

function preflight(allowed: string): Response {
  return new Response(null, {
    status: 204,
    headers: {
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": allowed,
      "Access-Control-Allow-Headers": "X-Api-Key, Content-Type",
      "Access-Control-Max-Age": CORS_MAX_AGE,
    },
  });
}

export type { Method };
