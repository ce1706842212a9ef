// A project's maintenance windows (SPEC §8, §12): each with when it opens, the checks it selects,
// whether it is in force and its next occurrences; a form to create one (window operations shared
// with the API) and deletion of those the config file does not declare.
import { createWindow, deleteWindow } from "../checks/window-operations.ts";
import { formatPeriod } from "../core/format.ts";
import type { StoredWindow } from "../store/store.ts";
import { maintenancePage, type MaintenancePageModel, type WindowRow } from "../views/dashboard-maintenance.ts";
import { html, type Html } from "../web/html.ts";
import type { PageContext } from "./context.ts";
import { errorPage } from "./error-page.ts";
import { csrfField, type FormState, NO_ERRORS } from "./form-kit.ts";
import { redirect } from "./guard.ts";
import { page } from "./layout.ts";
import type { DashboardLinks } from "./links.ts";
import { newWindowValues, windowForm, windowOfForm } from "./maintenance-form.ts";
import type { PageCall, PageRoute } from "./page-route.ts";
import { refusalErrors } from "./refusals.ts";
import { at } from "./when.ts";

export function maintenanceRoutes(ctx: PageContext): PageRoute[] {
  const load = (call: PageCall) => ctx.store.read((tx) => maintenancePage(tx, call.params.project ?? "", call.now));
  const missing = () => errorPage(ctx.links(), 404, "There is no such project.");
  const op = (call: PageCall) => ({ store: ctx.store, now: call.now, publish: ctx.publish });
  return [
    {
      method: "GET",
      path: "/app/projects/:project/maintenance",
      auth: "session",
      handle: (call) => {
        const m = load(call);
        return m ? windowsPage(ctx, call, m, { values: newWindowValues(), errors: NO_ERRORS }, 200) : missing();
      },
    },
    {
      method: "POST",
      path: "/app/projects/:project/maintenance",
      auth: "session",
      handle: (call) => {
        const m = load(call);
        if (!m) return missing();
        const decoded = windowOfForm(call.form);
        if (!decoded.ok) return windowsPage(ctx, call, m, { values: call.form, errors: decoded.errors }, 400);
        const created = createWindow(op(call), m.project.id, decoded.input);
        if (!created.ok) return windowsPage(ctx, call, m, { values: call.form, errors: refusalErrors(created.failure) }, 400);
        ctx.log.info("dashboard maintenance window created", { window: created.value.id });
        return redirect(`${ctx.links().maintenance(m.project.slug)}?done=created#window-${created.value.id}`);
      },
    },
    {
      method: "POST",
      path: "/app/projects/:project/maintenance/:id/delete",
      auth: "session",
      handle: (call) => {
        const m = load(call);
        if (!m) return missing();
        const deleted = deleteWindow(op(call), m.project.id, call.params.id ?? "");
        const links = ctx.links();
        return redirect(`${links.maintenance(m.project.slug)}?${deleted.ok ? "done=deleted" : "error=delete"}`);
      },
    },
  ];
}

const NOTICES: Readonly<Record<string, Html>> = {
  created: html`<p class="notice notice-ok" role="status">Created. Alerts of the checks it selects are held while it is in force.</p>`,
  deleted: html`<p class="notice notice-ok" role="status">Deleted. Alerts it held go out now.</p>`,
  delete: html`<p class="notice notice-error" role="alert">That window could not be deleted: it is gone already, or declared in the config file.</p>`,
};

function windowsPage(ctx: PageContext, call: PageCall, m: MaintenancePageModel, form: FormState, status: number): Response {
  const links = ctx.links();
  const q = call.url.searchParams;
  const body = html`<div class="page-head"><h1>Maintenance windows <span class="count">${m.windows.length}</span></h1></div>
${NOTICES[q.get("done") ?? ""] ?? NOTICES[q.get("error") ?? ""] ?? ""}
<p class="hint">Inside a window, alerts of the checks it selects are held (a check still down when it ends alerts then) and downtime does not count against uptime.</p>
${m.windows.length === 0 ? html`<p class="empty">No maintenance windows.</p>` : html`<div class="windows-list">${m.windows.map((w) => windowCard(links, m, w, call.csrf))}</div>`}
<section class="card" aria-labelledby="new-window"><h2 id="new-window">New maintenance window</h2>
${windowForm(links.maintenance(m.project.slug), form, call.csrf, m)}
</section>`;
  return page({ links, title: `Maintenance · ${m.project.name}`, csrf: call.csrf, projects: m.projects, current: m.project, section: "maintenance", body }, status);
}

function windowCard(links: DashboardLinks, m: MaintenancePageModel, row: WindowRow, csrf: string): Html {
  const w = row.window;
  return html`<section class="card window${row.active ? " window-active" : ""}" id="window-${w.id}" aria-labelledby="window-${w.id}-name">
<h2 id="window-${w.id}-name">${w.name || "Unnamed window"} ${row.active ? html`<span class="badge badge-on">in force now</span>` : ""}${w.managed ? html` <span class="badge">config file</span>` : ""}</h2>
<dl class="facts">
<dt>When</dt><dd>${when(w)}</dd>
<dt>Selects</dt><dd>${selection(w)}</dd>
<dt>Checks</dt><dd>${row.checks.length === 0 ? html`<span class="muted">none match now</span>` : html`${row.checks.map((c, i) => html`${i > 0 ? ", " : ""}<a href="${links.check(c.uuid)}">${c.name}</a>`)}${row.selected > row.checks.length ? ` and ${row.selected - row.checks.length} more` : ""}`}</dd>
<dt>Next</dt><dd>${row.upcoming.length === 0 ? html`<span class="muted">will not open again</span>` : html`<ol class="fires occurrences">${row.upcoming.map((o) => html`<li>${at(o.start, w.tz)} – ${at(o.end, w.tz)}</li>`)}</ol>`}</dd>
</dl>
${w.managed ? "" : html`<form method="post" action="${links.deleteWindow(m.project.slug, w.id)}">${csrfField(csrf)}<button type="submit" class="link-button">Delete this window</button></form>`}
</section>`;
}

function when(w: StoredWindow): Html {
  if (w.cron !== null) return html`opens at <code>${w.cron}</code> (${w.tz}) for ${formatPeriod(w.duration ?? 0)}`;
  return html`once, ${w.start === null ? "?" : at(w.start, w.tz)} – ${w.end === null ? "?" : at(w.end, w.tz)}`;
}

function selection(w: StoredWindow): string {
  if (w.slugs.includes("*")) return "every check of the project";
  const parts = [w.slugs.length > 0 ? `slugs ${w.slugs.join(", ")}` : "", w.tags.length > 0 ? `tags ${w.tags.join(", ")}` : ""].filter((p) => p !== "");
  return parts.join("; ");
}
