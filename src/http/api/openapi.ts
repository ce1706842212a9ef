// GET /api/v3/openapi.json: an OpenAPI 3.1 document built from the route table itself (route.ts),
// whose request bodies are the zod schemas the handlers validate with (z.toJSONSchema), so the
// document cannot drift from the routes or their validation. The ping routes are served before
// the router (the hot path) and are described here by hand.
import { z } from "zod";
import pkg from "../../../package.json" with { type: "json" };
import { generatedFile } from "../../assets.ts";
import { reporterDocs } from "../reporter-docs.ts";
import { type ParamDoc, type ResponseDoc, type Route, route } from "../route.ts";

/** What the document needs of a route: everything but its handler (ping routes are described, not routed). */
export type Documented = Pick<Route, "method" | "path" | "auth" | "body" | "doc">;

const text = (description: string): ResponseDoc => ({ description, contentType: "text/plain" });
const uuidParam: ParamDoc = { name: "uuid", in: "path", description: "Check uuid", schema: z.string() };
const pingQuery: ParamDoc[] = [
  { name: "rid", in: "query", description: "Run id (UUID) pairing a start with its end", schema: z.string() },
  { name: "msg", in: "query", description: "Message, at most 1000 characters (alias: message)", schema: z.string() },
  { name: "duration", in: "query", description: "Seconds the run took (float)", schema: z.string() },
  { name: "create", in: "query", description: "1: create an unknown slug (slug URLs)", schema: z.string() },
  { name: "state", in: "query", description: "Cronitor: run, complete, fail or ok; used when the path names no event", schema: z.string() },
  { name: "metric", in: "query", description: "Cronitor: <name>:<number>, repeatable; duration:<s> sets the duration", schema: z.string() },
  { name: "series", in: "query", description: "Pairs a start with its end when neither carries a rid", schema: z.string() },
  { name: "env", in: "query", description: "Cronitor: the environment, stored with the ping", schema: z.string() },
];
const pingAnswers = { "200": text("`OK`, or JSON with Accept: application/json"), "201": text("`Created` (slug URL with ?create=1)"), "400": text("`invalid url format`"), "404": text("`not found`") };

/** The ping routes are served outside the router (the hot path), so they are described by hand. */
export function pingDocs(): Documented[] {
  const both = (path: string, summary: string, params: ParamDoc[], responses: Readonly<Record<string, ResponseDoc>> = pingAnswers): Documented[] =>
    (["GET", "POST"] as const).map((method) => ({ method, path, auth: "none" as const, doc: { summary, params: [...params, ...pingQuery], responses, tag: "pings" } }));
  const keySlug: ParamDoc[] = [
    { name: "ping_key", in: "path", description: "The project's ping key", schema: z.string() },
    { name: "slug", in: "path", description: "Check slug", schema: z.string() },
  ];
  const event: ParamDoc = { name: "event", in: "path", description: "start|run|r, fail|f, log, success|complete|c, ok, or an exit status 0-255", schema: z.string() };
  const hours: ParamDoc = { name: "hours", in: "path", description: "Mute alerts for this many hours (0 unmutes)", schema: z.string() };
  return [
    ...both("/ping/{uuid}", "Success ping (any HTTP method)", [uuidParam]),
    ...both("/ping/{uuid}/{event}", "Event ping by uuid; with a project ping key first, the same shape is a success ping by slug", [uuidParam, event]),
    ...both("/ping/{uuid}/pause/{hours}", "Mute alerts (Cronitor)", [uuidParam, hours]),
    ...both("/ping/{ping_key}/{slug}/{event}", "Event ping by project ping key and slug", [...keySlug, event]),
    ...both("/ping/{ping_key}/{slug}/pause/{hours}", "Mute alerts by slug", [...keySlug, hours]),
    ...both("/p/{ping_key}/{slug}", "Cronitor telemetry URL: the slug URL, the monitor key normalised to a slug", keySlug),
    ...both("/p/{ping_key}/{slug}/{event}", "Cronitor telemetry URL with an event", [...keySlug, event]),
    ...both("/api/push/{push_token}", "Uptime Kuma push (?status=up|down&msg=&ping=)", [{ name: "push_token", in: "path", description: "Push token", schema: z.string() }], {
      "200": { description: '{"ok":true}', schema: z.object({ ok: z.boolean() }) },
      "404": { description: "Unknown token", schema: z.object({ ok: z.boolean(), msg: z.string() }) },
    }),
    ...both("/api/v1/ping/{uuid}/{event}", "Crontify ping: start, success or fail", [uuidParam, event], { "200": { description: "Crontify answer", schema: z.object({ success: z.boolean() }) } }),
    ...both("/api/ping/{uuid}", "StatusRooster ping (?token=: when given, the check's push token, else 403 invalid token)", [uuidParam], {
      "200": { description: "StatusRooster answer", schema: z.object({ ok: z.boolean() }) },
      "403": { description: "invalid token", schema: z.object({ ok: z.boolean(), error: z.string() }) },
    }),
  ];
}

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

/** `/api/v3/checks/:code` → `/api/v3/checks/{code}` */
export function templatePath(path: string): string {
  return path.replace(/:(\w+)/g, "{$1}");
}

export function buildOpenApi(routes: readonly Documented[], serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = templatePath(r.path);
    const method = r.method.toLowerCase();
    const op: Record<string, unknown> = {
      summary: r.doc.summary,
      operationId: `${method}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      tags: [r.doc.tag ?? (path.startsWith("/api/v3/") ? path.split("/")[3] || "api" : "pages")],
      responses: Object.fromEntries(Object.entries(r.doc.responses).map(([status, res]) => [status, responseObject(res)])),
    };
    if (r.doc.description !== undefined) op.description = r.doc.description;
    if (r.auth === "read" || r.auth === "write") op.security = [{ apiKey: [] }];
    if (r.auth === "metrics") op.security = [{ apiKey: [] }, { bearerKey: [] }, { metricsToken: [] }];
    const params = [...(r.doc.params ?? []), ...pathParams(path, r.doc.params ?? [])];
    if (params.length) {
      op.parameters = params.map((p) => ({ name: p.name, in: p.in, description: p.description, required: p.in === "path", schema: jsonSchema(p.schema, "input") }));
    }
    if (r.body) op.requestBody = { required: false, content: { "application/json": { schema: jsonSchema(r.body, "input") } } };
    (paths[path] ??= {})[method] = op;
  }
  return {
    openapi: "3.1.0",
    info: { title: "Tocsin API", version: pkg.version, description: "Healthchecks.io Management API v3 compatible, with Tocsin's extensions." },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        apiKey: { type: "apiKey", in: "header", name: "X-Api-Key", description: "Project API key (may also be sent as `api_key` in a JSON body)" },
        bearerKey: { type: "http", scheme: "bearer", description: "Project API key as a bearer token (GET /metrics)" },
        metricsToken: { type: "http", scheme: "bearer", description: "TOCSIN_METRICS_TOKEN: GET /metrics of every project (TOCSIN_METRICS_PUBLIC=1 needs none)" },
      },
    },
    paths,
  };
}

function responseObject(res: ResponseDoc): Record<string, unknown> {
  if (res.schema) return { description: res.description, content: { [res.contentType ?? "application/json"]: { schema: jsonSchema(res.schema, "output") } } };
  if (res.contentType) return { description: res.description, content: { [res.contentType]: {} } };
  return { description: res.description };
}

/** Path parameters the route's docs do not describe get a plain description, so the document stays valid. */
function pathParams(path: string, described: readonly ParamDoc[]): ParamDoc[] {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return names.filter((n) => !described.some((p) => p.name === n && p.in === "path")).map((name) => ({ name, in: "path", description: name, schema: z.string() }));
}

/** Where the base URL goes in the shipped document (a JSON string, replaced whole). */
export const SERVER_URL_PLACEHOLDER = "__TOCSIN_BASE_URL__";

/** The document for the route table, as shipped in generated/openapi.json (`npm run openapi`). */
export function openApiText(routes: readonly Documented[]): string {
  return `${JSON.stringify(buildOpenApi([...routes, ...pingDocs(), ...reporterDocs()], SERVER_URL_PLACEHOLDER))}\n`;
}

/**
 * GET /api/v3/openapi.json for `routes()` (the whole table, this route included) plus the ping
 * routes. The document is built at build time (generated/openapi.json, which a test keeps equal to
 * what `routes()` gives): turning every schema into JSON Schema in the daemon cost about 6 MB of
 * memory for good (SPEC §11). Without that file it is built here, once.
 */
export function openApiRoute(routes: () => readonly Documented[], shipped: () => string | null = () => generatedFile("openapi.json")): Route {
  let text: string | null = null;
  let cached: { base: string; body: string } | null = null;
  return route({
    method: "GET",
    path: "/api/v3/openapi.json",
    auth: "none",
    doc: { summary: "This document", tag: "status", responses: { "200": { description: "OpenAPI 3.1", contentType: "application/json" } } },
    handle: (call) => {
      const base = call.baseUrl;
      if (cached?.base !== base) {
        text ??= shipped() ?? openApiText(routes());
        cached = { base, body: text.replace(JSON.stringify(SERVER_URL_PLACEHOLDER), () => JSON.stringify(base)) };
      }
      return new Response(cached.body, { headers: { "Content-Type": "application/json", "Access-Control-Allow-Origin": "*" } });
    },
  });
}
