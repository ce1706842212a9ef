// GET /api/v3/openapi.json: an OpenAPI 3.1 document built from route descriptions whose request
// bodies are the zod schemas the handlers validate with (z.toJSONSchema), so the document cannot
// drift from the validation. Every route the app serves is listed in apiRouteDocs();
// test/http/api-openapi.test.ts compares it with the app's routes.
import { Elysia } from "elysia";
import { z } from "zod";
import pkg from "../../../package.json" with { type: "json" };
import { channelRouteDocs, maintenanceRouteDocs } from "./channel-docs.ts";
import { checkRouteDocs } from "./check-docs.ts";
import type { ApiDeps } from "./context.ts";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete" | "head";

export interface ParamDoc {
  readonly name: string;
  readonly in: "path" | "query" | "header";
  readonly description: string;
  readonly schema: z.ZodType;
}

export interface ResponseDoc {
  readonly description: string;
  /** JSON body; absent for plain-text or binary answers */
  readonly schema?: z.ZodType;
  /** content type when the body is not JSON */
  readonly contentType?: string;
}

export interface RouteDoc {
  readonly method: HttpMethod;
  /** OpenAPI path template: `{param}` */
  readonly path: string;
  readonly summary: string;
  /** read/write: X-Api-Key (read-only keys allowed for read); metrics: optional bearer token */
  readonly auth: "read" | "write" | "none" | "metrics";
  readonly params?: readonly ParamDoc[];
  readonly body?: z.ZodType;
  readonly responses: Readonly<Record<string, ResponseDoc>>;
  /** group in the document; by default the API area (`/api/v3/<area>/`), `metrics` or `pings` */
  readonly tag?: string;
}

const text = (description: string): ResponseDoc => ({ description, contentType: "text/plain" });
const uuidParam: ParamDoc = { name: "uuid", in: "path", description: "Check uuid", schema: z.string() };
const pingQuery: ParamDoc[] = [
  { name: "rid", in: "query", description: "Run id (UUID) pairing a start with its end", schema: z.string() },
  { name: "msg", in: "query", description: "Message, at most 1000 characters", schema: z.string() },
  { name: "duration", in: "query", description: "Seconds the run took (float)", schema: z.string() },
  { name: "create", in: "query", description: "1: create an unknown slug (slug URLs)", schema: z.string() },
];
const pingAnswers = { "200": text("`OK`, or JSON with Accept: application/json"), "201": text("`Created` (slug URL with ?create=1)"), "400": text("`invalid url format`"), "404": text("`not found`") };

/** The ping routes are served outside Elysia (the hot path), so they are described by hand. */
function pingDocs(): RouteDoc[] {
  const both = (path: string, summary: string, params: ParamDoc[], responses: RouteDoc["responses"] = pingAnswers): RouteDoc[] =>
    (["get", "post"] as const).map((method) => ({ method, path, summary, auth: "none" as const, params: [...params, ...pingQuery], responses }));
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
    ...both("/api/push/{push_token}", "Uptime Kuma push (?status=up|down&msg=&ping=)", [{ name: "push_token", in: "path", description: "Push token", schema: z.string() }], {
      "200": { description: '{"ok":true}', schema: z.object({ ok: z.boolean() }) },
      "404": { description: "Unknown token", schema: z.object({ ok: z.boolean(), msg: z.string() }) },
    }),
    ...both("/api/v1/ping/{uuid}/{event}", "Crontify ping: start, success or fail", [uuidParam, event], { "200": { description: "Crontify answer", schema: z.object({ success: z.boolean() }) } }),
    ...both("/api/ping/{uuid}", "StatusRooster ping", [uuidParam], { "200": { description: "StatusRooster answer", schema: z.object({ ok: z.boolean() }) } }),
  ];
}

function serviceDocs(): RouteDoc[] {
  return [
    { method: "get", path: "/api/v3/status/", summary: "OK when the database answers", auth: "none", responses: { "200": text("OK"), "503": text("database unavailable") } },
    { method: "get", path: "/api/v3/openapi.json", summary: "This document", auth: "none", responses: { "200": { description: "OpenAPI 3.1", contentType: "application/json" } } },
    { method: "get", path: "/metrics", summary: "Prometheus metrics", auth: "metrics", responses: { "200": text("Prometheus text format 0.0.4"), "401": text("bearer token required") } },
  ];
}

function statusPageDocs(): RouteDoc[] {
  const page = { description: "Server-rendered HTML", contentType: "text/html" };
  return [
    { method: "get", path: "/status", summary: "Public status page", auth: "none", tag: "status page", responses: { "200": page } },
    { method: "get", path: "/", summary: "The public status page, when TOCSIN_STATUS_AT_ROOT=1", auth: "none", tag: "status page", responses: { "200": page, "404": text("not found") } },
    {
      method: "get",
      path: "/static/{file}",
      summary: "Web assets of the status page (CSS, SVG, JavaScript)",
      auth: "none",
      tag: "status page",
      params: [{ name: "file", in: "path", description: "File name", schema: z.string() }],
      responses: { "200": { description: "The file, with its content type" }, "404": text("not found") },
    },
  ];
}

/** Every route the app serves. New API modules append their lists here. */
export function apiRouteDocs(): RouteDoc[] {
  return [...checkRouteDocs, ...channelRouteDocs, ...maintenanceRouteDocs, ...serviceDocs(), ...statusPageDocs(), ...pingDocs()];
}

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

export function buildOpenApi(routes: readonly RouteDoc[], serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const op: Record<string, unknown> = {
      summary: r.summary,
      operationId: `${r.method}${r.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      tags: [r.tag ?? (r.path.startsWith("/api/v3/") ? r.path.split("/")[3] || "api" : r.path.startsWith("/metrics") ? "metrics" : "pings")],
      responses: Object.fromEntries(Object.entries(r.responses).map(([status, res]) => [status, responseObject(res)])),
    };
    if (r.auth === "read" || r.auth === "write") op.security = [{ apiKey: [] }];
    if (r.auth === "metrics") op.security = [{}, { metricsToken: [] }];
    if (r.params?.length) {
      op.parameters = r.params.map((p) => ({ name: p.name, in: p.in, description: p.description, required: p.in === "path", schema: jsonSchema(p.schema, "input") }));
    }
    if (r.body) op.requestBody = { required: false, content: { "application/json": { schema: jsonSchema(r.body, "input") } } };
    (paths[r.path] ??= {})[r.method] = op;
  }
  return {
    openapi: "3.1.0",
    info: { title: "Tocsin API", version: pkg.version, description: "Healthchecks.io Management API v3 compatible, with Tocsin's extensions." },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        apiKey: { type: "apiKey", in: "header", name: "X-Api-Key", description: "Project API key (may also be sent as `api_key` in a JSON body)" },
        metricsToken: { type: "http", scheme: "bearer", description: "TOCSIN_METRICS_TOKEN, when set" },
      },
    },
    paths,
  };
}

function responseObject(res: ResponseDoc): Record<string, unknown> {
  if (res.schema) return { description: res.description, content: { "application/json": { schema: jsonSchema(res.schema, "output") } } };
  if (res.contentType) return { description: res.description, content: { [res.contentType]: {} } };
  return { description: res.description };
}

export function openApiRoute(deps: Pick<ApiDeps, "baseUrl">) {
  let cached: { base: string; body: string } | null = null;
  return new Elysia().get("/api/v3/openapi.json", () => {
    const base = deps.baseUrl();
    if (cached?.base !== base) cached = { base, body: JSON.stringify(buildOpenApi(apiRouteDocs(), base)) };
    return new Response(cached.body, { headers: { "Content-Type": "application/json", "Access-Control-Allow-Origin": "*" } });
  });
}
