// StatusRooster's management API for heartbeat monitors (SPEC §5.1): `/api/v1/monitors` with
// `X-API-Key` (a Tocsin read-write key: monitors carry ping URLs) and StatusRooster's envelope
// `{"data", "error"}` (+ `meta` on lists), errors included. Monitors are the project's checks.
import { z } from "zod";
import { createMonitor, deleteMonitor, updateMonitor } from "../../checks/monitors.ts";
import type { OperationContext } from "../../checks/operations.ts";
import type { CheckFailure, CheckResult } from "../../checks/result.ts";
import { isUuid } from "../../core/uuid.ts";
import type { Check, Project } from "../../store/store.ts";
import { oneMonitor, projectMonitors } from "../../views/monitors.ts";
import { type Call, route, type Route } from "../route.ts";
import { json } from "./answers.ts";
import type { ApiDeps } from "./context.ts";
import { createRequest, monitorFieldsSchema, updateRequest } from "./monitor-fields.ts";
import { monitorJson, monitorOutputSchema } from "./monitor-json.ts";

/** StatusRooster's envelope; lists add `meta`. */
function envelope(data: unknown, status = 200, meta?: Record<string, unknown>): Response {
  return json(meta === undefined ? { data, error: null } : { data, error: null, meta }, status);
}

export function envelopeError(status: number, error: string): Response {
  return json({ data: null, error }, status);
}

/** Operation failures in StatusRooster's codes: 404 for a monitor that is not the key's, 403 for the limit, 422 for values. */
function failureAnswer(f: CheckFailure): Response {
  switch (f.kind) {
    case "invalid":
      return envelopeError(422, f.message.replace(/^json validation error: /, ""));
    case "not_found":
    case "forbidden":
      return envelopeError(404, "monitor not found");
    case "check_limit":
      return envelopeError(403, "monitor limit reached (the project's check_limit)");
    case "managed":
      return envelopeError(409, "managed by config file");
    case "conflict":
      return envelopeError(409, f.message);
    case "not_paused":
      return envelopeError(409, "monitor is not paused");
    default: {
      const unreachable: never = f;
      throw new Error(`unknown failure ${JSON.stringify(unreachable)}`);
    }
  }
}

const one = (schema: z.ZodType) => z.object({ data: schema, error: z.null() });
const failure = (description: string) => ({ description, schema: z.object({ data: z.null(), error: z.string() }) });
const FAILURES = {
  "400": failure('`monitor_type` other than "heartbeat", or a body that is not JSON'),
  "401": failure("`missing api key` or `wrong api key` (read-only keys too)"),
  "403": failure("The project's check limit is reached"),
  "404": failure("No such monitor in the key's project"),
  "409": failure("`slug already in use`, `managed by config file`"),
  "413": failure("Body over 1 MB"),
  "422": failure("A value out of range or of the wrong type, e.g. `heartbeat_interval must be between 60 and 86400 seconds`"),
} as const;
const pick = (...codes: (keyof typeof FAILURES)[]) => Object.fromEntries(codes.map((c) => [c, FAILURES[c]]));
const idParam = { name: "id", in: "path", description: "Monitor id: the check's uuid", schema: z.string() } as const;
const TAG = "monitors (StatusRooster)";

export function monitorRoutes(deps: ApiDeps): Route[] {
  const { store } = deps;
  const op = (): OperationContext => ({ store, crons: deps.crons, now: deps.now(), publish: deps.publish });
  const show = (call: Call, check: Check, now: number, status = 200): Response => envelope(monitorJson(store.read((tx) => oneMonitor(tx, check, now)), call.baseUrl), status);
  const answer = (call: Call, result: CheckResult<Check>, now: number): Response => (result.ok ? show(call, result.value, now) : failureAnswer(result.failure));
  /** The key's monitor named in the path; another project's is as unknown as a missing one. */
  const own = (call: Call): Check | null => {
    const id = call.params.id ?? "";
    const check = isUuid(id) ? store.read((tx) => tx.getCheckByUuid(id)) : null;
    return check && check.projectId === call.auth!.project.id ? check : null;
  };
  const update = (call: Call): Response => {
    const found = own(call);
    if (!found) return envelopeError(404, "monitor not found");
    const request = updateRequest(call.json, found);
    if (!request.ok) return envelopeError(request.status, request.error);
    const ctx = op();
    return answer(call, updateMonitor(ctx, call.auth!.project, found.uuid, request.fields, request.extras), ctx.now);
  };
  const common = { auth: "write", errorAnswer: envelopeError } as const;
  return [
    route({
      ...common,
      method: "GET",
      path: "/api/v1/monitors",
      doc: { summary: "List monitors: every check of the project", tag: TAG, responses: { "200": { description: "Monitors", schema: z.object({ data: z.array(monitorOutputSchema), error: z.null(), meta: z.object({ total: z.int() }) }) }, ...pick("401") } },
      handle: (call) => {
        const now = deps.now();
        const monitors = store.read((tx) => projectMonitors(tx, call.auth!.project.id, now)).map((m) => monitorJson(m, call.baseUrl));
        return envelope(monitors, 200, { total: monitors.length });
      },
    }),
    route({
      ...common,
      method: "POST",
      path: "/api/v1/monitors",
      body: monitorFieldsSchema,
      doc: { summary: "Create a heartbeat monitor", tag: TAG, responses: { "201": { description: "Created", schema: one(monitorOutputSchema) }, ...pick("400", "401", "403", "409", "413", "422") } },
      handle: (call) => {
        const request = createRequest(call.json, crypto.randomUUID());
        if (!request.ok) return envelopeError(request.status, request.error);
        const ctx = op();
        const project: Project = call.auth!.project;
        const created = createMonitor(ctx, project, request.fields, request.extras);
        return created.ok ? show(call, created.value, ctx.now, 201) : failureAnswer(created.failure);
      },
    }),
    route({
      ...common,
      method: "GET",
      path: "/api/v1/monitors/:id",
      doc: { summary: "Get a monitor", tag: TAG, params: [idParam], responses: { "200": { description: "The monitor", schema: one(monitorOutputSchema) }, ...pick("401", "404") } },
      handle: (call) => {
        const found = own(call);
        return found ? show(call, found, deps.now()) : envelopeError(404, "monitor not found");
      },
    }),
    ...(["PUT", "PATCH"] as const).map((method) =>
      route({
        ...common,
        method,
        path: "/api/v1/monitors/:id",
        body: monitorFieldsSchema,
        doc: { summary: "Update a monitor: only the fields given (PUT and PATCH alike)", tag: TAG, params: [idParam], responses: { "200": { description: "The monitor", schema: one(monitorOutputSchema) }, ...pick("400", "401", "404", "409", "413", "422") } },
        handle: update,
      }),
    ),
    route({
      ...common,
      method: "DELETE",
      path: "/api/v1/monitors/:id",
      doc: {
        summary: "Delete a monitor with its check, pings and maintenance windows",
        tag: TAG,
        params: [idParam],
        responses: { "200": { description: "Deleted", schema: one(z.object({ deleted: z.literal(true), monitor_id: z.string() })) }, ...pick("401", "404", "409") },
      },
      handle: (call) => {
        const found = own(call);
        if (!found) return envelopeError(404, "monitor not found");
        const deleted = deleteMonitor(op(), call.auth!.project, found.uuid);
        return deleted.ok ? envelope({ deleted: true, monitor_id: found.uuid }) : failureAnswer(deleted.failure);
      },
    }),
  ];
}
