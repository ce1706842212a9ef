// A project's feeds (SPEC §9): Atom 1.0 and JSON Feed 1.1 of its current state, incidents and
// maintenance, at /status/<project>/feed.atom and /feed.json; the default project's also at
// /status/feed.atom and /status.json. A password-protected page's feeds take `?pw=` (or the
// page's cookie). Links in them are absolute, under the base URL.
import { z } from "zod";
import { renderAtomFeed } from "../../status-page/atom.ts";
import { jsonFeed, jsonFeedSchema } from "../../status-page/json-feed.ts";
import type { FeedModel } from "../../views/status-page-model.ts";
import { projectStatus } from "../../views/public-status.ts";
import { type Call, route, type Route, type RouteDoc } from "../route.ts";
import { notFound, withEtag } from "./answers.ts";
import { openFeed, type StatusPageDeps, stillOpen } from "./gate.ts";
import { DEFAULT_PROJECT } from "./page-routes.ts";

type FeedKind = "atom" | "json";

const CONTENT_TYPES: Readonly<Record<FeedKind, string>> = {
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

async function feedModel(deps: StatusPageDeps, call: Call, slug: string): Promise<{ ok: true; model: FeedModel; mode: string } | { ok: false; response: Response }> {
  const opened = await openFeed(deps, call, slug);
  if (!opened.ok) return opened;
  const now = deps.now();
  await deps.history.warm(deps.store, deps.store.read((tx) => tx.publicCheckKeys(opened.project.id)), now);
  const project = stillOpen(deps, opened.project);
  if (project === null) return { ok: false, response: notFound() };
  const page = deps.store.read((tx) => projectStatus(tx, deps, project, { basePath: "", theme: "auto", embed: null }, now));
  const { project: header, overall, groups, incidents, maintenance, zone, generatedAt } = page;
  return { ok: true, model: { baseUrl: call.baseUrl, project: header, overall, groups, incidents, maintenance, zone, generatedAt }, mode: project.statusPage.mode };
}

async function feed(deps: StatusPageDeps, call: Call, slug: string, kind: FeedKind): Promise<Response> {
  const got = await feedModel(deps, call, slug);
  if (!got.ok) return got.response;
  const body = kind === "atom" ? renderAtomFeed(got.model) : `${JSON.stringify(jsonFeed(got.model), null, 1)}\n`;
  return withEtag(call.req, body, {
    "Content-Type": CONTENT_TYPES[kind],
    "Cache-Control": got.mode === "password" ? "private, no-cache" : "no-cache",
    "X-Content-Type-Options": "nosniff",
    // a public status is meant to be read from anywhere; cookies never go along (no credentials)
    "Access-Control-Allow-Origin": "*",
  });
}

function feedDoc(kind: FeedKind, whose: string): RouteDoc {
  const refusals = {
    "304": { description: "Not modified (If-None-Match)" },
    "401": { description: "`password required` or `wrong password` (a password-protected page: add ?pw=)", contentType: "text/plain" },
    "404": { description: "No such project, or its status page is off", contentType: "text/plain" },
    "429": { description: "`too many attempts` of ?pw=; Retry-After says when", contentType: "text/plain" },
  };
  return {
    summary: kind === "atom" ? `Atom feed of ${whose} status page: state, incidents, maintenance` : `JSON Feed 1.1 of ${whose} status page, with the state of each public check in \`_tocsin\``,
    tag: "status page",
    params: [{ name: "pw", in: "query", description: "The status page password, when it has one", schema: z.string() }],
    responses: kind === "atom" ? { "200": { description: "Atom 1.0 (RFC 4287)", contentType: "application/atom+xml" }, ...refusals } : { "200": { description: "JSON Feed 1.1", schema: jsonFeedSchema, contentType: "application/feed+json" }, ...refusals },
  };
}

export function feedRoutes(deps: StatusPageDeps): Route[] {
  const of = (call: Call): string => call.params.project ?? "";
  return [
    route({ method: "GET", path: "/status/:project/feed.atom", auth: "none", doc: feedDoc("atom", "a project's"), handle: (call) => feed(deps, call, of(call), "atom") }),
    route({ method: "GET", path: "/status/:project/feed.json", auth: "none", doc: feedDoc("json", "a project's"), handle: (call) => feed(deps, call, of(call), "json") }),
    route({ method: "GET", path: "/status/feed.atom", auth: "none", doc: feedDoc("atom", "the default project's"), handle: (call) => feed(deps, call, DEFAULT_PROJECT, "atom") }),
    route({ method: "GET", path: "/status/feed.json", auth: "none", doc: feedDoc("json", "the default project's"), handle: (call) => feed(deps, call, DEFAULT_PROJECT, "json") }),
    route({ method: "GET", path: "/status.json", auth: "none", doc: feedDoc("json", "the default project's"), handle: (call) => feed(deps, call, DEFAULT_PROJECT, "json") }),
  ];
}
