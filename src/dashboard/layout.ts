// The document around every dashboard page: head, top bar with the project switcher and the
// logout form, main, footer. Served with `Content-Security-Policy: default-src 'self'`: the one
// script and the stylesheet are files under public/, and no element carries a style attribute.
import type { ProjectRef } from "../views/dashboard-checks.ts";
import { html, type Html } from "../web/html.ts";
import { htmlResponse } from "../web/headers.ts";
import type { DashboardLinks } from "./links.ts";

export interface Frame {
  readonly links: DashboardLinks;
  readonly title: string;
  /** logged in: the form token for the logout form; null on the login page */
  readonly csrf: string | null;
  readonly projects?: readonly ProjectRef[];
  readonly current?: ProjectRef;
  /** which of the project's pages this is (its tab is marked current) */
  readonly section?: Section;
  readonly body: Html;
}

export type Section = "checks" | "channels" | "maintenance" | "settings";

export function documentHtml(f: Frame): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>${f.title} · Tocsin</title>
<link rel="stylesheet" href="${f.links.asset("dashboard.css")}">
<link rel="icon" href="${f.links.asset("favicon.svg")}" type="image/svg+xml">
<script src="${f.links.asset("dashboard.js")}" defer></script>
</head>
<body class="dash">
${topBar(f)}
${f.current && f.csrf !== null ? tabs(f.links, f.current, f.section) : ""}
<main id="main" class="main">
${f.body}
</main>
</body>
</html>
`.text;
}

function topBar(f: Frame): Html {
  if (f.csrf === null) return html`<header class="topbar"><a class="brand" href="${f.links.root}">Tocsin</a></header>`;
  const projects = f.projects ?? [];
  const switcher =
    projects.length > 1
      ? html`<form class="switcher" method="get" action="${f.links.switchProject}">
<label for="project-switch">Project</label>
<select id="project-switch" name="project" data-autosubmit>${projects.map((p) => html`<option value="${p.slug}"${p.slug === f.current?.slug ? html` selected` : ""}>${p.name}</option>`)}</select>
<button type="submit" class="js-hide">Go</button>
</form>`
      : f.current
        ? html`<span class="project-name">${f.current.name}</span>`
        : "";
  return html`<header class="topbar">
<a class="brand" href="${f.links.root}">Tocsin</a>
<nav class="crumbs" aria-label="Project">${switcher} <a class="new-project" href="${f.links.newProject}">New project</a></nav>
<form class="logout" method="post" action="${f.links.logout}">
<input type="hidden" name="csrf" value="${f.csrf}">
<button type="submit" class="link-button">Log out</button>
</form>
</header>`;
}

function tabs(links: DashboardLinks, p: ProjectRef, section: Section | undefined): Html {
  const tab = (s: Section, href: string, label: string) => html`<a href="${href}"${s === section ? html` aria-current="page"` : ""}>${label}</a>`;
  return html`<nav class="tabs" aria-label="${p.name}">
${tab("checks", links.project(p.slug), "Checks")}
${tab("channels", links.channels(p.slug), "Channels")}
${tab("maintenance", links.maintenance(p.slug), "Maintenance")}
${tab("settings", links.settings(p.slug), "Settings and keys")}
</nav>`;
}

export function page(f: Frame, status = 200): Response {
  return htmlResponse(documentHtml(f), status, { cache: "no-store" });
}
