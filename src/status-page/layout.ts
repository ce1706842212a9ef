// The document around every public page: head, theme, header and footer. Served with
// `Content-Security-Policy: default-src 'self'`, so there is no script, no <style> and no style
// attribute anywhere: all presentation is in public/status.css.
import { html, type Html } from "../web/html.ts";
import { timeTag, zoneOffset } from "../web/format.ts";
import { assetPath, safeImageUrl, type StatusLinks } from "./links.ts";
import type { PageFrame, PageLook, ProjectHeader } from "../views/status-page-model.ts";

/** Seconds between reloads (SPEC §9): a plain meta refresh, since pages carry no script. */
export const REFRESH_SECONDS = 60;

export interface DocumentParts {
  readonly look: PageLook;
  /** the tab's title */
  readonly title: string;
  readonly description: string;
  readonly refresh: boolean;
  /** the project's links when its Atom and JSON feeds are announced in <head> */
  readonly feeds: StatusLinks | null;
  /** "page" for a full page, "embed" for the chromeless iframe version */
  readonly layout: "page" | "embed";
  /** keep the page out of search engines (the password form) */
  readonly noindex?: boolean;
  readonly body: Html;
}

export function documentHtml(p: DocumentParts): string {
  // A forced theme is an attribute the stylesheet keys on; "auto" leaves it to the media query.
  const themeAttr = p.look.theme === "auto" ? "" : html` data-theme="${p.look.theme}"`;
  const scheme = p.look.theme === "auto" ? "light dark" : p.look.theme;
  return html`<!doctype html>
<html lang="en"${themeAttr}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="${scheme}">
${p.refresh ? html`<meta http-equiv="refresh" content="${REFRESH_SECONDS}">\n` : ""}${p.noindex ? html`<meta name="robots" content="noindex">\n` : ""}<title>${p.title}</title>
${p.description ? html`<meta name="description" content="${p.description}">\n` : ""}<link rel="stylesheet" href="${assetPath(p.look.basePath, "status.css")}">
<link rel="icon" href="${assetPath(p.look.basePath, "favicon.svg")}" type="image/svg+xml">
${p.feeds ? html`<link rel="alternate" type="application/atom+xml" title="Atom feed" href="${p.feeds.atom}">
<link rel="alternate" type="application/feed+json" title="JSON feed" href="${p.feeds.json}">
` : ""}</head>
<body class="layout-${p.layout}">
${p.body}
</body>
</html>
`.text;
}

/** Logo and title; the title is the page's h1 unless the page has its own (a check's name). */
export function pageHeader(project: Pick<ProjectHeader, "title" | "description" | "logoUrl">, opts: { readonly home: string | null; readonly h1: boolean }): Html {
  const logo = safeImageUrl(project.logoUrl);
  const image = logo ? html`<img class="logo" src="${logo}" alt="" width="40" height="40">` : "";
  const name = opts.home ? html`<a href="${opts.home}">${project.title}</a>` : project.title;
  const title = opts.h1 ? html`<h1 class="site-title">${name}</h1>` : html`<p class="site-title">${name}</p>`;
  const description = opts.h1 && project.description ? html`<p class="site-description">${project.description}</p>` : "";
  return html`<header class="site-header">
<div class="site-brand">${image}${title}</div>
${description}
</header>`;
}

/** "Last updated", the zone times are in, the feeds, and what made the page. */
export function pageFooter(frame: PageFrame, links: StatusLinks): Html {
  return html`<footer class="site-footer">
<p>Last updated ${timeTag(frame.generatedAt, frame.zone)} · times in ${frame.zone} (UTC${zoneOffset(frame.generatedAt, frame.zone)}) · refreshes every minute</p>
<p><a href="${links.atom}">Atom feed</a> · <a href="${links.json}">JSON feed</a> · Powered by Tocsin</p>
</footer>`;
}
