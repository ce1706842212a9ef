// Creating and editing a check from the browser (SPEC §12): the form posts back to its own URL,
// which validates through the same schema and the same operations as the API (createCheck,
// updateCheck). A refusal re-renders the form with what was typed and each message beside its
// field (status 400); a save redirects to the check's page. "Preview" renders the fire times only.
import { createCheck, type OperationContext, updateCheck } from "../checks/operations.ts";
import type { CheckFields } from "../checks/definition.ts";
import { type CheckResult, ok } from "../checks/result.ts";
import { DEFAULT_DEFINITION } from "../store/check-model.ts";
import type { Check } from "../store/store.ts";
import { type CheckFormSource, editCheckSource, newCheckSource } from "../views/dashboard-check-form.ts";
import { html } from "../web/html.ts";
import { checkForm } from "./check-form.ts";
import { fieldsOfForm, valuesOfCheck } from "./check-form-values.ts";
import type { PageContext } from "./context.ts";
import { errorPage } from "./error-page.ts";
import { type FieldErrors, NO_ERRORS } from "./form-kit.ts";
import { redirect } from "./guard.ts";
import { page } from "./layout.ts";
import type { PageCall, PageRoute } from "./page-route.ts";
import { refusalErrors, withZoneHint } from "./refusals.ts";
import { schedulePreview } from "./schedule-preview.ts";

type Save = (op: OperationContext, src: CheckFormSource, fields: CheckFields) => CheckResult<Check>;

export function checkEditRoutes(ctx: PageContext): PageRoute[] {
  const newSource = (call: PageCall) => ctx.store.read((tx) => newCheckSource(tx, call.params.project ?? ""));
  const editSource = (call: PageCall) => ctx.store.read((tx) => editCheckSource(tx, call.params.uuid ?? ""));
  const create: Save = (op, src, fields) => {
    const created = createCheck(op, src.project, fields);
    return created.ok ? ok(created.value.check) : created;
  };
  const update: Save = (op, src, fields) => updateCheck(op, src.project, src.check!.uuid, fields);
  return [
    { method: "GET", path: "/app/projects/:project/checks/new", auth: "session", handle: (call) => withSource(ctx, newSource(call), (src) => formPage(ctx, call, src, newValues(src), NO_ERRORS, 200)) },
    { method: "POST", path: "/app/projects/:project/checks/new", auth: "session", handle: (call) => withSource(ctx, newSource(call), (src) => posted(ctx, call, src, create)) },
    { method: "GET", path: "/app/checks/:uuid/edit", auth: "session", handle: (call) => withSource(ctx, editSource(call), (src) => editForm(ctx, call, src)) },
    { method: "POST", path: "/app/checks/:uuid/edit", auth: "session", handle: (call) => withSource(ctx, editSource(call), (src) => posted(ctx, call, src, update)) },
  ];
}

function withSource(ctx: PageContext, src: CheckFormSource | null, fn: (src: CheckFormSource) => Response): Response {
  return src ? fn(src) : errorPage(ctx.links(), 404, "There is no such check or project (it may have been deleted).");
}

function editForm(ctx: PageContext, call: PageCall, src: CheckFormSource): Response {
  const check = src.check!;
  if (check.managed) return redirect(`${ctx.links().check(check.uuid)}?error=managed`);
  return formPage(ctx, call, src, valuesOfCheck(check, src.assigned), NO_ERRORS, 200);
}

/** A new check's form: the defaults of a new definition, every channel ticked (as ?create=1 does). */
function newValues(src: CheckFormSource): URLSearchParams {
  const values = valuesOfCheck(DEFAULT_DEFINITION, src.channels.map((c) => c.id));
  values.set("schedule", "");
  return values;
}

function posted(ctx: PageContext, call: PageCall, src: CheckFormSource, save: Save): Response {
  if (src.check?.managed) return redirect(`${ctx.links().check(src.check.uuid)}?error=managed`);
  if (call.form.get("preview") === "1") return formPage(ctx, call, src, call.form, NO_ERRORS, 200);
  const parsed = fieldsOfForm(call.form);
  if (!parsed.ok) return formPage(ctx, call, src, call.form, parsed.errors, 400);
  const op: OperationContext = { store: ctx.store, crons: ctx.crons, now: call.now, publish: ctx.publish };
  const saved = save(op, src, parsed.fields);
  if (!saved.ok) return formPage(ctx, call, src, call.form, withZoneHint(refusalErrors(saved.failure), "tz", call.form.get("tz") ?? ""), 400);
  ctx.log.info(src.check ? "dashboard check updated" : "dashboard check created", { check: saved.value.uuid });
  return redirect(`${ctx.links().check(saved.value.uuid)}?done=${src.check ? "saved" : "created"}`);
}

function formPage(ctx: PageContext, call: PageCall, src: CheckFormSource, values: URLSearchParams, errors: FieldErrors, status: number): Response {
  const links = ctx.links();
  const check = src.check;
  const kind = values.get("kind");
  const schedule = values.get("schedule") ?? "";
  const preview = kind === "cron" && schedule.trim() !== "" ? schedulePreview(schedule, values.get("tz") ?? "", call.now) : null;
  const title = check ? `Edit ${check.name || check.slug || "check"}` : "New check";
  const body = html`<p class="crumbs-line"><a href="${check ? links.check(check.uuid) : links.project(src.project.slug)}">← ${check ? check.name || check.slug || "the check" : src.project.name}</a></p>
<h1>${title}</h1>
${checkForm(links, {
  form: { values, errors },
  action: check ? links.editCheck(check.uuid) : links.newCheck(src.project.slug),
  back: check ? links.check(check.uuid) : links.project(src.project.slug),
  isNew: check === null,
  channels: src.channels,
  preview,
  csrf: call.csrf,
})}`;
  return page({ links, title, csrf: call.csrf, projects: src.projects, current: src.project, section: "checks", body }, status);
}
