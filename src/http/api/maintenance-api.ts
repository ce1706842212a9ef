// Management API: maintenance windows (SPEC §6, §8). A window is a one-off start/end or a cron
// start with a duration; it selects checks by slug or tag. Alerts are held inside it.
import { z } from "zod";
import { firstFieldError } from "../../checks/field-errors.ts";
import { formatInZone } from "../../core/cron.ts";
import { activeAt, nextOccurrence, validateWindow } from "../../core/maintenance.ts";
import { deleteWindow, getWindow, insertWindow, listWindows, type StoredWindow } from "../../store/maintenance.ts";
import { pullEvaluations } from "../../store/notifications.ts";
import { apiError, authenticate } from "./auth.ts";
import { type ApiCall, endpoint, json } from "./check-request.ts";
import type { ApiDeps } from "./context.ts";

/** ISO 8601 with an offset or Z, or UNIX seconds → epoch ms. */
export const instant = z.union([
  z.number().int().min(0).transform((s) => s * 1000),
  z
    .string()
    .regex(/(Z|[+-]\d{2}:?\d{2})$/i, "must be ISO 8601 with a time zone offset, or UNIX seconds")
    .transform((s, ctx) => {
      const ms = Date.parse(s);
      if (Number.isNaN(ms)) ctx.addIssue({ code: "custom", message: "is not a valid date" });
      return ms;
    }),
]);

const tagList = z.union([z.string().transform((s) => s.split(/[\s,]+/).filter((t) => t !== "")), z.array(z.string().min(1).max(100))]);

const createWindowSchema = z.object({
  name: z.string().max(100).default(""),
  start: instant.optional(),
  end: instant.optional(),
  cron: z.string().min(1).max(200).optional(),
  tz: z.string().max(100).default("UTC"),
  duration: z.number().int().optional(),
  slugs: tagList.default([]),
  tags: tagList.default([]),
});

export function windowJson(w: StoredWindow, now: number): Record<string, unknown> {
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
        const p = parsed.data;
        const valid = validateWindow({ name: p.name, start: p.start ?? null, end: p.end ?? null, cron: p.cron ?? null, tz: p.tz, duration: p.duration ?? null, slugs: p.slugs, tags: p.tags });
        if (!valid.ok) return apiError(400, `json validation error: ${valid.error}`);
        const now = deps.now();
        const w = insertWindow(db, { ...valid.window, projectId: auth.project.id, managed: false }, now);
        recheck(auth.project.id);
        return json(windowJson(w, now), 201);
      },
    }),
    "/api/v3/maintenance/:id": endpoint({
      GET: (call: ApiCall): Response => {
        const auth = authenticate(db, call.req, undefined, "read");
        if (!auth.ok) return auth.response;
        const w = getWindow(db, call.params.id ?? "");
        if (!w) return apiError(404, "not found");
        if (w.projectId !== auth.project.id) return apiError(403, "maintenance window belongs to another project");
        return json(windowJson(w, deps.now()));
      },
      DELETE: (call: ApiCall): Response => {
        const auth = authenticate(db, call.req, call.body, "write");
        if (!auth.ok) return auth.response;
        const w = getWindow(db, call.params.id ?? "");
        if (!w) return apiError(404, "not found");
        if (w.projectId !== auth.project.id) return apiError(403, "maintenance window belongs to another project");
        if (w.managed) return apiError(409, "managed by config file");
        deleteWindow(db, w.id);
        recheck(auth.project.id);
        return json(windowJson(w, deps.now()));
      },
    }),
  };
}
