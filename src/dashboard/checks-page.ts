// The checks of a project (SPEC §12): status dot and word, name, tags, schedule in words, last
// ping, next expected; filters by tag and status and a search, all plain GET forms and links that
// work without JavaScript; the page's script keeps the rows live from the server's event stream.
import { type ChecksFilter, type CheckRowModel, type ChecksPageModel, checksPage, isStatusFilter, projectRefs, STATUS_FILTERS } from "../views/dashboard-checks.ts";
import { html, type Html } from "../web/html.ts";
import { flashNotice } from "./check-actions.ts";
import type { PageContext } from "./context.ts";
import { errorPage } from "./error-page.ts";
import { redirect } from "./guard.ts";
import { page } from "./layout.ts";
import type { DashboardLinks } from "./links.ts";
import type { PageRoute } from "./page-route.ts";
import { when } from "./when.ts";

const ZONE = "UTC";

export function checksRoutes(ctx: PageContext): PageRoute[] {
  return [
    {
      method: "GET",
      path: "/app",
      auth: "session",
      handle: () => {
        const projects = ctx.store.read((tx) => projectRefs(tx));
        const first = projects.find((p) => p.slug === "default") ?? projects[0];
        return first ? redirect(ctx.links().project(first.slug)) : errorPage(ctx.links(), 404, "There is no project yet.");
      },
    },
    {
      method: "GET",
      path: "/app/projects",
      auth: "session",
      handle: (call) => redirect(ctx.links().project(call.url.searchParams.get("project") ?? "default")),
    },
    {
      method: "GET",
      path: "/app/projects/:project",
      auth: "session",
      handle: (call) => {
        const links = ctx.links();
        const filter = filterOf(call.url.searchParams);
        const pageNumber = Number(/^\d{1,6}$/.exec(call.url.searchParams.get("page") ?? "")?.[0] ?? 1);
        const model = ctx.store.read((tx) => checksPage(tx, ctx.crons, call.params.project ?? "", filter, call.now, pageNumber));
        if (!model) return errorPage(links, 404, "There is no such project.");
        return page({ links, title: `Checks · ${model.project.name}`, csrf: call.csrf, projects: model.projects, current: model.project, section: "checks", body: checksBody(links, model, call.url.searchParams) });
      },
    },
  ];
}

export function filterOf(q: URLSearchParams): ChecksFilter {
  const status = q.get("status");
  const tag = q.get("tag");
  return { tag: tag === null || tag === "" ? null : tag.slice(0, 100), status: isStatusFilter(status) ? status : null, q: (q.get("q") ?? "").trim().slice(0, 100) };
}

function checksBody(links: DashboardLinks, m: ChecksPageModel, query: URLSearchParams): Html {
  const filtered = m.filter.q !== "" || m.filter.status !== null || m.filter.tag !== null;
  return html`<div class="page-head">
<h1>Checks <span class="count">${filtered ? `${m.matching} of ${m.total}` : m.total}</span></h1>
<div class="head-side">
<a class="button primary" href="${links.newCheck(m.project.slug)}">New check</a>
<p class="live-state" data-live-state="off" aria-live="polite">Live updates need JavaScript; reload to refresh.</p>
</div>
</div>
${flashNotice(query)}
${filterForm(links, m)}
${m.tags.length > 0 ? tagLinks(links, m) : ""}
${
  m.total === 0
    ? html`<p class="empty">No checks yet. <a href="${links.newCheck(m.project.slug)}">Create one here</a>, or with the API (<code>POST /api/v3/checks/</code>) or <code>tocsin checks add</code>.</p>`
    : html`<table class="checks" data-live="${links.projectEvents(m.project.slug, m.filter)}"${m.page === m.pages ? html` data-append` : ""}>
<thead><tr><th scope="col">Status</th><th scope="col">Name</th><th scope="col">Tags</th><th scope="col">Schedule</th><th scope="col">Last ping</th><th scope="col">Next expected</th></tr></thead>
<tbody>
${m.rows.map((r) => checkRow(links, r, m.now))}
</tbody>
</table>
${m.rows.length === 0 ? html`<p class="empty">No check matches these filters. <a href="${links.project(m.project.slug)}">Show all</a></p>` : ""}
${m.pages > 1 ? pager(links, m) : ""}`
}`;
}

function pager(links: DashboardLinks, m: ChecksPageModel): Html {
  const to = (page: number, label: string) => html`<a href="${links.project(m.project.slug, m.filter, page)}">${label}</a>`;
  return html`<nav class="pager" aria-label="Pages">
${m.page > 1 ? to(m.page - 1, "← previous") : ""}
<span>page ${m.page} of ${m.pages}</span>
${m.page < m.pages ? to(m.page + 1, "next →") : ""}
</nav>`;
}

function filterForm(links: DashboardLinks, m: ChecksPageModel): Html {
  const f = m.filter;
  return html`<form class="filters" method="get" action="${links.project(m.project.slug)}" role="search">
<label for="q">Search</label>
<input id="q" type="search" name="q" value="${f.q}" placeholder="name, slug or tag" maxlength="100">
<label for="status">Status</label>
<select id="status" name="status">
<option value="">any</option>
${(Object.keys(STATUS_FILTERS) as (keyof typeof STATUS_FILTERS)[]).map((s) => html`<option value="${s}"${f.status === s ? html` selected` : ""}>${s}</option>`)}
</select>
<label for="tag">Tag</label>
<select id="tag" name="tag">
<option value="">any</option>
${m.tags.map((t) => html`<option value="${t}"${f.tag === t ? html` selected` : ""}>${t}</option>`)}
</select>
<button type="submit">Filter</button>
${f.q !== "" || f.status !== null || f.tag !== null ? html`<a href="${links.project(m.project.slug)}">Clear</a>` : ""}
</form>`;
}

function tagLinks(links: DashboardLinks, m: ChecksPageModel): Html {
  return html`<p class="tag-links">Tags: ${m.tags.map((t) => html`<a class="tag${m.filter.tag === t ? " tag-on" : ""}" href="${links.project(m.project.slug, { ...m.filter, tag: m.filter.tag === t ? null : t })}">${t}</a> `)}</p>`;
}

/** One row of the table; the event stream sends the same markup when a check changes. */
export function checkRow(links: DashboardLinks, r: CheckRowModel, now: number): Html {
  return html`<tr id="check-${r.uuid}" class="row-${r.word}">
<td class="status"><span class="dot dot-${r.word}" aria-hidden="true"></span> ${r.label}${r.muted ? html` <span class="badge">muted</span>` : ""}</td>
<td class="name"><a href="${links.check(r.uuid)}">${r.name}</a>${r.slug && r.slug !== r.name ? html` <small class="slug">${r.slug}</small>` : ""}</td>
<td class="tags">${r.tags.map((t) => html`<span class="tag">${t}</span> `)}</td>
<td class="schedule">${r.schedule}</td>
<td class="last-ping">${when(r.lastPing, now, ZONE)}</td>
<td class="next">${r.nextExpected === null ? html`<span class="muted">—</span>` : when(r.nextExpected, now, ZONE)}</td>
</tr>`;
}
