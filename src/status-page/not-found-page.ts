// What a visitor sees for a status page that does not exist, is switched off, or a check that is
// not public: the same page in every case, so nothing tells a private check from a missing one.
import { html } from "../web/html.ts";
import { documentHtml } from "./layout.ts";
import type { PageLook } from "../views/status-page-model.ts";

export function renderNotFoundPage(look: PageLook): string {
  return documentHtml({
    look,
    title: "No status page here",
    description: "",
    refresh: false,
    feeds: null,
    layout: "page",
    noindex: true,
    body: html`<main class="content">
<section class="login" aria-labelledby="missing-title">
<h1 id="missing-title">No status page here</h1>
<p>This address shows no status page. Check the link you were given.</p>
</section>
</main>
<footer class="site-footer"><p>Powered by Tocsin</p></footer>`,
  });
}
