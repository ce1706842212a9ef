// The door of every status page, feed and embed (SPEC §9): a project whose page is `off` (or that
// does not exist) is a 404; `public` opens; `password` opens with the page's cookie, on feeds also
// with `?pw=`, and otherwise shows the password form. The form posts back to the page it stands
// in front of; a right password sets the cookie and redirects there with a GET.
import type { CronCache } from "../../core/cron-cache.ts";
import { renderPasswordPage, type RowMemo } from "../../status-page/render.ts";
import { parseTheme } from "../../status-page/query.ts";
import type { Project, Store } from "../../store/store.ts";
import type { HistoryCache } from "../../views/history-cache.ts";
import { projectHeader } from "../../views/public-status.ts";
import { basePathOf } from "../../web/base-path.ts";
import { htmlHeaders } from "../../web/headers.ts";
import { clientAddress, schemeOf } from "../client-address.ts";
import { readBounded } from "../json-body.ts";
import type { Call } from "../route.ts";
import type { Attempt, StatusAccess } from "./access.ts";
import { notFound, pageNotFound } from "./answers.ts";

export interface StatusPageDeps {
  readonly store: Store;
  readonly crons: CronCache;
  readonly now: () => number;
  /** TOCSIN_TRUST_PROXY: client addresses and https from the proxy's headers */
  readonly trustProxy: boolean;
  /** TOCSIN_STATUS_AT_ROOT: the default project's page is also at / */
  readonly statusAtRoot: boolean;
  readonly history: HistoryCache;
  /** check rows of project pages, reused while nothing they show changes */
  readonly rows: RowMemo;
  readonly access: StatusAccess;
}

export type Opened = { readonly ok: true; readonly project: Project } | { readonly ok: false; readonly response: Response };

/** A form holds one field; anything much larger than a password is not a login. */
const FORM_BYTES = 4_096;

/** The page path of this request, with exactly one leading slash (never "//host"), and the query of its look. */
export function requestPath(call: Call): string {
  const kept = new URLSearchParams();
  for (const name of ["theme", "embed"]) {
    const value = call.url.searchParams.get(name);
    if (value !== null) kept.set(name, value.slice(0, 100));
  }
  const query = kept.size === 0 ? "" : `?${kept.toString()}`;
  return `/${call.url.pathname.replace(/^[/\\]+/, "")}${query}`;
}

function findPage(deps: StatusPageDeps, slug: string): { project: Project; hash: string | null } | null {
  return deps.store.read((tx) => {
    const project = tx.findProjectBySlug(slug);
    if (!project || project.statusPage.mode === "off") return null;
    return { project, hash: project.statusPage.mode === "password" ? tx.getStatusPasswordHash(project.id) : null };
  });
}

/** A page (or its embed): open, or the password form in its place. */
export function openPage(deps: StatusPageDeps, call: Call, slug: string): Opened {
  const found = findPage(deps, slug);
  if (!found) return { ok: false, response: missingPage(call) };
  const { project, hash } = found;
  if (project.statusPage.mode === "public") return { ok: true, project };
  if (hash !== null && deps.access.hasCookie(call.req, project, hash, deps.now())) return { ok: true, project };
  return { ok: false, response: passwordForm(call, project, null, 200) };
}

/** A feed: open, with the page's cookie, or with `?pw=`. Feed readers get plain-text refusals. */
export async function openFeed(deps: StatusPageDeps, call: Call, slug: string): Promise<Opened> {
  const found = findPage(deps, slug);
  if (!found) return { ok: false, response: notFound() };
  const { project, hash } = found;
  if (project.statusPage.mode === "public") return { ok: true, project };
  const now = deps.now();
  if (hash !== null && deps.access.hasCookie(call.req, project, hash, now)) return { ok: true, project };
  const pw = call.url.searchParams.get("pw");
  if (hash === null || pw === null) return { ok: false, response: refusal(401, "password required: add ?pw=<the status page password>") };
  const attempt = await deps.access.attempt(project, hash, pw, clientAddress(call.req, call.socketAddr, deps.trustProxy), now);
  switch (attempt.kind) {
    case "match":
      return { ok: true, project };
    case "mismatch":
      return { ok: false, response: refusal(401, "wrong password") };
    case "busy":
      return { ok: false, response: refusal(503, "busy, try again in a moment", { "Retry-After": "5" }) };
    case "limited":
      return { ok: false, response: refusal(429, "too many attempts", { "Retry-After": String(Math.ceil(attempt.waitMs / 1000)) }) };
    default: {
      const unreachable: never = attempt;
      throw new Error(`unknown attempt ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * The project again after a wait (the history read in slices lets other requests in): its
 * settings as they are now, or null when its page was switched off or put behind a password
 * meanwhile — a page opened while public is not shown once it no longer is.
 */
export function stillOpen(deps: StatusPageDeps, project: Project): Project | null {
  const now = deps.store.read((tx) => tx.getProjectById(project.id));
  if (!now || now.slug !== project.slug || now.statusPage.mode === "off") return null;
  return now.statusPage.mode === "password" && project.statusPage.mode !== "password" ? null : now;
}

/** POST of the password form: the cookie and a redirect to the page, or the form with what went wrong. */
export async function submitPassword(deps: StatusPageDeps, call: Call, slug: string): Promise<Response> {
  const found = findPage(deps, slug);
  if (!found) return notFound();
  const { project, hash } = found;
  const path = requestPath(call);
  const target = `${basePathOf(call.baseUrl)}${path}`;
  if (project.statusPage.mode === "public") return new Response(null, { status: 303, headers: { Location: target } });
  const bytes = await readBounded(call.req, FORM_BYTES);
  if (bytes === null) return passwordForm(call, project, "That is not a password.", 413);
  const password = new URLSearchParams(new TextDecoder().decode(bytes)).get("password") ?? "";
  const now = deps.now();
  const attempt: Attempt = hash === null ? { kind: "mismatch" } : await deps.access.attempt(project, hash, password, clientAddress(call.req, call.socketAddr, deps.trustProxy), now);
  switch (attempt.kind) {
    case "match": {
      const secure = schemeOf(call.req, call.url, deps.trustProxy) === "https" || call.baseUrl.startsWith("https:");
      const cookie = deps.access.issueCookie(project, hash!, now, { path: `${basePathOf(call.baseUrl)}/`, secure });
      return new Response(null, { status: 303, headers: { Location: target, "Set-Cookie": cookie, "Cache-Control": "no-store" } });
    }
    case "mismatch":
      return passwordForm(call, project, "Wrong password.", 403);
    case "busy":
      return passwordForm(call, project, "Too many people are signing in; try again in a moment.", 503, { "Retry-After": "5" });
    case "limited": {
      const seconds = Math.ceil(attempt.waitMs / 1000);
      return passwordForm(call, project, `Too many attempts; try again in ${seconds} s.`, 429, { "Retry-After": String(seconds) });
    }
    default: {
      const unreachable: never = attempt;
      throw new Error(`unknown attempt ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The HTML 404 of a page, in the look it was asked for. */
export function missingPage(call: Call): Response {
  return pageNotFound(basePathOf(call.baseUrl), parseTheme(call.url.searchParams.get("theme")));
}

function passwordForm(call: Call, project: Project, error: string | null, status: number, extra: Record<string, string> = {}): Response {
  const body = renderPasswordPage({
    basePath: basePathOf(call.baseUrl),
    theme: parseTheme(call.url.searchParams.get("theme")),
    project: { title: projectHeader(project).title, logoUrl: null },
    path: requestPath(call),
    error,
  });
  // the form may stand in for an embedded page, so it may be framed where the page may
  const framable = call.url.searchParams.has("embed");
  return new Response(body, { status, headers: { ...htmlHeaders({ framable, cache: "no-store" }), ...extra } });
}

function refusal(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...extra } });
}
