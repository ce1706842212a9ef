// Management API: maintenance windows (SPEC §6, §8). A window is a one-off start/end or a cron
// start with a duration; it selects checks by slug or tag. Alerts are held inside it.
import { z } from "zod";
import { firstFieldError } from "../../checks/field-errors.ts";
import { formatInZone } from "../../core/cron.ts";
import { activeAt, nextOccurrence, validateWindow } from "../../core/maintenance.ts";
import { jsonInstant, windowFieldsSchema, windowInput } from "../../notify/window-fields.ts";
import { deleteWindow, getWindow, insertWindow, listWindows, type StoredWindow } from "../../store/maintenance.ts";
import { pullEvaluations } from "../../store/notifications.ts";
import { apiError, authenticate } from "./auth.ts";
import { type ApiCall, endpoint, json } from "./check-request.ts";
import type { ApiDeps } from "./context.ts";

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
  const iso = (ms: number | null): string | null => (ms === null ? null : formatInZone(ms, "UTC"));
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

export function maintenanceRoutes(deps: ApiDeps) {
  const { db } = deps;
  /** held alerts of the project must be looked at again: a window appeared or went */
  const recheck = (projectId: number): void => {
    if (deps.notifier) deps.notifier.recheck({ projectId });
    else pullEvaluations(db, { projectId }, deps.now());
  };
  /** The caller's window named in the path: 404 unknown, 403 another project's. */
  const own = (call: ApiCall, need: "read" | "write"): { ok: true; window: StoredWindow } | { ok: false; response: Response } => {
    const auth = authenticate(db, call.req, call.body, need);
    if (!auth.ok) return auth;
    const w = getWindow(db, call.params.id ?? "");
    if (!w) return { ok: false, response: apiError(404, "not found") };
    if (w.projectId !== auth.project.id) return { ok: false, response: apiError(403, "maintenance window belongs to another project") };
    return { ok: true, window: w };
  };
  return {
    "/api/v3/maintenance/": endpoint({
      GET: (call: ApiCall): Response => {
        const auth = authenticate(db, call.req, undefined, "read");
        if (!auth.ok) return auth.response;
        const now = deps.now();
        return json({ maintenance: listWindows(db, auth.project.id).map((w) => windowJson(w, now)) });
      },
      POST: (call: ApiCall): Response => {
        const auth = authenticate(db, call.req, call.body, "write");
        if (!auth.ok) return auth.response;
        const parsed = createWindowSchema.safeParse(call.body);
        if (!parsed.success) return apiError(400, `json validation error: ${firstFieldError(parsed.error).message}`);
        const valid = validateWindow(windowInput(parsed.data));
        if (!valid.ok) return apiError(400, `json validation error: ${valid.error}`);
        const now = deps.now();
        const w = insertWindow(db, { ...valid.window, projectId: auth.project.id, managed: false }, now);
        recheck(auth.project.id);
        return json(windowJson(w, now), 201);
      },
    }),
    "/api/v3/maintenance/:id": endpoint({
      GET: (call: ApiCall): Response => {
        const found = own(call, "read");
        return found.ok ? json(windowJson(found.window, deps.now())) : found.response;
      },
      DELETE: (call: ApiCall): Response => {
        const found = own(call, "write");
        if (!found.ok) return found.response;
        const w = found.window;
        if (w.managed) return apiError(409, "managed by config file");
        deleteWindow(db, w.id);
        recheck(w.projectId);
        return json(windowJson(w, deps.now()));
      },
    }),
  };
}
