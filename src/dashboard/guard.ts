// The checks in front of every dashboard route, composed once (SPEC §12): the session from its
// cookie (a route without one sends the browser to the login form), for unsafe requests the
// origin (Sec-Fetch-Site / Origin) and then the form's CSRF token, and the login rate limit on
// the routes that declare it. Handlers only run for requests that passed all of them.
import { clientAddress, schemeOf } from "../http/client-address.ts";
import { readBounded } from "../http/json-body.ts";
import { newSessionToken, resumeSession, type Session } from "../sessions/sessions.ts";
import { readCookie, setCookie } from "../web/cookies.ts";
import { csrfToken, csrfTokenMatches, fromOwnPage, isUnsafeMethod } from "../web/csrf.ts";
import type { DashboardLinks } from "./links.ts";
import type { PageCall, PageRoute } from "./page-route.ts";
import type { PageContext } from "./context.ts";
import { errorPage } from "./error-page.ts";

export const SESSION_COOKIE = "tocsin_session";
/** before login, the secret the login form's CSRF token is derived from */
export const LOGIN_COOKIE = "tocsin_login";
const LOGIN_COOKIE_SECONDS = 12 * 3_600;
/**
 * The largest form read, as the API bounds JSON bodies: a webhook's body template may hold 100 000
 * characters (three times that once URL-encoded), and bulk assignment names every check ticked.
 */
export const MAX_FORM_BYTES = 1_000_000;

export async function guarded(ctx: PageContext, route: PageRoute, req: Request, url: URL, params: Record<string, string>, socketAddr: string): Promise<Response> {
  const now = ctx.now();
  const links = ctx.links();
  const secure = schemeOf(req, url, ctx.config.trustProxy) === "https";
  const clientAddr = clientAddress(req, socketAddr, ctx.config.trustProxy);
  const token = readCookie(req, SESSION_COOKIE);
  const session: Session | null = token === null ? null : resumeSession(ctx.store, token, now);
  if (route.auth === "session" && session === null) {
    // the form a browser was sending is lost either way; a page it asked for is where it returns
    const next = req.method === "GET" ? url.pathname + url.search : undefined;
    return redirect(links.login(next));
  }
  const loginSecret = session === null ? readCookie(req, LOGIN_COOKIE) : null;
  const freshSecret = session === null && loginSecret === null ? newSessionToken() : null;
  const secret = session?.token ?? loginSecret ?? freshSecret!;
  const form = isUnsafeMethod(req.method) ? await checkedForm(ctx, req, url, secret) : new URLSearchParams();
  if (form instanceof Response) return form;
  if (route.limited === true) {
    const wait = ctx.limits.take(clientAddr, now);
    if (wait > 0) return tooManyAttempts(links, wait);
  }
  const call: PageCall<Session | null> = { req, url, params, session, form, csrf: csrfToken(secret), clientAddr, secure, now };
  const res = await (route.handle as (c: PageCall<Session | null>) => Response | Promise<Response>)(call);
  if (freshSecret !== null) res.headers.append("Set-Cookie", setCookie(LOGIN_COOKIE, freshSecret, { path: links.root, maxAge: LOGIN_COOKIE_SECONDS, secure }));
  return res;
}

/** An unsafe request's form, once its origin and its CSRF token have passed; else the refusal. */
async function checkedForm(ctx: PageContext, req: Request, url: URL, secret: string): Promise<URLSearchParams | Response> {
  const links = ctx.links();
  if (!fromOwnPage(req, ownOrigins(req, url, ctx))) return errorPage(links, 403, "This form was sent from another site, so it was refused.");
  const form = await readForm(req);
  if (form instanceof Response) return form;
  if (!csrfTokenMatches(secret, form.get("csrf"))) return errorPage(links, 403, "This form has expired or did not come from this dashboard. Go back, reload the page and try again.");
  return form;
}

export function redirect(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store", ...headers } });
}

/** The request's own origin (as the browser sees it behind a trusted proxy) and the base URL's. */
function ownOrigins(req: Request, url: URL, ctx: PageContext): string[] {
  const scheme = schemeOf(req, url, ctx.config.trustProxy);
  const host = (ctx.config.trustProxy ? req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : null) || url.host;
  const origins = [`${scheme}://${host}`];
  try {
    origins.push(new URL(ctx.baseUrl()).origin);
  } catch {
    // no base URL yet: the request's own origin is all there is
  }
  return origins;
}

async function readForm(req: Request): Promise<URLSearchParams | Response> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) return new Response("forms are sent as application/x-www-form-urlencoded", { status: 415 });
  const bytes = await readBounded(req, MAX_FORM_BYTES);
  if (bytes === null) return new Response("form too large", { status: 413 });
  return new URLSearchParams(new TextDecoder().decode(bytes));
}

function tooManyAttempts(links: DashboardLinks, waitMs: number): Response {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const res = errorPage(links, 429, `Too many login attempts. Try again in ${seconds} s.`);
  res.headers.set("Retry-After", String(seconds));
  return res;
}
