// The form that creates and edits a check (SPEC §3, §12): every field the API takes, grouped as a
// person thinks about a job — what it is, when it runs, who hears about it, what the status page
// shows, how pings are read. Sections that belong to one kind say so; with JavaScript only the
// chosen kind's sections show. Works without JavaScript: "Preview" re-renders with the fire times.
import { MAX_RULES } from "../core/rules.ts";
import { escapeHtml, html, type Html } from "../web/html.ts";
import { CHECK_KINDS } from "./check-form-values.ts";
import { type Choice, checkboxList, checkField, csrfField, errorSummary, type FormState, radioField, selectField, textArea, textField } from "./form-kit.ts";
import type { DashboardLinks } from "./links.ts";
import { previewBox, type SchedulePreview } from "./schedule-preview.ts";

export interface CheckFormModel {
  readonly form: FormState;
  /** the form's target */
  readonly action: string;
  /** where Cancel goes */
  readonly back: string;
  readonly isNew: boolean;
  readonly channels: readonly { readonly id: string; readonly name: string; readonly kind: string }[];
  readonly preview: SchedulePreview | null;
  readonly csrf: string;
}

const KIND_CHOICES: readonly Choice[] = [
  ["simple", "Simple: pings at a regular period"],
  ["cron", "Cron: pings on a cron schedule"],
  ["reporter", "Reporter: replicas push their load (Crisp/Vigil)"],
];
/** Field labels in the form's order: the error summary lists problems in it. */
const LABELS: Readonly<Record<string, string>> = {
  name: "Name", slug: "Slug", kind: "Kind", tags: "Tags", desc: "Description", timeout: "Period", schedule: "Schedule", tz: "Time zone",
  replica_policy: "Down when", load_max_cpu: "CPU load threshold", load_max_ram: "Memory threshold", grace: "Grace time", max_runtime: "Longest run",
  failure_threshold: "Failures before down", channels: "Channels", reminder_interval: "Reminders", rules: "Rules", group: "Status page section",
  methods: "HTTP methods", start_kw: "Start keywords", success_kw: "Success keywords", failure_kw: "Failure keywords", push_token: "Push token",
};

export function checkForm(links: DashboardLinks, m: CheckFormModel): Html {
  const f = m.form;
  return html`${errorSummary(f.errors, LABELS)}
<form method="post" action="${m.action}" class="check-form" novalidate data-check-form>
${csrfField(m.csrf)}
${aboutSection(f)}
${scheduleSection(links, m)}
${alertsSection(m)}
${statusSection(f)}
${pingsSection(f)}
<div class="form-actions">
<button type="submit" class="primary">${m.isNew ? "Create the check" : "Save changes"}</button>
<button type="submit" name="preview" value="1" formnovalidate>Preview the schedule</button>
<a href="${m.back}">Cancel</a>
</div>
</form>`;
}

function aboutSection(f: FormState): Html {
  return html`<fieldset class="card"><legend>The job</legend>
${textField(f, "name", "Name", { maxlength: 100, hint: "What people see in lists and alerts." })}
${textField(f, "slug", "Slug", { maxlength: 100, hint: html`For ping URLs by name: <code>/ping/&lt;ping key&gt;/&lt;slug&gt;</code>. Lowercase a-z, 0-9, _ and -; empty for none.`, attrs: 'autocapitalize="off" spellcheck="false"' })}
${radioField(f, "kind", "Kind", KIND_CHOICES.filter(([k]) => (CHECK_KINDS as readonly string[]).includes(k)), { attrs: "data-kind-switch" })}
${textField(f, "tags", "Tags", { maxlength: 500, hint: "Separated by spaces; maintenance windows and badges select by tag." })}
${textArea(f, "desc", "Description", { maxlength: 10_000, rows: 3, hint: "Shown on the check's page and in alerts." })}
</fieldset>`;
}

function scheduleSection(links: DashboardLinks, m: CheckFormModel): Html {
  const f = m.form;
  const schedulePart = html`<div data-kind="cron">
<p class="kind-note">Cron checks</p>
${textField(f, "schedule", "Schedule", { maxlength: 100, hint: html`A cron expression: <code>0 3 * * *</code>, <code>*/15 * * * 1-5</code>, <code>@daily</code>.`, attrs: `spellcheck="false" autocapitalize="off" data-preview="${escapeHtml(links.schedulePreview)}"` })}
${textField(f, "tz", "Time zone", { maxlength: 64, hint: "An IANA zone such as Europe/Berlin; the schedule runs on its clock.", attrs: 'list="zones" spellcheck="false" autocapitalize="off"' })}
<datalist id="zones">${Intl.supportedValuesOf("timeZone").map((z) => html`<option value="${z}">`)}</datalist>
${previewBox(m.preview, !(m.preview && !m.preview.ok && f.errors[m.preview.field]))}
</div>`;
  return html`<fieldset class="card"><legend>When it runs</legend>
<div data-kind="simple">
<p class="kind-note">Simple checks</p>
${textField(f, "timeout", "Period", { hint: "How often the job pings: 90s, 5m, 1h30m, 1d, 1w (or seconds)." })}
</div>
${schedulePart}
<div data-kind="reporter">
<p class="kind-note">Reporter checks</p>
${selectField(f, "replica_policy", "Down when", [["any", "any replica stops reporting"], ["all", "every replica has stopped reporting"]])}
${textField(f, "load_max_cpu", "CPU load threshold", { hint: "Load average per core above which the check shows as sick (no alert); empty for none.", attrs: 'inputmode="decimal"' })}
${textField(f, "load_max_ram", "Memory threshold", { hint: "Fraction of memory used, 0 to 1; empty for none.", attrs: 'inputmode="decimal"' })}
</div>
${textField(f, "grace", "Grace time", { hint: "How late a ping may be before the check goes down: 5m, 1h." })}
${textField(f, "max_runtime", "Longest run", { hint: "How long a started run may take before it counts as hung; empty follows the grace time." })}
${textField(f, "failure_threshold", "Failures before down", { hint: "Consecutive failures before the check goes down (1-1000).", attrs: 'inputmode="numeric"' })}
</fieldset>`;
}

function alertsSection(m: CheckFormModel): Html {
  const f = m.form;
  const choices: Choice[] = m.channels.map((c) => [c.id, `${c.name || "(unnamed)"} (${c.kind})`]);
  return html`<fieldset class="card"><legend>Alerts</legend>
${checkboxList(f, "channels", "Channels", choices, { empty: "No channels yet: add one under Channels, then tick it here." })}
${textField(f, "reminder_interval", "Reminders", { hint: "Repeat the alert every so often while it is down (at least 5m); empty for none." })}
${checkField(f, "alert_new", "Alert when the first ping never comes", { hint: "A new check goes down when its first ping is late, counted from its creation." })}
${textArea(f, "rules", "Rules", { rows: 3, hint: html`Failure conditions checked on every success, one per line: <code>rows_processed &lt; 1</code>, <code>duration &lt; 2</code> (at most ${MAX_RULES}).`, attrs: 'spellcheck="false"' })}
</fieldset>`;
}

function statusSection(f: FormState): Html {
  return html`<fieldset class="card"><legend>Status page</legend>
${checkField(f, "public", "Show it on the project's public status page")}
${textField(f, "group", "Status page section", { maxlength: 100, hint: "Checks with the same section are shown together." })}
</fieldset>`;
}

function pingsSection(f: FormState): Html {
  return html`<details class="card"${Object.keys(f.errors).some((k) => PING_FIELDS.has(k)) ? html` open` : ""}><summary>Pings: methods, email keywords, push token</summary>
${selectField(f, "methods", "HTTP methods", [["", "any method counts"], ["POST", "only POST counts (others are ignored)"]])}
${checkField(f, "manual_resume", "Stay paused until resumed here (pings to a paused check are ignored)")}
${textField(f, "start_kw", "Start keywords", { maxlength: 200, hint: "Comma-separated; an email containing one is a start." })}
${textField(f, "success_kw", "Success keywords", { maxlength: 200 })}
${textField(f, "failure_kw", "Failure keywords", { maxlength: 200 })}
${checkField(f, "filter_subject", "Look for the keywords in email subjects")}
${checkField(f, "filter_body", "Look for the keywords in email bodies")}
${checkField(f, "filter_http_body", "Look for the keywords in HTTP ping bodies")}
${checkField(f, "filter_default_fail", "A message matching no keyword is a failure (otherwise it is ignored)")}
${textField(f, "push_token", "Push token", { maxlength: 64, hint: "The token of the Uptime Kuma push URL; generated when empty.", attrs: 'spellcheck="false" autocapitalize="off"' })}
</details>`;
}

const PING_FIELDS = new Set(["methods", "manual_resume", "start_kw", "success_kw", "failure_kw", "push_token"]);
