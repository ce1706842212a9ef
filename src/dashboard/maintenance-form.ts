// The form that creates a maintenance window (SPEC §3, §8): once (a start and an end, typed as
// local date-times in a zone) or recurring (a cron start and a duration such as 2h), selecting
// checks by slug or tag. The decoded fields go through the API's schema (createWindowSchema) and
// then the window operation, whose rules (core/maintenance.ts) name the field they refuse.
import { firstFieldError } from "../checks/field-errors.ts";
import { isValidTimeZone } from "../core/cron.ts";
import { parseDuration } from "../core/duration.ts";
import type { WindowInput } from "../core/maintenance.ts";
import { instantOfLocalTime } from "../core/wall-time.ts";
import { createWindowSchema } from "../http/api/maintenance-api.ts";
import { windowInput } from "../notify/window-fields.ts";
import { html, type Html } from "../web/html.ts";
import { csrfField, errorSummary, type FieldErrors, type FormState, radioField, textField } from "./form-kit.ts";

export const SHAPES = ["once", "cron"] as const;

const LABELS: Readonly<Record<string, string>> = {
  name: "Name", shape: "Kind", start: "Start", end: "End", cron: "Opens at", duration: "Lasts", tz: "Time zone", slugs: "Check slugs", tags: "Tags",
};

export function newWindowValues(): URLSearchParams {
  return new URLSearchParams({ name: "", shape: "once", start: "", end: "", cron: "", duration: "", tz: "UTC", slugs: "", tags: "" });
}

export type WindowFromForm = { readonly ok: true; readonly input: WindowInput } | { readonly ok: false; readonly errors: FieldErrors };

/** The window a posted form describes, or what is wrong with it, by field. */
export function windowOfForm(form: URLSearchParams): WindowFromForm {
  const text = (k: string) => (form.get(k) ?? "").trim();
  const tz = text("tz") || "UTC";
  const body: Record<string, unknown> = { name: text("name"), tz, slugs: text("slugs"), tags: text("tags") };
  const errors = form.get("shape") === "cron" ? recurring(text, body) : once(text, tz, body);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = createWindowSchema.safeParse(body);
  if (!parsed.success) {
    const e = firstFieldError(parsed.error);
    return { ok: false, errors: { [e.field || "form"]: e.message } };
  }
  return { ok: true, input: windowInput(parsed.data) };
}

/** A cron start and a typed duration into `body`; the problems by field. */
function recurring(text: (k: string) => string, body: Record<string, unknown>): FieldErrors {
  body.cron = text("cron");
  if (text("duration") === "") return { duration: "duration is required with cron" };
  const d = parseDuration(text("duration"));
  if (!d.ok) return { duration: `duration ${d.error}` };
  body.duration = d.seconds;
  return {};
}

/** Local start and end in the zone, as the API's UNIX seconds, into `body`; the problems by field. */
function once(text: (k: string) => string, tz: string, body: Record<string, unknown>): FieldErrors {
  if (!isValidTimeZone(tz)) return { tz: "tz is not a valid timezone" };
  const errors: Record<string, string> = {};
  for (const k of ["start", "end"] as const) {
    const at = instantOfLocalTime(text(k), tz);
    if (text(k) === "") errors[k] = `${k} is required`;
    else if (at === null) errors[k] = `${k} is not a date and time like 2026-03-01T02:00`;
    else body[k] = Math.floor(at / 1000);
  }
  return errors;
}

export function windowForm(action: string, form: FormState, csrf: string, hints: { slugs: readonly string[]; tags: readonly string[] }): Html {
  const f = form;
  const known = (list: readonly string[]) => (list.length === 0 ? "" : ` In use: ${list.slice(0, 20).join(", ")}${list.length > 20 ? "…" : ""}.`);
  return html`${errorSummary(f.errors, LABELS)}
<form method="post" action="${action}" class="window-form" novalidate>
${csrfField(csrf)}
${textField(f, "name", "Name", { maxlength: 100, hint: "What the status page and the alerts call it." })}
${radioField(f, "shape", "Kind", [["once", "Once: from a start to an end"], ["cron", "Recurring: opens on a cron schedule for a while"]], { attrs: "data-shape-switch" })}
<div data-shape="once">
${textField(f, "start", "Start", { type: "datetime-local", hint: "In the time zone below." })}
${textField(f, "end", "End", { type: "datetime-local" })}
</div>
<div data-shape="cron">
${textField(f, "cron", "Opens at", { maxlength: 200, hint: html`A cron expression: <code>0 2 * * 0</code> is Sundays at 02:00.`, attrs: 'spellcheck="false"' })}
${textField(f, "duration", "Lasts", { hint: "2h, 30m, 1h30m (at most 30 days)." })}
</div>
${textField(f, "tz", "Time zone", { maxlength: 100, attrs: 'list="zones" spellcheck="false" autocapitalize="off"' })}
<datalist id="zones">${Intl.supportedValuesOf("timeZone").map((z) => html`<option value="${z}">`)}</datalist>
${textField(f, "slugs", "Check slugs", { hint: `Separated by spaces or commas; * selects every check.${known(hints.slugs)}`, attrs: 'spellcheck="false"' })}
${textField(f, "tags", "Tags", { hint: `Checks with any of these tags.${known(hints.tags)}`, attrs: 'spellcheck="false"' })}
<div class="form-actions"><button type="submit" class="primary">Create the window</button></div>
</form>`;
}
