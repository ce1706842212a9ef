// Logging in and out (SPEC §12): one admin password, checked one attempt at a time and
// rate-limited (the route is `limited`: the guard spends the attempt), a session cookie that is
// HttpOnly, SameSite=Lax and Secure over HTTPS, and a logout that ends the session in the database.
import { endSession, logIn } from "../sessions/sessions.ts";
import { SESSION_MAX_MS } from "../sessions/sessions.ts";
import { clearCookie, setCookie } from "../web/cookies.ts";
import { html } from "../web/html.ts";
import type { PageContext } from "./context.ts";
import { redirect, SESSION_COOKIE } from "./guard.ts";
import { page } from "./layout.ts";
import { type DashboardLinks, safeNext } from "./links.ts";
import type { PageCall, PageRoute } from "./page-route.ts";
import type { Session } from "../sessions/sessions.ts";

const MESSAGES = {
  wrong: "Wrong password.",
  busy: "Too many logins at once. Try again in a moment.",
} as const;

export function loginRoutes(ctx: PageContext): PageRoute[] {
  return [
    {
      method: "GET",
      path: "/app/login",
      auth: "anonymous",
      handle: (call) => (call.session ? redirect(safeNext(call.url.searchParams.get("next"), ctx.links())) : loginPage(ctx.links(), call, null, 200)),
    },
    {
      method: "POST",
      path: "/app/login",
      auth: "anonymous",
      limited: true,
      handle: async (call) => {
        const links = ctx.links();
        const outcome = await logIn(ctx.store, ctx.verifier, call.form.get("password") ?? "", ctx.now, { remoteAddr: call.clientAddr, ua: call.req.headers.get("user-agent") ?? "" });
        if (!outcome.ok) {
          ctx.log.warn("dashboard login refused", { addr: call.clientAddr, reason: outcome.reason });
          return loginPage(links, call, outcome.reason, outcome.reason === "busy" ? 503 : 401);
        }
        ctx.log.info("dashboard login", { addr: call.clientAddr });
        const cookie = setCookie(SESSION_COOKIE, outcome.session.token, { path: links.root, maxAge: SESSION_MAX_MS / 1000, secure: call.secure });
        return redirect(safeNext(call.form.get("next"), links), { "Set-Cookie": cookie });
      },
    },
    {
      method: "POST",
      path: "/app/logout",
      auth: "session",
      handle: (call: PageCall<Session>) => {
        const links = ctx.links();
        endSession(ctx.store, call.session);
        return redirect(links.login(), { "Set-Cookie": clearCookie(SESSION_COOKIE, { path: links.root, secure: call.secure }) });
      },
    },
  ];
}

function loginPage(links: DashboardLinks, call: PageCall<Session | null>, error: keyof typeof MESSAGES | null, status: number): Response {
  const next = call.form.get("next") ?? call.url.searchParams.get("next") ?? "";
  const body = html`<section class="login">
<h1>Log in to Tocsin</h1>
${error ? html`<p class="notice notice-error" role="alert">${MESSAGES[error]}</p>` : ""}
<form method="post" action="${links.login()}" class="stack">
<input type="hidden" name="csrf" value="${call.csrf}">
<input type="hidden" name="next" value="${safeNext(next, links)}">
<label for="password">Admin password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required autofocus maxlength="1000">
<button type="submit" class="primary">Log in</button>
</form>
<p class="hint">Tocsin printed a password when it started; set your own with <code>tocsin admin set-password</code> or <code>TOCSIN_ADMIN_PASSWORD</code>.</p>
</section>`;
  return page({ links, title: "Log in", csrf: null, body }, status);
}
