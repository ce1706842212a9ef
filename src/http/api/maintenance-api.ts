// Management API: maintenance windows (SPEC §6, §8). A window is a one-off start/end or a cron
// start with a duration; it selects checks by slug or tag. Alerts are held inside it.
import { z } from "zod";
import { isoOrNull } from "../../core/iso.ts";
import { activeAt, nextOccurrence } from "../../core/maintenance.ts";
import { createWindow, deleteWindow } from "../../checks/window-operations.ts";
import { jsonInstant, windowFieldsSchema, windowInput } from "../../notify/window-fields.ts";
import type { StoredWindow } from "../../store/store.ts";
import { type Call, route, type Route } from "../route.ts";
import { failureResponse, json } from "./answers.ts";
import { apiError } from "./auth.ts";
import type { ApiDeps } from "./context.ts";
import { errorAnswers } from "./schemas.ts";

/** The POST body; the config file's [[maintenance]] entries share its fields. */
export const createWindowSchema = windowFieldsSchema(jsonInstant).extend({ name: z.string().max(100).default("") });

const iso = z.string().nullable().meta({ description: "ISO 8601, +00:00" });

/** What the routes answer; it types windowJson, so the OpenAPI document cannot drift from it. */
export const windowOutputSchema = z.object({
  id: z.string(),
  name: z.string(),
  start: iso.meta({ description: "One-off windows" }),
  end: iso.meta({ description: "One-off windows" }),
  cron: z.string().nullable().meta({ description: "Recurring windows open at every fire of cron in tz" }),
  tz: z.string(),
  duration: z.int().nullable().meta({ description: "Seconds a recurring window lasts" }),
  slugs: z.array(z.string()).readonly(),
  tags: z.array(z.string()).readonly(),
  managed: z.boolean().meta({ description: "Declared in the config file: the API cannot delete it" }),
  active: z.boolean(),
  next: z.object({ start: iso, end: iso }).nullable().meta({ description: "The next occurrence, or the current one" }),
});

export function windowJson(w: StoredWindow, now: number): z.output<typeof windowOutputSchema> {
  const iso = isoOrNull;
  const next = nextOccurrence(w, now);
  return {
    id: w.id,
    name: w.name,
    start: iso(w.start),
    end: iso(w.end),
    cron: w.cron,
    tz: w.tz,
    duration: w.duration,
    slugs: w.slugs,
    tags: w.tags,
    managed: w.managed,
    active: activeAt(w, now),
    next: next ? { start: iso(next.start), end: iso(next.end) } : null,
  };
}

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid request: `json validation error: ...`, `could not parse request body`",
  401: "`missing api key` or `wrong api key`",
  403: "The window belongs to another project",
  404: "No such window",
  409: "`managed by config file`",
};
const errors = (...statuses: number[]) => errorAnswers(ERROR_TEXT, ...statuses);
const windowId = { name: "id", in: "path", description: "Maintenance window id (uuid)", schema: z.string() } as const;
const windowAnswer = { schema: windowOutputSchema, description: "The maintenance window" };

export function maintenanceRoutes(deps: ApiDeps): Route[] {
  const { store } = deps;
  const op = () => ({ store, now: deps.now(), publish: deps.publish });
  /** The caller's window named in the path: 404 unknown, 403 another project's. */
  const own = (call: Call): { ok: true; window: StoredWindow } | { ok: false; response: Response } => {
    const w = store.read((tx) => tx.getWindow(call.params.id ?? ""));
    if (!w) return { ok: false, response: apiError(404, "not found") };
    if (w.projectId !== call.auth!.project.id) return { ok: false, response: apiError(403, "maintenance window belongs to another project") };
    return { ok: true, window: w };
  };
  return [
    route({
      method: "GET",
      path: "/api/v3/maintenance/",
      auth: "read",
      doc: { summary: "List maintenance windows", responses: { "200": { schema: z.object({ maintenance: z.array(windowOutputSchema) }), description: "Windows" }, ...errors(401) } },
      handle: (call) => {
        const now = deps.now();
        return json({ maintenance: store.read((tx) => tx.listWindows(call.auth!.project.id)).map((w) => windowJson(w, now)) });
      },
    }),
    route({
      method: "POST",
      path: "/api/v3/maintenance/",
      auth: "write",
      body: createWindowSchema,
      doc: { summary: "Create a maintenance window: start and end, or cron and duration; slugs or tags", responses: { "201": { ...windowAnswer, description: "Created" }, ...errors(400, 401) } },
      handle: (call) => {
        const parsed = call.validate();
        if (!parsed.ok) return parsed.response;
        const ctx = op();
        const created = createWindow(ctx, call.auth!.project.id, windowInput(parsed.data));
        return created.ok ? json(windowJson(created.value, ctx.now), 201) : failureResponse(created.failure);
      },
    }),
    route({
      method: "GET",
      path: "/api/v3/maintenance/:id",
      auth: "read",
      doc: { summary: "Get a maintenance window", params: [windowId], responses: { "200": windowAnswer, ...errors(401, 403, 404) } },
      handle: (call) => {
        const found = own(call);
        return found.ok ? json(windowJson(found.window, deps.now())) : found.response;
      },
    }),
    route({
      method: "DELETE",
      path: "/api/v3/maintenance/:id",
      auth: "write",
      doc: { summary: "Delete a maintenance window; alerts it held go out at once", params: [windowId], responses: { "200": windowAnswer, ...errors(401, 403, 404, 409) } },
      handle: (call) => {
        const found = own(call);
        if (!found.ok) return found.response;
        const ctx = op();
        const deleted = deleteWindow(ctx, found.window.projectId, found.window.id);
        return deleted.ok ? json(windowJson(deleted.value, ctx.now)) : failureResponse(deleted.failure);
      },
    }),
  ];
}
