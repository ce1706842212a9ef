// OpenAPI descriptions of the checks routes. Request bodies are the very zod schemas the handlers
// validate with; response shapes are described here with zod too, next to the code that builds them.
import { z } from "zod";
import { checkFieldsSchema, createCheckSchema } from "../../checks/definition.ts";
import type { ResponseDoc, RouteDoc } from "./openapi.ts";

const nullableIso = z.string().nullable().meta({ description: "ISO 8601, +00:00, second precision" });
const percent = z.number().min(0).max(100).nullable();

export const checkOutputSchema = z.object({
  name: z.string(),
  slug: z.string(),
  tags: z.string(),
  desc: z.string(),
  grace: z.int(),
  n_pings: z.int(),
  status: z.enum(["new", "up", "grace", "down", "paused", "started"]),
  started: z.boolean(),
  last_ping: nullableIso,
  next_ping: nullableIso,
  manual_resume: z.boolean(),
  methods: z.enum(["", "POST"]),
  subject: z.string(),
  subject_fail: z.string(),
  start_kw: z.string(),
  success_kw: z.string(),
  failure_kw: z.string(),
  filter_subject: z.boolean(),
  filter_body: z.boolean(),
  filter_http_body: z.boolean(),
  filter_default_fail: z.boolean(),
  last_duration: z.int().optional().meta({ description: "Seconds the last closed run took" }),
  unique_key: z.string().optional().meta({ description: "Read-only keys only, instead of uuid and URLs" }),
  uuid: z.string().optional(),
  ping_url: z.string().optional(),
  update_url: z.string().optional(),
  pause_url: z.string().optional(),
  resume_url: z.string().optional(),
  channels: z.string().optional().meta({ description: "Comma-separated channel ids" }),
  push_url: z.string().nullable().optional(),
  slug_url: z.string().nullable().optional(),
  badge_url: z.string().optional(),
  timeout: z.int().optional().meta({ description: "Simple checks" }),
  schedule: z.string().optional().meta({ description: "Cron checks" }),
  tz: z.string().optional().meta({ description: "Cron checks" }),
  max_runtime: z.int().meta({ description: "Effective value: grace when not set" }),
  failure_threshold: z.int(),
  public: z.boolean(),
  group: z.string(),
  reminder_interval: z.int().meta({ description: "0 when off" }),
  muted_until: nullableIso,
  managed: z.boolean().meta({ description: "Declared in the config file: the API cannot change or delete it" }),
  uptime: z.object({ "1d": percent, "7d": percent, "30d": percent, "90d": percent }).meta({ description: "Percent of monitored time up; null when nothing was monitored" }),
});

export const pingOutputSchema = z.object({
  type: z.enum(["success", "start", "fail", "log", "ign"]),
  date: z.string(),
  n: z.int(),
  scheme: z.string(),
  remote_addr: z.string(),
  method: z.string(),
  ua: z.string(),
  rid: z.string().nullable(),
  duration: z.number().optional(),
  body_url: z.string().optional(),
  exitstatus: z.int().optional(),
  msg: z.string().optional(),
  host: z.string().optional(),
  series: z.string().optional(),
  metrics: z.record(z.string(), z.number()).optional(),
});

export const flipOutputSchema = z.object({
  timestamp: z.string(),
  up: z.union([z.literal(0), z.literal(1)]),
  old_status: z.string(),
  new_status: z.string(),
  reason: z.string(),
});

export const errorSchema = z.object({ error: z.string() });

const code = { name: "code", in: "path", description: "Check uuid (any letter case)", schema: z.string() } as const;
const codeOrKey = { name: "code", in: "path", description: "Check uuid, or its unique_key (read-only keys)", schema: z.string() } as const;
const checkAnswer = { schema: checkOutputSchema, description: "The check" };
/** `{"error": ...}` answers for `statuses`, each described by `texts`. */
export function errorAnswers(texts: Readonly<Record<number, string>>, ...statuses: number[]): Record<string, ResponseDoc> {
  return Object.fromEntries(statuses.map((s) => [String(s), { schema: errorSchema, description: texts[s] ?? "Error" }]));
}
const errors = (...statuses: number[]) => errorAnswers(ERROR_TEXT, ...statuses);
const ERROR_TEXT: Record<number, string> = {
  400: "Invalid request: `json validation error: <field> ...`, `could not parse request body`",
  401: "`missing api key` or `wrong api key` (read-only keys on write routes too)",
  403: "The check belongs to another project, or the project's check limit is reached",
  404: "No such check",
  409: "`slug already in use`, `managed by config file`, `check is not paused`",
};

export const checkRouteDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/api/v3/checks/",
    summary: "List checks",
    auth: "read",
    params: [
      { name: "tag", in: "query", description: "Only checks with this tag; repeat for AND", schema: z.string() },
      { name: "slug", in: "query", description: "Only the check with this slug", schema: z.string() },
    ],
    responses: { "200": { schema: z.object({ checks: z.array(checkOutputSchema) }), description: "Checks" }, ...errors(401) },
  },
  {
    method: "post",
    path: "/api/v3/checks/",
    summary: "Create a check, or update the one `uuid` or `unique` selects",
    auth: "write",
    body: createCheckSchema,
    responses: { "201": { ...checkAnswer, description: "Created" }, "200": { ...checkAnswer, description: "Updated (uuid or unique matched)" }, ...errors(400, 401, 403, 409) },
  },
  { method: "get", path: "/api/v3/checks/{code}", summary: "Get a check", auth: "read", params: [codeOrKey], responses: { "200": checkAnswer, ...errors(401, 403, 404) } },
  {
    method: "post",
    path: "/api/v3/checks/{code}",
    summary: "Update a check (only the fields given)",
    auth: "write",
    params: [code],
    body: checkFieldsSchema,
    responses: { "200": checkAnswer, ...errors(400, 401, 403, 404, 409) },
  },
  { method: "delete", path: "/api/v3/checks/{code}", summary: "Delete a check; answers it as it was", auth: "write", params: [code], responses: { "200": checkAnswer, ...errors(401, 403, 404, 409) } },
  { method: "post", path: "/api/v3/checks/{code}/pause", summary: "Pause monitoring", auth: "write", params: [code], responses: { "200": checkAnswer, ...errors(401, 403, 404) } },
  { method: "post", path: "/api/v3/checks/{code}/resume", summary: "Resume a paused check", auth: "write", params: [code], responses: { "200": checkAnswer, ...errors(401, 403, 404, 409) } },
  {
    method: "get",
    path: "/api/v3/checks/{code}/pings/",
    summary: "Pings, newest first (at most 1000)",
    auth: "write",
    params: [code],
    responses: { "200": { schema: z.object({ pings: z.array(pingOutputSchema) }), description: "Pings" }, ...errors(401, 403, 404) },
  },
  {
    method: "get",
    path: "/api/v3/checks/{code}/pings/{n}/body",
    summary: "Body of one ping, as received",
    auth: "write",
    params: [code, { name: "n", in: "path", description: "Ping number", schema: z.string() }],
    responses: { "200": { contentType: "application/octet-stream", description: "text/plain for UTF-8 bodies" }, ...errors(401, 403, 404) },
  },
  {
    method: "get",
    path: "/api/v3/checks/{code}/flips/",
    summary: "Status changes, newest first",
    auth: "read",
    params: [
      codeOrKey,
      { name: "seconds", in: "query", description: "Only the last N seconds (0-31536000)", schema: z.string() },
      { name: "start", in: "query", description: "UNIX seconds, inclusive", schema: z.string() },
      { name: "end", in: "query", description: "UNIX seconds, exclusive", schema: z.string() },
    ],
    responses: { "200": { schema: z.object({ flips: z.array(flipOutputSchema) }), description: "Flips" }, ...errors(400, 401, 403, 404) },
  },
];
