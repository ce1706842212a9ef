// The form in front of a password-protected status page (SPEC §9). It is a public login form
// without a CSRF token by design: a forged login could at most let someone's browser view a
// status page, and a token would need a session before there is one. It posts `password` back
// to the page that was asked for; the route checks it, sets the cookie and redirects there.
import { html } from "../web/html.ts";
import { documentHtml, pageHeader } from "./layout.ts";
import { normalizeBasePath } from "./links.ts";
import type { PasswordPageModel } from "../views/status-page-model.ts";

export function renderPasswordPage(model: PasswordPageModel): string {
  const base = normalizeBasePath(model.basePath);
  // one leading slash: "//host" or "/\\host" would post the password to another site
  const action = `${base}/${model.path.replace(/^[/\\]+/, "")}`;
  const error = model.error ? html`<p class="form-error" id="password-error" role="alert">${model.error}</p>` : "";
  const described = model.error ? html` aria-describedby="password-error" aria-invalid="true"` : "";
  const main = html`<main class="content">
<section class="login" aria-labelledby="login-title">
<h2 id="login-title">This status page is protected</h2>
<p>Enter the password to see it.</p>
<form class="login-form" method="post" action="${action}">
${error}
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200"${described}>
<button type="submit">Show status</button>
</form>
</section>
</main>`;
  return documentHtml({
    look: model,
    title: `${model.project.title} · password required`,
    description: "",
    refresh: false,
    feeds: null,
    layout: "page",
    noindex: true,
    body: html`${pageHeader({ ...model.project, description: "" }, { home: null, h1: true })}\n${main}\n<footer class="site-footer"><p>Powered by Tocsin</p></footer>`,
  });
}
