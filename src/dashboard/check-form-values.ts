// The check form's values both ways: a stored check as the form's fields (durations written as
// people type them, `1h30m`), and a posted form as the API's check fields, validated by the same
// zod schema as `POST /api/v3/checks/` (definition.ts) so that each message reads as the API's.
// What only a form needs — durations, one rule per line, unticked boxes — is decoded here first.
import type { z } from "zod";
import { checkFieldsSchema, type CheckFields } from "../checks/definition.ts";
import { describeIssue, issueText } from "../checks/field-errors.ts";
import { formatDuration, parseDuration } from "../core/duration.ts";
import { RULE_OPS, type Rule } from "../core/rules.ts";
import type { CheckDefinition } from "../store/store.ts";
import type { FieldErrors } from "./form-kit.ts";

export const CHECK_KINDS = ["simple", "cron", "reporter"] as const;
export type FormKind = (typeof CHECK_KINDS)[number];

const TEXTS = ["name", "slug", "tags", "desc", "group", "start_kw", "success_kw", "failure_kw"] as const;
const SWITCHES = ["public", "alert_new", "manual_resume", "filter_subject", "filter_body", "filter_http_body", "filter_default_fail"] as const;
/** duration fields; an empty one means 0 where 0 means "off" or "as grace" */
const DURATIONS = { timeout: "required", grace: "required", max_runtime: "zero", reminder_interval: "zero" } as const;
type DurationField = keyof typeof DURATIONS;

/** The form's fields of a stored check (and its assigned channels' ids). */
export function valuesOfCheck(c: CheckDefinition, channelIds: readonly string[]): URLSearchParams {
  const v = new URLSearchParams();
  const texts: Record<(typeof TEXTS)[number], string> = { name: c.name, slug: c.slug, tags: c.tags, desc: c.desc, group: c.group, start_kw: c.startKw, success_kw: c.successKw, failure_kw: c.failureKw };
  for (const k of TEXTS) v.set(k, texts[k]);
  const switches: Record<(typeof SWITCHES)[number], boolean> = {
    public: c.public,
    alert_new: c.alertNew,
    manual_resume: c.manualResume,
    filter_subject: c.filterSubject,
    filter_body: c.filterBody,
    filter_http_body: c.filterHttpBody,
    filter_default_fail: c.filterDefaultFail,
  };
  for (const k of SWITCHES) if (switches[k]) v.set(k, "on");
  v.set("kind", c.kind);
  v.set("timeout", formatDuration(c.timeout));
  v.set("schedule", c.schedule);
  v.set("tz", c.tz);
  v.set("grace", formatDuration(c.grace));
  v.set("max_runtime", c.maxRuntime === null ? "" : formatDuration(c.maxRuntime));
  v.set("reminder_interval", c.reminderInterval === null ? "" : formatDuration(c.reminderInterval));
  v.set("failure_threshold", String(c.failureThreshold));
  v.set("methods", c.methods);
  v.set("rules", rulesText(c.rules));
  v.set("replica_policy", c.replicaPolicy);
  v.set("load_max_cpu", c.loadMaxCpu === null ? "" : String(c.loadMaxCpu));
  v.set("load_max_ram", c.loadMaxRam === null ? "" : String(c.loadMaxRam));
  v.set("push_token", c.pushToken ?? "");
  for (const id of channelIds) v.append("channels", id);
  return v;
}

export function rulesText(rules: readonly Rule[]): string {
  return rules.map((r) => `${r.metric} ${r.op} ${r.value}`).join("\n");
}

export type FormFields = { readonly ok: true; readonly fields: CheckFields } | { readonly ok: false; readonly errors: FieldErrors };

/** The posted form as check fields, or every problem found, each under its field's name. */
export function fieldsOfForm(form: URLSearchParams): FormFields {
  const errors: Record<string, string> = {};
  const kindText = form.get("kind") ?? "";
  const kind = (CHECK_KINDS as readonly string[]).includes(kindText) ? (kindText as FormKind) : null;
  if (kind === null) errors.kind = "kind must be simple, cron or reporter";
  const raw: Record<string, unknown> = { ...(kind ? { kind } : {}) };
  for (const k of TEXTS) raw[k] = (form.get(k) ?? "").trim();
  for (const k of SWITCHES) raw[k] = form.has(k);
  raw.methods = form.get("methods") ?? "";
  raw.failure_threshold = integerOrText(form.get("failure_threshold") ?? "");
  const durations: DurationField[] = ["grace", "max_runtime", "reminder_interval", ...(kind === "simple" ? (["timeout"] as const) : [])];
  for (const k of durations) {
    const d = durationOf(k, form.get(k) ?? "");
    if (typeof d === "string") errors[k] = d;
    else raw[k] = d.seconds;
  }
  if (kind === "cron") {
    raw.schedule = (form.get("schedule") ?? "").trim();
    raw.tz = (form.get("tz") ?? "").trim() || "UTC";
  }
  if (kind === "reporter") {
    raw.replica_policy = form.get("replica_policy") ?? "any";
    raw.load_max = { cpu: numberOrNull(form.get("load_max_cpu") ?? ""), ram: numberOrNull(form.get("load_max_ram") ?? "") };
  }
  const rules = rulesOfText(form.get("rules") ?? "");
  if (typeof rules === "string") errors.rules = rules;
  else raw.rules = rules;
  const pushToken = (form.get("push_token") ?? "").trim();
  if (pushToken !== "") raw.push_token = pushToken;
  raw.channels = form.getAll("channels");
  return validated(raw, errors);
}

/** The API's schema over what the form decoded; its first problem per field joins the form's own. */
function validated(raw: Record<string, unknown>, errors: Record<string, string>): FormFields {
  const parsed = checkFieldsSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const { field, message } = fieldError(issue, valueAt(raw, issue.path));
      errors[field] ??= message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, fields: parsed.data };
}

/** The API's wording, placed on the form's field: a rule by its line, a load threshold on its own input. */
function fieldError(issue: z.core.$ZodIssue, value: unknown): { field: string; message: string } {
  const [head, index, key] = issue.path;
  if (head === "rules" && typeof index === "number") return { field: "rules", message: `rules line ${index + 1}: ${String(key ?? "rule")} ${issueText(issue, { value })}` };
  if (head === "load_max" && typeof index === "string") return { field: `load_max_${index}`, message: `load_max.${index} ${issueText(issue, { value })}` };
  return describeIssue(issue, { value });
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const key of path) v = typeof v === "object" && v !== null ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

function durationOf(field: DurationField, text: string): { readonly seconds: number } | string {
  if (text.trim() === "") return DURATIONS[field] === "zero" ? { seconds: 0 } : `${field} is required`;
  const d = parseDuration(text);
  return d.ok ? { seconds: d.seconds } : `${field} ${d.error}`;
}

/** A whole number as a number; anything else as typed, for the schema to name ("is not an integer"). */
function integerOrText(text: string): number | string | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  return /^-?\d{1,15}$/.test(t) ? Number(t) : t;
}

function numberOrNull(text: string): number | string | null {
  const t = text.trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/**
 * One rule per line, `metric op value` (`rows_processed < 1`, `duration >= 3600`); blank lines are
 * skipped. Returns the rules for the schema to check, or what is wrong with a line.
 */
export function rulesOfText(text: string): unknown[] | string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
  const ops = [...RULE_OPS].sort((a, b) => b.length - a.length).map((o) => o.replace(/[<>=!]/g, "\\$&")).join("|");
  const shape = new RegExp(`^(\\S+?)\\s*(${ops})\\s*(\\S+)$`);
  const out: unknown[] = [];
  for (const [i, line] of lines.entries()) {
    const m = shape.exec(line);
    if (!m) return `rules line ${i + 1} is not "metric op value" with op one of ${RULE_OPS.join(" ")} (e.g. rows_processed < 1)`;
    const value = Number(m[3]);
    out.push({ metric: m[1], op: m[2], value: m[3] !== "" && Number.isFinite(value) ? value : m[3] });
  }
  return out;
}
