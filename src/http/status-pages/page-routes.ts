// The status pages (SPEC §9): `/status` (the default project's), `/status/<project>` and
// `/status/<project>/<check>`, each also taking the password form's POST, and `/` when
// TOCSIN_STATUS_AT_ROOT=1. Every link and asset is under the base URL's path; embed mode
// (`?embed=`) is the only answer that may be framed.
import { z } from "zod";
import { imageOriginOf } from "../../core/image-url.ts";
import { renderCheckPage, renderProjectPage } from "../../status-page/render.ts";
import { parseEmbed, parseTheme } from "../../status-page/query.ts";
import type { Project } from "../../store/store.ts";
import { checkStatus } from "../../views/public-check.ts";
import { projectStatus } from "../../views/public-status.ts";
import { basePathOf } from "../../web/base-path.ts";
import { type Call, type ParamDoc, route, type Route, type RouteDoc } from "../route.ts";
import { notFound, pageAnswer } from "./answers.ts";
import { missingPage, openPage, type StatusPageDeps, stillOpen, submitPassword } from "./gate.ts";

export const DEFAULT_PROJECT = "default";

const page = { description: "Server-rendered HTML (the password form instead when the page has a password)", contentType: "text/html" };
const missing = { description: "No such project, its status page is off, or no such public check: one page for all", contentType: "text/html" };
const QUERY: ParamDoc[] = [
  { name: "theme", in: "query", description: "light or dark; otherwise the visitor's prefers-color-scheme", schema: z.string() },
  { name: "embed", in: "query", description: "Sections for an iframe, comma-separated: title, banner, checks, incidents (none valid: all)", schema: z.string() },
];
const formDoc = (summary: string): RouteDoc => ({
  summary,
  tag: "status page",
  description: "An HTML form post (application/x-www-form-urlencoded) with one field, `password`. A right password sets the page's cookie and redirects (303) to the page.",
  responses: {
    "303": { description: "To the page, with its cookie", contentType: "text/plain" },
    "403": { description: "The form again: wrong password", contentType: "text/html" },
    "429": { description: "The form again: too many attempts (per address, per page, in all); Retry-After says when", contentType: "text/html" },
  },
});

/** The headers of a page of `project`: its logo's origin may be shown; password pages stay private to the visitor. */
function pageOptions(project: Project, embedded: boolean) {
  const logo = imageOriginOf(project.statusPage.logoUrl);
  return { framable: embedded, imageOrigins: logo === null ? [] : [logo], cache: project.statusPage.mode === "password" ? "private, no-cache" : "no-cache" };
}

async function projectPage(deps: StatusPageDeps, call: Call, slug: string): Promise<Response> {
  const opened = openPage(deps, call, slug);
  if (!opened.ok) return opened.response;
  const now = deps.now();
  await deps.history.warm(deps.store, deps.store.read((tx) => tx.publicCheckKeys(opened.project.id)), now);
  const project = stillOpen(deps, opened.project);
  if (project === null) return missingPage(call);
  const embed = parseEmbed(call.url.searchParams.get("embed"));
  const ask = { basePath: basePathOf(call.baseUrl), theme: parseTheme(call.url.searchParams.get("theme")), embed };
  const model = deps.store.read((tx) => projectStatus(tx, deps, project, ask, now));
  return pageAnswer(call.req, renderProjectPage(model, deps.rows), pageOptions(project, embed !== null));
}

function checkPage(deps: StatusPageDeps, call: Call, slug: string, checkSlug: string): Response {
  const opened = openPage(deps, call, slug);
  if (!opened.ok) return opened.response;
  const project = opened.project;
  const ask = { basePath: basePathOf(call.baseUrl), theme: parseTheme(call.url.searchParams.get("theme")) };
  const model = deps.store.read((tx) => checkStatus(tx, deps, project, checkSlug, ask, deps.now()));
  return model === null ? missingPage(call) : pageAnswer(call.req, renderCheckPage(model), pageOptions(project, false));
}

export function statusPageRoutes(deps: StatusPageDeps): Route[] {
  const pageDoc = (summary: string): RouteDoc => ({
    summary,
    tag: "status page",
    description: "Query: `?theme=light|dark`; `?embed=title,banner,checks,incidents` (project pages) renders chromeless for an iframe, the only answer that may be framed.",
    params: QUERY,
    responses: { "200": page, "304": { description: "Not modified (If-None-Match)" }, "404": missing },
  });
  return [
    route({ method: "GET", path: "/status", auth: "none", doc: pageDoc("The default project's status page"), handle: (call) => projectPage(deps, call, DEFAULT_PROJECT) }),
    route({ method: "POST", path: "/status", auth: "none", form: true, doc: formDoc("The password of the default project's status page"), handle: (call) => submitPassword(deps, call, DEFAULT_PROJECT) }),
    route({ method: "GET", path: "/status/:project", auth: "none", doc: pageDoc("A project's status page"), handle: (call) => projectPage(deps, call, call.params.project ?? "") }),
    route({ method: "POST", path: "/status/:project", auth: "none", form: true, doc: formDoc("The password of a project's status page"), handle: (call) => submitPassword(deps, call, call.params.project ?? "") }),
    route({
      method: "GET",
      path: "/status/:project/:check",
      auth: "none",
      doc: pageDoc("One public check's history: 90-day bar, uptime, incidents, maintenance and recent runs"),
      handle: (call) => checkPage(deps, call, call.params.project ?? "", call.params.check ?? ""),
    }),
    route({ method: "POST", path: "/status/:project/:check", auth: "none", form: true, doc: formDoc("The password, asked on a check's page"), handle: (call) => submitPassword(deps, call, call.params.project ?? "") }),
    route({
      method: "GET",
      path: "/",
      auth: "none",
      doc: { summary: "The dashboard (/app), or the default project's status page when TOCSIN_STATUS_AT_ROOT=1", tag: "status page", responses: { "200": page, "303": { description: "to the dashboard", contentType: "text/plain" } } },
      handle: (call) => (deps.statusAtRoot ? projectPage(deps, call, DEFAULT_PROJECT) : new Response(null, { status: 303, headers: { Location: `${basePathOf(call.baseUrl)}/app` } })),
    }),
    route({ method: "POST", path: "/", auth: "none", form: true, doc: formDoc("The password of the status page at the root (TOCSIN_STATUS_AT_ROOT=1)"), handle: (call) => (deps.statusAtRoot ? submitPassword(deps, call, DEFAULT_PROJECT) : notFound()) }),
  ];
}
