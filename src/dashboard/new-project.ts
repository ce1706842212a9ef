// Creating a project from the browser (SPEC §12), as `tocsin projects add` does: a slug and a
// name; the answer shows its keys once (only their digests are stored) and links to it.
import { addProject } from "../checks/project-keys.ts";
import type { NewProjectKeys } from "../store/store.ts";
import { projectRefs } from "../views/dashboard-checks.ts";
import { html, type Html } from "../web/html.ts";
import type { PageContext } from "./context.ts";
import { csrfField, errorSummary, type FormState, NO_ERRORS, textField } from "./form-kit.ts";
import { page } from "./layout.ts";
import type { DashboardLinks } from "./links.ts";
import type { PageCall, PageRoute } from "./page-route.ts";
import { refusalErrors } from "./refusals.ts";

export function newProjectRoutes(ctx: PageContext): PageRoute[] {
  return [
    { method: "GET", path: "/app/new-project", auth: "session", handle: (call) => newProjectPage(ctx, call, { values: new URLSearchParams(), errors: NO_ERRORS }, 200) },
    {
      method: "POST",
      path: "/app/new-project",
      auth: "session",
      handle: (call) => {
        const slug = (call.form.get("slug") ?? "").trim();
        const name = (call.form.get("name") ?? "").trim();
        const created = addProject({ store: ctx.store, now: call.now, publish: ctx.publish }, slug, name);
        if (!created.ok) return newProjectPage(ctx, call, { values: call.form, errors: refusalErrors(created.failure) }, 400);
        ctx.log.info("dashboard project created", { project: slug });
        const links = ctx.links();
        const body = createdBody(links, created.value);
        return page({ links, title: `Project ${created.value.project.name}`, csrf: call.csrf, projects: ctx.store.read((tx) => projectRefs(tx)), current: created.value.project, section: "settings", body });
      },
    },
  ];
}

function newProjectPage(ctx: PageContext, call: PageCall, f: FormState, status: number): Response {
  const links = ctx.links();
  const body = html`<h1>New project</h1>
<p class="hint">A project has its own checks, channels, keys and status page.</p>
${errorSummary(f.errors, { slug: "Slug", name: "Name" })}
<form method="post" action="${links.newProject}" class="card" novalidate>
${csrfField(call.csrf)}
${textField(f, "slug", "Slug", { maxlength: 100, hint: html`1-100 characters of a-z, 0-9, _ and -; its status page is <code>/status/&lt;slug&gt;</code>.`, attrs: 'autocapitalize="off" spellcheck="false"' })}
${textField(f, "name", "Name", { maxlength: 100, hint: "Empty: the slug." })}
<div class="form-actions"><button type="submit" class="primary">Create the project</button> <a href="${links.root}">Cancel</a></div>
</form>`;
  return page({ links, title: "New project", csrf: call.csrf, projects: ctx.store.read((tx) => projectRefs(tx)), body }, status);
}

function createdBody(links: DashboardLinks, k: NewProjectKeys): Html {
  const line = (id: string, label: string, value: string) => html`<h3>${label}</h3><div class="code-row"><pre><code id="${id}">${value}</code></pre><button type="button" class="copy" data-copy="${id}" hidden>Copy</button></div>`;
  return html`<h1>Project ${k.project.name} created</h1>
<div class="notice notice-ok shown-once" role="status">
<p><strong>Its keys, shown only now:</strong> copy them. Only their digests are stored; rotate one on the project's settings page to get a new one.</p>
${line("new-api-key", "API key (read-write)", k.apiKey)}
${line("new-api-key-ro", "API key (read-only)", k.apiKeyReadOnly)}
${line("new-ping-key", "Ping key", k.project.pingKey)}
${line("new-reporter-token", "Reporter token", k.reporterToken)}
</div>
<p><a class="button primary" href="${links.project(k.project.slug)}">Go to its checks</a></p>`;
}
