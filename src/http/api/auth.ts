// API keys (SPEC §6): `X-Api-Key` (or `Authorization: Bearer`) header, or `api_key` in a JSON body;
// read-write or read-only. Keys are looked up by their SHA-256 digest through a unique index, so
// the comparison never depends on how many characters of a stored key match.
import { hashKey } from "../../auth/keys.ts";
import type { Store } from "../../store/store.ts";
import type { ApiAuth } from "../route.ts";

export type Authenticated = { readonly ok: true; readonly auth: ApiAuth } | { readonly ok: false; readonly status: 401; readonly error: string };

export function apiError(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: { "Access-Control-Allow-Origin": "*" } });
}

/** The key a request carries in its headers, or null. */
export function keyFromHeaders(req: Request): string | null {
  const key = req.headers.get("x-api-key");
  if (key !== null && key !== "") return key;
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization")?.trim() ?? "");
  return bearer ? bearer[1]! : null;
}

export function authenticate(store: Store, key: string | null, need: "read" | "write"): Authenticated {
  if (key === null || key === "") return { ok: false, status: 401, error: "missing api key" };
  const found = store.read((tx) => tx.findProjectByKeyHash(hashKey(key)));
  if (!found) return { ok: false, status: 401, error: "wrong api key" };
  if (need === "write" && found.readOnly) return { ok: false, status: 401, error: "wrong api key" };
  return { ok: true, auth: { project: found.project, readOnly: found.readOnly } };
}
