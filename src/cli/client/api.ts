// A Management API v3 client (Healthchecks.io, self-hosted Healthchecks, Tocsin): checks only.
import { type z } from "zod";
import { CheckListSchema, type RemoteCheck, RemoteCheckSchema } from "./check-json.ts";
import { describeFailure, exchange, isSuccess } from "./http.ts";

export interface Server {
  /** without a trailing slash */
  readonly baseUrl: string;
  readonly apiKey: string;
}

export type ApiResult<T> = { readonly ok: true; readonly status: number; readonly value: T } | { readonly ok: false; readonly error: string };

// API calls are interactive or part of an import: one attempt each, answered or reported.
const API_TIMEOUT_MS = 10_000;

/** Fields a client may send on create/update (Healthchecks' names); unknown ones are ignored there. */
/** Field values of a create or update body; objects only for Tocsin's `rules` (copied by import). */
export type CheckFields = Record<string, string | number | boolean | string[] | readonly Readonly<Record<string, string | number>>[]>;

export async function listChecks(server: Server, filter: { tags?: readonly string[]; slug?: string } = {}): Promise<ApiResult<RemoteCheck[]>> {
  const query = new URLSearchParams();
  for (const tag of filter.tags ?? []) query.append("tag", tag);
  if (filter.slug !== undefined) query.set("slug", filter.slug);
  const qs = query.size > 0 ? `?${query}` : "";
  const result = await call(server, "GET", `/api/v3/checks/${qs}`, undefined, CheckListSchema);
  return result.ok ? { ok: true, status: result.status, value: result.value.checks } : result;
}

export function getCheck(server: Server, uuid: string): Promise<ApiResult<RemoteCheck>> {
  return call(server, "GET", `/api/v3/checks/${encodeURIComponent(uuid)}`, undefined, RemoteCheckSchema);
}

/** 201 when created, 200 when `unique` matched an existing check (which is then updated). */
export function createCheck(server: Server, fields: CheckFields): Promise<ApiResult<RemoteCheck>> {
  return call(server, "POST", "/api/v3/checks/", fields, RemoteCheckSchema);
}

export function updateCheck(server: Server, uuid: string, fields: CheckFields): Promise<ApiResult<RemoteCheck>> {
  return call(server, "POST", `/api/v3/checks/${encodeURIComponent(uuid)}`, fields, RemoteCheckSchema);
}

export function deleteCheck(server: Server, uuid: string): Promise<ApiResult<RemoteCheck>> {
  return call(server, "DELETE", `/api/v3/checks/${encodeURIComponent(uuid)}`, undefined, RemoteCheckSchema);
}

export function pauseCheck(server: Server, uuid: string): Promise<ApiResult<RemoteCheck>> {
  return call(server, "POST", `/api/v3/checks/${encodeURIComponent(uuid)}/pause`, {}, RemoteCheckSchema);
}

export function resumeCheck(server: Server, uuid: string): Promise<ApiResult<RemoteCheck>> {
  return call(server, "POST", `/api/v3/checks/${encodeURIComponent(uuid)}/resume`, {}, RemoteCheckSchema);
}

async function call<T>(server: Server, method: string, path: string, body: CheckFields | undefined, schema: z.ZodType<T>): Promise<ApiResult<T>> {
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
  return { ok: true, status: answer.status, value: parsed.data };
}
