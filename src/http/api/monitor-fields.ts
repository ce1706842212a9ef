// What a StatusRooster client sends to create or change a heartbeat monitor (SPEC §5.1), as the
// check fields and monitor extras of src/checks/monitors.ts. StatusRooster's own fields for other
// monitor types (check_interval, alert_email, webhook_url...) are ignored, as unknown fields are.
import { z } from "zod";
import type { CheckFields, CreateCheckFields } from "../../checks/definition.ts";
import { firstFieldError } from "../../checks/field-errors.ts";
import { HH_MM, MAX_MONITOR_WINDOWS, MONITOR_DAYS } from "../../checks/monitor-windows.ts";
import type { MonitorExtras } from "../../checks/monitors.ts";
import { slugify } from "../../core/slug.ts";
import type { Check } from "../../store/store.ts";

export const MONITOR_TYPE_ERROR = 'only heartbeat monitors exist here: monitor_type must be "heartbeat"';

/** StatusRooster's ranges, and what it assumes when a field is left out. */
const BOUNDS = {
  heartbeat_interval: { min: 60, max: 86_400, default: 300 },
  heartbeat_grace_period: { min: 0, max: 3_600, default: 60 },
} as const;

const seconds = (field: keyof typeof BOUNDS, description: string) =>
  z.int().meta({ minimum: BOUNDS[field].min, maximum: BOUNDS[field].max, default: BOUNDS[field].default, description });

const hhmm = z.string().regex(HH_MM, { error: "must be HH:MM (UTC)" });

export const monitorWindowSchema = z.object({
  day: z.enum(MONITOR_DAYS).meta({ description: "monday ... sunday, or daily" }),
  start_utc: hhmm,
  end_utc: hhmm.meta({ description: "HH:MM (UTC); before start_utc runs past midnight" }),
});

export const monitorFieldsSchema = z
  .object({
    monitor_type: z.string().max(40).meta({ description: 'Must be "heartbeat" (required on create)' }),
    name: z.string().max(100).meta({ description: "Display name (required on create)" }),
    heartbeat_interval: seconds("heartbeat_interval", "Seconds between pings: the check's timeout"),
    heartbeat_grace_period: seconds("heartbeat_grace_period", "Seconds to wait after a missed ping: the check's grace"),
    public: z.boolean().meta({ description: "Shown on the status page (default true)" }),
    paused: z.boolean().meta({ description: "Pause (true) or resume (false)" }),
    group: z.string().max(100).meta({ description: "Status page section" }),
    slug: z.string().max(200).meta({ description: "Lowercased, other characters become hyphens; generated from the name when absent" }),
    maintenance_windows: z.array(monitorWindowSchema).max(MAX_MONITOR_WINDOWS).meta({ description: "Replaces the monitor's maintenance windows; [] clears them" }),
  })
  .partial();

type MonitorBody = z.output<typeof monitorFieldsSchema>;

export type MonitorRequest<F> =
  | { readonly ok: true; readonly fields: F; readonly extras: MonitorExtras }
  | { readonly ok: false; readonly status: 400 | 422; readonly error: string };

type Invalid = Extract<MonitorRequest<unknown>, { ok: false }>;

/** A new monitor: StatusRooster's defaults, a generated slug unless one is given. */
export function createRequest(json: Readonly<Record<string, unknown>> | undefined, uuid: string): MonitorRequest<CreateCheckFields> {
  if (json?.monitor_type !== "heartbeat") return { ok: false, status: 400, error: MONITOR_TYPE_ERROR };
  const body = parseBody(json);
  if (!body.ok) return body;
  const b = body.value;
  if (b.name === undefined || b.name.trim() === "") return invalid("name is required");
  const fields: CreateCheckFields = {
    uuid,
    name: b.name,
    slug: (b.slug === undefined ? "" : slugify(b.slug)) || generatedSlug(b.name, uuid),
    timeout: b.heartbeat_interval ?? BOUNDS.heartbeat_interval.default,
    grace: b.heartbeat_grace_period ?? BOUNDS.heartbeat_grace_period.default,
    public: b.public ?? true,
    group: b.group ?? "",
    // "paused monitors accept pings but don't track them": a ping does not resume them
    manual_resume: true,
  };
  return { ok: true, fields, extras: extrasOf(b) };
}

/** A partial update (PUT and PATCH alike, as StatusRooster): only the fields given change. */
export function updateRequest(json: Readonly<Record<string, unknown>> | undefined, current: Check): MonitorRequest<CheckFields> {
  if (json?.monitor_type !== undefined && json.monitor_type !== "heartbeat") return { ok: false, status: 400, error: MONITOR_TYPE_ERROR };
  const body = parseBody(json ?? {});
  if (!body.ok) return body;
  const b = body.value;
  if (b.name !== undefined && b.name.trim() === "") return invalid("name is required");
  let slug = b.slug === undefined ? undefined : slugify(b.slug);
  if (slug === "") return invalid("slug needs letters or digits");
  // windows select their check by slug: a monitor without one gets one
  if (slug === undefined && current.slug === "" && (b.maintenance_windows?.length ?? 0) > 0) slug = generatedSlug(b.name ?? current.name, current.uuid);
  const fields: CheckFields = {
    ...(b.name === undefined ? {} : { name: b.name }),
    ...(slug === undefined ? {} : { slug }),
    ...(b.heartbeat_interval === undefined ? {} : { timeout: b.heartbeat_interval }),
    ...(b.heartbeat_grace_period === undefined ? {} : { grace: b.heartbeat_grace_period }),
    ...(b.public === undefined ? {} : { public: b.public }),
    ...(b.group === undefined ? {} : { group: b.group }),
  };
  return { ok: true, fields, extras: extrasOf(b) };
}

function parseBody(json: Readonly<Record<string, unknown>>): { ok: true; value: MonitorBody } | Invalid {
  const parsed = monitorFieldsSchema.safeParse(json);
  if (!parsed.success) return invalid(firstFieldError(parsed.error).message);
  for (const field of ["heartbeat_interval", "heartbeat_grace_period"] as const) {
    const value = parsed.data[field];
    const { min, max } = BOUNDS[field];
    if (value !== undefined && (value < min || value > max)) return invalid(`${field} must be between ${min} and ${max} seconds`);
  }
  return { ok: true, value: parsed.data };
}

function extrasOf(b: MonitorBody): MonitorExtras {
  return { ...(b.paused === undefined ? {} : { paused: b.paused }), ...(b.maintenance_windows === undefined ? {} : { windows: b.maintenance_windows }) };
}

/** `nightly-backup-job-3f2a9c`, as StatusRooster makes them: the name and a piece of the id. */
function generatedSlug(name: string, uuid: string): string {
  return `${slugify(name, 90) || "monitor"}-${uuid.slice(0, 6)}`;
}

const invalid = (error: string): Invalid => ({ ok: false, status: 422, error });
