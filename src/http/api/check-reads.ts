// Read-only views of one check: its pings, a ping's body and its flips (SPEC §6).
import { z } from "zod";
import type { Call, Route } from "../route.ts";
import { route } from "../route.ts";
import { failureResponse, json } from "./answers.ts";
import { apiError } from "./auth.ts";
import { flipJson, pingJson } from "./check-json.ts";
import { resolveCheck } from "./check-lookup.ts";
import type { ApiDeps } from "./context.ts";
import { codeOrKeyParam, codeParam, errorAnswers, flipOutputSchema, pingOutputSchema } from "./schemas.ts";

/** Healthchecks answers at most this many pings, newest first. */
const MAX_PINGS = 1000;
/** `seconds` may reach back one year, `start`/`end` up to year 2286, as in Healthchecks. */
const MAX_FLIP_SECONDS = 31_536_000;
const MAX_TIMESTAMP = 10_000_000_000;

const ERROR_TEXT: Record<number, string> = {
  400: "`seconds`, `start` or `end` out of range",
  401: "`missing api key` or `wrong api key` (read-only keys cannot read pings or bodies)",
  403: "The check belongs to another project",
  404: "No such check (or ping)",
};
const errors = (...statuses: number[]) => errorAnswers(ERROR_TEXT, ...statuses);

export function checkReadRoutes(deps: ApiDeps): Route[] {
  const { store } = deps;
  const find = (call: Call, uniqueKey: boolean) => store.read((tx) => resolveCheck(tx, call.auth!.project, call.params.code ?? "", { uniqueKey }));
  return [
    // read-only keys see no pings or bodies (SPEC §6): they get Healthchecks' 401 "wrong api key"
    route({
      method: "GET",
      path: "/api/v3/checks/:code/pings/",
      auth: "write",
      doc: {
        summary: "Pings, newest first (at most 1000)",
        params: [codeParam],
        responses: { "200": { schema: z.object({ pings: z.array(pingOutputSchema) }), description: "Pings" }, ...errors(401, 403, 404) },
      },
      handle: (call) => {
        const found = find(call, false);
        if (!found.ok) return failureResponse(found.failure);
        const check = found.value;
        const base = call.baseUrl;
        return json({ pings: store.read((tx) => tx.listPings(check.id, MAX_PINGS)).map((p) => pingJson(p, check.uuid, base)) });
      },
    }),
    route({
      method: "GET",
      path: "/api/v3/checks/:code/pings/:n/body",
      auth: "write",
      doc: {
        summary: "Body of one ping, as received",
        params: [codeParam, { name: "n", in: "path", description: "Ping number", schema: z.string() }],
        responses: { "200": { contentType: "application/octet-stream", description: "text/plain for UTF-8 bodies" }, ...errors(401, 403, 404) },
      },
      handle: (call) => {
        const found = find(call, false);
        if (!found.ok) return failureResponse(found.failure);
        const n = call.params.n ?? "";
        if (!/^\d{1,15}$/.test(n)) return apiError(404, "not found");
        const body = store.read((tx) => tx.getPingBody(found.value.id, Number(n)));
        if (!body || body.length === 0) return apiError(404, "not found");
        return new Response(body, { headers: { "Content-Type": contentTypeOf(body), "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" } });
      },
    }),
    route({
      method: "GET",
      path: "/api/v3/checks/:code/flips/",
      auth: "read",
      doc: {
        summary: "Status changes, newest first",
        params: [
          codeOrKeyParam,
          { name: "seconds", in: "query", description: "Only the last N seconds (0-31536000)", schema: z.string() },
          { name: "start", in: "query", description: "UNIX seconds, inclusive", schema: z.string() },
          { name: "end", in: "query", description: "UNIX seconds, exclusive", schema: z.string() },
        ],
        responses: { "200": { schema: z.object({ flips: z.array(flipOutputSchema) }), description: "Flips" }, ...errors(400, 401, 403, 404) },
      },
      handle: (call) => {
        const found = find(call, true);
        if (!found.ok) return failureResponse(found.failure);
        const range = flipRange(call.url.searchParams, deps.now());
        if (!range.ok) return apiError(400, range.error);
        const flips = store.read((tx) => tx.listFlips(found.value.id, range.value)).reverse();
        return json({ flips: flips.map(flipJson) });
      },
    }),
  ];
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
