// Applies the fields of a request (or a config entry) to a definition and validates the result as a
// whole: kind inference, cron expression with its time zone, timing limits. Pure apart from the
// compiled zone tables: `now` is an argument. Nothing is written here, so a bad request can never
// leave a half-applied definition behind.
import { canonicalTimeZone, cronErrorDetail, nextFire, parseCron } from "../core/cron.ts";
import { validateTiming } from "../core/deadline.ts";
import { parseIsoInstant } from "../core/iso.ts";
import type { CheckDefinition } from "../store/store.ts";
import { type CheckFields, REMINDER_MIN_SECONDS } from "./definition.ts";
import type { FieldError } from "./field-errors.ts";

export type DefinitionResult = { readonly ok: true; readonly definition: CheckDefinition } | ({ readonly ok: false } & FieldError);

export function mergeDefinition(base: CheckDefinition, f: CheckFields, now: number): DefinitionResult {
  const d: { -readonly [K in keyof CheckDefinition]: CheckDefinition[K] } = { ...base };
  // Healthchecks' legacy subject fields come first, so explicit keywords in the same request win.
  if (f.subject !== undefined) {
    d.successKw = f.subject;
    d.filterSubject = d.successKw !== "" || d.failureKw !== "";
  }
  if (f.subject_fail !== undefined) {
    d.failureKw = f.subject_fail;
    d.filterSubject = d.successKw !== "" || d.failureKw !== "";
  }
  assign(d, f);
  // Kind follows what the request names: a schedule makes a cron check, a timeout a simple one;
  // an explicit kind wins (a reporter has neither).
  if (f.kind !== undefined) d.kind = f.kind;
  else if (f.schedule !== undefined) d.kind = "cron";
  else if (f.timeout !== undefined) d.kind = "simple";

  const timing = validateTiming({ timeout: f.timeout, grace: f.grace, maxRuntime: f.max_runtime === 0 ? null : f.max_runtime, failureThreshold: f.failure_threshold });
  if (!timing.ok) return fail(timing.field, timing.error);
  if (f.reminder_interval !== undefined && f.reminder_interval !== 0 && f.reminder_interval < REMINDER_MIN_SECONDS) {
    return fail("reminder_interval", `reminder_interval must be 0 (off) or at least ${REMINDER_MIN_SECONDS} seconds`);
  }
  if (f.muted_until !== undefined) {
    const muted = parseInstant(f.muted_until);
    if (muted === undefined) return fail("muted_until", "muted_until is not an ISO 8601 instant with a time zone offset (years 2000-9999, offsets up to ±14:00)");
    d.mutedUntil = muted;
  }
  if (f.tz !== undefined) {
    // stored as the zone's own name, whatever letter case it came in
    const tz = canonicalTimeZone(f.tz);
    if (tz === null) return fail("tz", "tz is not a valid timezone");
    d.tz = tz;
  }
  if (d.kind === "cron") {
    const parsed = parseCron(d.schedule, d.tz);
    if (!parsed.ok && parsed.error.field === "tz") return fail("tz", "tz is not a valid timezone");
    if (!parsed.ok) return fail("schedule", `schedule is not a valid cron expression (${cronErrorDetail(parsed.error)})`);
    if (nextFire(parsed.cron, now) === null) return fail("schedule", "schedule is not a valid cron expression (it never fires)");
  }
  return { ok: true, definition: d };
}

function assign(d: { -readonly [K in keyof CheckDefinition]: CheckDefinition[K] }, f: CheckFields): void {
  if (f.name !== undefined) d.name = f.name;
  if (f.slug !== undefined) d.slug = f.slug;
  if (f.tags !== undefined) d.tags = f.tags;
  if (f.desc !== undefined) d.desc = f.desc;
  if (f.timeout !== undefined) d.timeout = f.timeout;
  if (f.grace !== undefined) d.grace = f.grace;
  if (f.schedule !== undefined) d.schedule = f.schedule;
  if (f.tz !== undefined) d.tz = f.tz;
  if (f.max_runtime !== undefined) d.maxRuntime = f.max_runtime === 0 ? null : f.max_runtime;
  if (f.failure_threshold !== undefined) d.failureThreshold = f.failure_threshold;
  if (f.manual_resume !== undefined) d.manualResume = f.manual_resume;
  if (f.methods !== undefined) d.methods = f.methods;
  if (f.start_kw !== undefined) d.startKw = f.start_kw;
  if (f.success_kw !== undefined) d.successKw = f.success_kw;
  if (f.failure_kw !== undefined) d.failureKw = f.failure_kw;
  if (f.filter_subject !== undefined) d.filterSubject = f.filter_subject;
  if (f.filter_body !== undefined) d.filterBody = f.filter_body;
  if (f.filter_http_body !== undefined) d.filterHttpBody = f.filter_http_body;
  if (f.filter_default_fail !== undefined) d.filterDefaultFail = f.filter_default_fail;
  if (f.public !== undefined) d.public = f.public;
  if (f.group !== undefined) d.group = f.group;
  if (f.reminder_interval !== undefined) d.reminderInterval = f.reminder_interval === 0 ? null : f.reminder_interval;
  if (f.push_token !== undefined) d.pushToken = f.push_token;
  if (f.rules !== undefined) d.rules = f.rules;
  if (f.replica_policy !== undefined) d.replicaPolicy = f.replica_policy;
  if (f.load_max === null) {
    d.loadMaxCpu = null;
    d.loadMaxRam = null;
  } else if (f.load_max !== undefined) {
    // a threshold the object leaves out keeps its value; null clears it
    if (f.load_max.cpu !== undefined) d.loadMaxCpu = f.load_max.cpu;
    if (f.load_max.ram !== undefined) d.loadMaxRam = f.load_max.ram;
  }
  if (f.alert_new !== undefined) d.alertNew = f.alert_new;
}

/** "" clears; otherwise a sensible ISO 8601 instant with Z or a numeric offset. Undefined when invalid. */
function parseInstant(text: string): number | null | undefined {
  if (text === "") return null;
  return parseIsoInstant(text) ?? undefined;
}

function fail(field: string, message: string): DefinitionResult {
  return { ok: false, field, message };
}
