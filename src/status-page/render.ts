// The public status page of a project (SPEC §9): a pure function from its model to HTML. No
// JavaScript, no external assets, no inline style; light and dark from prefers-color-scheme or
// a forced theme; readable at 360 px. Embed mode renders only the chosen sections, chromeless.
import { html, type Html } from "../web/html.ts";
import { barWords } from "./bars.ts";
import { documentHtml, pageFooter, pageHeader } from "./layout.ts";
import { statusLinks } from "./links.ts";
import type { CheckGroup, EmbedSection, ProjectPageModel } from "../views/status-page-model.ts";
import { OVERALL_WORDS } from "./overall.ts";
import type { RowMemo } from "./row-memo.ts";
import { bannerSection, checkRow, incidentsSection, maintenanceSection, type RenderContext } from "./sections.ts";

export { renderCheckPage } from "./check-page.ts";
export { overallStatus } from "./overall.ts";
export { renderNotFoundPage } from "./not-found-page.ts";
export { RowMemo } from "./row-memo.ts";
export { renderPasswordPage } from "./password-page.ts";

/**
 * The project page (`memo`: rows rendered before, reused where nothing they show changed). In embed mode (model.embed set) only the chosen sections are rendered, with
 * no header or footer, links open a new tab, and the page still refreshes every minute: an
 * embedded status that silently goes stale would be worse than a reload of a small iframe.
 */
export function renderProjectPage(model: ProjectPageModel, memo?: RowMemo): string {
  const embedded = model.embed !== null;
  const links = statusLinks(model.basePath, model.project.slug, model.theme);
  const ctx: RenderContext = { frame: model, links, embedded, words: barWords(model.zone) };
  const shows = (s: EmbedSection): boolean => model.embed === null || model.embed.has(s);
  const checks = model.groups.flatMap((g) => g.checks);
  const main = html`<main class="content">
${embedded && shows("title") ? pageHeader(model.project, { home: null, h1: true }) : ""}
${shows("banner") ? html`${bannerSection(model.overall, checks)}\n${maintenanceSection(ctx, model.maintenance.active, true)}` : ""}
${shows("checks") ? groupsSection(ctx, model.groups, memo) : ""}
${shows("incidents") ? html`${incidentsSection(ctx, model.incidents, true)}\n${maintenanceSection(ctx, model.maintenance.upcoming, false)}` : ""}
</main>`;
  const body = embedded ? main : html`${pageHeader(model.project, { home: null, h1: true })}\n${main}\n${pageFooter(model, links)}`;
  return documentHtml({
    look: model,
    title: `${model.project.title} · ${OVERALL_WORDS[model.overall]}`,
    description: model.project.description,
    refresh: true,
    feeds: links,
    layout: embedded ? "embed" : "page",
    body,
  });
}

function groupsSection(ctx: RenderContext, groups: readonly CheckGroup[], memo: RowMemo | undefined): Html {
  const shown = groups.filter((g) => g.checks.length > 0);
  if (shown.length === 0) return html`<p class="empty">No public checks yet.</p>`;
  let row = 0;
  return html`${shown.map((g, i) => {
    const title = g.name !== "" ? g.name : shown.length === 1 ? "Checks" : "Other checks";
    return html`<section class="group" aria-labelledby="group-${i}">
<h2 id="group-${i}">${title}</h2>
<ul class="checks">${g.checks.map((c) => {
      const id = `bars-${row++}`;
      return memo ? memo.row(ctx, c, id, () => checkRow(ctx, c, id)) : checkRow(ctx, c, id);
    })}</ul>
</section>
`;
  })}`;
}
