// Plumbing shared by the management API routes (SPEC §6): CORS, OPTIONS and 405 per path, the JSON
// body read by hand (Elysia's own parsing would answer 422 or its own messages), and the mapping
// of operation failures to Healthchecks' status codes and `{"error": ...}` bodies.
import type { CheckFailure } from "../../checks/result.ts";
import { apiError } from "./auth.ts";

export type ApiMethod = "GET" | "POST" | "DELETE";

export interface ApiCall {
  readonly req: Request;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  /** the parsed JSON body of POST and DELETE requests ({} when empty); undefined for GET */
  readonly body: Record<string, unknown> | undefined;
}

export type ApiHandler = (call: ApiCall) => Response | Promise<Response>;
export type Endpoint = Partial<Record<ApiMethod, ApiHandler>>;

/** JSON bodies of the API are small; anything larger is refused before it is parsed. */
const MAX_BODY_BYTES = 1_000_000;
const CORS_MAX_AGE = "600";

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" } });
}

/** One path's methods as an Elysia handler: OPTIONS → 204, unknown methods → 405. */
export function endpoint(methods: Endpoint) {
  const allowed = [...(Object.keys(methods) as ApiMethod[]), "OPTIONS"].join(", ");
  return async ({ request, params }: { request: Request; params: Record<string, string> }): Promise<Response> => {
    if (request.method === "OPTIONS") {
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
    const handler = methods[request.method as ApiMethod];
    if (!handler) {
      const res = apiError(405, "method not allowed");
      res.headers.set("Allow", allowed);
      return res;
    }
    let body: Record<string, unknown> | undefined;
    if (request.method !== "GET") {
      const parsed = await readJsonObject(request);
      if (!parsed.ok) return parsed.response;
      body = parsed.body;
    }
    return handler({ req: request, url: new URL(request.url), params, body });
  };
}

type BodyResult = { ok: true; body: Record<string, unknown> } | { ok: false; response: Response };

async function readJsonObject(req: Request): Promise<BodyResult> {
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return { ok: false, response: apiError(413, "request body too large") };
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) return { ok: false, response: apiError(413, "request body too large") };
  if (text.trim() === "") return { ok: true, body: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, response: apiError(400, "could not parse request body") };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, response: apiError(400, "json validation error: value is not an object") };
  }
  return { ok: true, body: value as Record<string, unknown> };
}

export function failureResponse(f: CheckFailure): Response {
  switch (f.kind) {
    case "invalid":
      return apiError(400, f.message);
    case "not_found":
      return apiError(404, "not found");
    case "forbidden":
      return apiError(403, "check belongs to another project");
    case "check_limit":
      return apiError(403, "check limit reached");
    case "managed":
      return apiError(409, "managed by config file");
    case "conflict":
      return apiError(409, f.message);
    case "not_paused":
      return apiError(409, "check is not paused");
    default: {
      const unreachable: never = f;
      throw new Error(`unknown failure ${JSON.stringify(unreachable)}`);
    }
  }
}
