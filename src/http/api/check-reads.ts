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

/** Healthchecks answers at most this many pings, newest first; flips page by the same count. */
const MAX_PINGS = 1000;
const MAX_FLIPS = 1000;
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
        summary: "Status changes, newest first (at most 1000)",
        description:
          "Answers the newest 1000 flips of the range at most. For older ones, ask again with `end` set to the " +
          "oldest `timestamp` of the answer in UNIX seconds: a page never ends inside a second it does not " +
          "answer whole, so paging this way skips nothing. A row with `changes` folds several changes of one " +
          "minute (a flapping job); `timestamp` is its first, `last_change` its last.",
        params: [
          codeOrKeyParam,
          { name: "seconds", in: "query", description: "Only the last N seconds (0-31536000)", schema: z.string() },
          { name: "start", in: "query", description: "UNIX seconds, inclusive", schema: z.string() },
          { name: "end", in: "query", description: "UNIX seconds, exclusive: the oldest timestamp of the previous page", schema: z.string() },
        ],
        responses: { "200": { schema: z.object({ flips: z.array(flipOutputSchema) }), description: "Flips" }, ...errors(400, 401, 403, 404) },
      },
      handle: (call) => {
        const found = find(call, true);
        if (!found.ok) return failureResponse(found.failure);
        const range = flipRange(call.url.searchParams, deps.now());
        if (!range.ok) return apiError(400, range.error);
        const rows = store.read((tx) => tx.newestFlips(found.value.id, range.value, MAX_FLIPS + 1));
        return json({ flips: flipPage(rows, MAX_FLIPS).map(flipJson) });
      },
    }),
  ];
}

/**
 * The first `max` of `rows` (newest first, one more read than answered), cut so that the next
 * page — `end` = the oldest timestamp answered, in seconds, exclusive — starts exactly where this
 * one stopped: rows of the second the cut falls in wait for the next page, unless that second
 * alone fills the page (then they are answered, and a client moving `end` skips the rest of it).
 */
export function flipPage<T extends { readonly created: number }>(rows: readonly T[], max: number): T[] {
  if (rows.length <= max) return [...rows];
  const second = (r: T): number => Math.floor(r.created / 1000);
  const cut = second(rows[max]!);
  let n = max;
  while (n > 0 && second(rows[n - 1]!) === cut) n--;
  return rows.slice(0, n > 0 ? n : max);
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
