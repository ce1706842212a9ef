// API keys (SPEC §6): `X-Api-Key` header or `api_key` in a JSON body; read-write or read-only.
import type { Database } from "bun:sqlite";
import { hashKey } from "../../auth/keys.ts";
import { findProjectByKeyHash, type Project } from "../../store/projects.ts";

export type ApiAuth =
  | { readonly ok: true; readonly project: Project; readonly readOnly: boolean }
  | { readonly ok: false; readonly response: Response };

export function apiError(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: { "Access-Control-Allow-Origin": "*" } });
}

/**
 * The project the request's key belongs to. The key is looked up by its SHA-256 digest through a
 * unique index, so the comparison never depends on how many characters of a stored key match.
 * `body` is the parsed JSON body, if any (Healthchecks accepts `api_key` there).
 */
export function authenticate(db: Database, req: Request, body: unknown, need: "read" | "write"): ApiAuth {
  const fromBody = typeof body === "object" && body !== null && typeof (body as { api_key?: unknown }).api_key === "string" ? (body as { api_key: string }).api_key : null;
  const key = req.headers.get("x-api-key") ?? fromBody;
  if (key === null || key === "") return { ok: false, response: apiError(401, "missing api key") };
  const found = findProjectByKeyHash(db, hashKey(key));
  if (!found) return { ok: false, response: apiError(401, "wrong api key") };
  if (need === "write" && found.readOnly) return { ok: false, response: apiError(401, "wrong api key") };
  return { ok: true, project: found.project, readOnly: found.readOnly };
}
