// A Management API v3 client (Healthchecks.io, self-hosted Healthchecks, Tocsin): the checks and
// their pings and flips. Channels and maintenance windows, which are Tocsin's, are in api-alerts.ts.
import type { z } from "zod";
import { CheckListSchema, FlipListSchema, PingListSchema, type RemoteCheck, RemoteCheckSchema, type RemoteFlip, type RemotePing } from "./check-json.ts";
import { describeFailure, exchange, isSuccess } from "./http.ts";

export interface Server {
  /** without a trailing slash */
  readonly baseUrl: string;
  readonly apiKey: string;
}

/** `raw` is the answer's body as the server sent it (what `--json` prints). */
export type ApiResult<T> = { readonly ok: true; readonly status: number; readonly value: T; readonly raw: string } | { readonly ok: false; readonly error: string };

// API calls are interactive or part of an import: one attempt each, answered or reported.
const API_TIMEOUT_MS = 10_000;

/** Fields a client may send on create/update (Healthchecks' names); unknown ones are ignored there. */
/** Field values of a create or update body; objects only for Tocsin's `rules` (copied by import). */
export type CheckFields = Record<string, string | number | boolean | string[] | readonly Readonly<Record<string, string | number>>[]>;

type Body = Readonly<Record<string, unknown>>;

const check = (uuid: string): string => `/api/v3/checks/${encodeURIComponent(uuid)}`;

export async function listChecks(server: Server, filter: { tags?: readonly string[]; slug?: string } = {}): Promise<ApiResult<RemoteCheck[]>> {
  const query = new URLSearchParams();
  for (const tag of filter.tags ?? []) query.append("tag", tag);
  if (filter.slug !== undefined) query.set("slug", filter.slug);
  const qs = query.size > 0 ? `?${query}` : "";
  return unwrap(await call(server, "GET", `/api/v3/checks/${qs}`, undefined, CheckListSchema), (v) => v.checks);
}

/** `code` is a uuid, or the unique_key read-only keys see. */
export function getCheck(server: Server, code: string): Promise<ApiResult<RemoteCheck>> {
  return call(server, "GET", check(code), undefined, RemoteCheckSchema);
}

/** 201 when created, 200 when `unique` matched an existing check (which is then updated). */
export function createCheck(server: Server, fields: CheckFields): Promise<ApiResult<RemoteCheck>> {
  return call(server, "POST", "/api/v3/checks/", fields, RemoteCheckSchema);
}

export function updateCheck(server: Server, uuid: string, fields: CheckFields): Promise<ApiResult<RemoteCheck>> {
  return call(server, "POST", check(uuid), fields, RemoteCheckSchema);
}

export function deleteCheck(server: Server, uuid: string): Promise<ApiResult<RemoteCheck>> {
  return call(server, "DELETE", check(uuid), undefined, RemoteCheckSchema);
}

export function pauseCheck(server: Server, uuid: string): Promise<ApiResult<RemoteCheck>> {
  return call(server, "POST", `${check(uuid)}/pause`, {}, RemoteCheckSchema);
}

export function resumeCheck(server: Server, uuid: string): Promise<ApiResult<RemoteCheck>> {
  return call(server, "POST", `${check(uuid)}/resume`, {}, RemoteCheckSchema);
}

/** Newest first; read-write keys only. */
export async function listPings(server: Server, uuid: string): Promise<ApiResult<RemotePing[]>> {
  return unwrap(await call(server, "GET", `${check(uuid)}/pings/`, undefined, PingListSchema), (v) => v.pings);
}

/** The body of ping `n` as text; binary bodies are reported, not decoded. */
export async function getPingBody(server: Server, uuid: string, n: number): Promise<ApiResult<{ readonly text: string | null; readonly bytes: number }>> {
  const url = `${server.baseUrl}${check(uuid)}/pings/${n}/body`;
  const answer = await exchange({ method: "GET", url, headers: { "X-Api-Key": server.apiKey }, timeoutMs: API_TIMEOUT_MS });
  if (answer.kind !== "answer" || !isSuccess(answer)) return { ok: false, error: `GET ${url}: ${describeFailure(answer, url)}` };
  // the server says text/plain for UTF-8 bodies and application/octet-stream for the rest
  const text = /^text\//.test(answer.contentType ?? "") ? answer.body : null;
  return { ok: true, status: answer.status, value: { text, bytes: answer.bytes.length }, raw: answer.body };
}

/** Newest first. */
export async function listFlips(server: Server, code: string): Promise<ApiResult<RemoteFlip[]>> {
  return unwrap(await call(server, "GET", `${check(code)}/flips/`, undefined, FlipListSchema), (v) => v.flips);
}

export function unwrap<T, U>(result: ApiResult<T>, pick: (value: T) => U): ApiResult<U> {
  return result.ok ? { ...result, value: pick(result.value) } : result;
}

/** One API call: the answer validated by `schema` (only what the client reads; the rest passes). */
export async function call<T>(server: Server, method: string, path: string, body: Body | undefined, schema: z.ZodType<T>): Promise<ApiResult<T>> {
  const url = `${server.baseUrl}${path}`;
  const headers: Record<string, string> = { "X-Api-Key": server.apiKey, Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const answer = await exchange({ method, url, headers, body: body === undefined ? undefined : JSON.stringify(body), timeoutMs: API_TIMEOUT_MS });
  if (answer.kind !== "answer" || !isSuccess(answer)) return { ok: false, error: `${method} ${url}: ${describeFailure(answer, url)}` };
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    return { ok: false, error: `${method} ${url}: the answer is not JSON (is ${server.baseUrl} a Tocsin or Healthchecks server?)` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${method} ${url}: unexpected answer: ${issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "invalid"}` };
  }
  return { ok: true, status: answer.status, value: parsed.data, raw: answer.body };
}
