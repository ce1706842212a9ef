// Read-only views of one check: its pings, a ping's body and its flips (SPEC §6).
import type { Database } from "bun:sqlite";
import { type CheckResult, failed, ok } from "../../checks/result.ts";
import { UUID_PATTERN } from "../../checks/definition.ts";
import { type Check, getCheckByUuid, listChecksOfProject } from "../../store/checks.ts";
import { listFlips } from "../../store/flips.ts";
import { getPingBody, listPings } from "../../store/pings.ts";
import type { Project } from "../../store/projects.ts";
import { apiError, authenticate } from "./auth.ts";
import { flipJson, pingJson, uniqueKey } from "./check-json.ts";
import { type ApiCall, endpoint, failureResponse, json } from "./check-request.ts";
import type { ApiDeps } from "./context.ts";

/** Healthchecks answers at most this many pings, newest first. */
const MAX_PINGS = 1000;
/** `seconds` may reach back one year, `start`/`end` up to year 2286, as in Healthchecks. */
const MAX_FLIP_SECONDS = 31_536_000;
const MAX_TIMESTAMP = 10_000_000_000;

/**
 * The check `code` names: a uuid (any letter case) or, where Healthchecks allows it, the
 * read-only `unique_key`. Another project's check is 403.
 */
export function resolveCheck(db: Database, project: Project, code: string, allowUniqueKey: boolean): CheckResult<Check> {
  let check: Check | null = null;
  if (UUID_PATTERN.test(code)) check = getCheckByUuid(db, code);
  else if (allowUniqueKey && /^[0-9a-f]{40}$/.test(code)) {
    // unique keys are derived, not stored: a linear pass over the project, as in Healthchecks
    check = listChecksOfProject(db, project.id).find((c) => uniqueKey(c.uuid) === code) ?? null;
  }
  if (!check) return failed({ kind: "not_found" });
  if (check.projectId !== project.id) return failed({ kind: "forbidden" });
  return ok(check);
}

export function checkReadRoutes(deps: ApiDeps) {
  const { db } = deps;
  const find = (call: ApiCall, need: "read" | "write", allowUniqueKey: boolean): CheckResult<{ check: Check }> | { ok: false; response: Response } => {
    const auth = authenticate(db, call.req, undefined, need);
    if (!auth.ok) return { ok: false, response: auth.response };
    const found = resolveCheck(db, auth.project, call.params.code ?? "", allowUniqueKey);
    return found.ok ? ok({ check: found.value }) : found;
  };
  const refuse = (r: { ok: false; response: Response } | { ok: false; failure: Parameters<typeof failureResponse>[0] }): Response =>
    "response" in r ? r.response : failureResponse(r.failure);

  return {
    // read-only keys see no pings or bodies (SPEC §6): they get Healthchecks' 401 "wrong api key"
    "/api/v3/checks/:code/pings/": endpoint({
      GET: (call) => {
        const found = find(call, "write", false);
        if (!found.ok) return refuse(found);
        const { check } = found.value;
        const base = deps.baseUrl();
        return json({ pings: listPings(db, check.id, MAX_PINGS).map((p) => pingJson(p, check.uuid, base)) });
      },
    }),
    "/api/v3/checks/:code/pings/:n/body": endpoint({
      GET: (call) => {
        const found = find(call, "write", false);
        if (!found.ok) return refuse(found);
        const n = call.params.n ?? "";
        if (!/^\d{1,15}$/.test(n)) return apiError(404, "not found");
        const body = getPingBody(db, found.value.check.id, Number(n));
        if (!body || body.length === 0) return apiError(404, "not found");
        return new Response(body, { headers: { "Content-Type": contentTypeOf(body), "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" } });
      },
    }),
    "/api/v3/checks/:code/flips/": endpoint({
      GET: (call) => {
        const found = find(call, "read", true);
        if (!found.ok) return refuse(found);
        const range = flipRange(call.url.searchParams, deps.now());
        if (!range.ok) return apiError(400, range.error);
        const flips = listFlips(db, found.value.check.id, range.value).reverse();
        return json({ flips: flips.map(flipJson) });
      },
    }),
  };
}

/** UTF-8 text is shown as text; anything else is offered as bytes. */
function contentTypeOf(body: Uint8Array): string {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(body);
    return "text/plain; charset=utf-8";
  } catch {
    return "application/octet-stream";
  }
}

type Range = { ok: true; value: { start?: number; end?: number } } | { ok: false; error: string };

/** `seconds` (back from now), `start` (inclusive) and `end` (exclusive) in UNIX seconds. */
export function flipRange(q: URLSearchParams, now: number): Range {
  const value: { start?: number; end?: number } = {};
  for (const [name, max] of [["seconds", MAX_FLIP_SECONDS], ["start", MAX_TIMESTAMP], ["end", MAX_TIMESTAMP]] as const) {
    const raw = q.get(name);
    if (raw === null) continue;
    if (!/^\d{1,11}$/.test(raw) || Number(raw) > max) return { ok: false, error: `${name} must be an integer from 0 to ${max}` };
    const n = Number(raw);
    // Healthchecks treats seconds=0 as "no limit"
    if (name === "seconds" && n > 0) value.start = Math.max(value.start ?? 0, now - n * 1000);
    if (name === "start") value.start = Math.max(value.start ?? 0, n * 1000);
    if (name === "end") value.end = n * 1000;
  }
  return { ok: true, value };
}
