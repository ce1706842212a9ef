// One public check's page (SPEC §9): its state, daily bar and uptime, incidents, maintenance and
// recent runs with their kind and duration. Never a ping body, host or address: the model has none.
import { formatDuration, STATUS_LABELS } from "../core/format.ts";
import { html, type Html } from "../web/html.ts";
import { timeTag } from "../web/format.ts";
import { barWords } from "./bars.ts";
import { documentHtml, pageFooter, pageHeader } from "./layout.ts";
import { statusLinks } from "./links.ts";
import type { CheckPageModel, RecentRun, RunKind } from "../views/status-page-model.ts";
import { wordOf } from "./overall.ts";
import { historyBlock, incidentsSection, lastRunLine, maintenanceSection, type RenderContext, stateLabel } from "./sections.ts";

const RUN_LABELS: Readonly<Record<RunKind, string>> = {
  success: "succeeded",
  fail: "failed",
  start: "started",
  log: "logged",
  ign: "ignored",
};

export function renderCheckPage(model: CheckPageModel): string {
  const links = statusLinks(model.basePath, model.project.slug, model.theme);
  const ctx: RenderContext = { frame: model, links, embedded: false, words: barWords(model.zone) };
  const c = model.check;
  const main = html`<main class="content">
<div class="check-title">
<h1>${c.name}</h1>
${model.group ? html`<p class="check-group">${model.group}</p>` : ""}
</div>
<section class="check-summary" aria-label="Current state">
${stateLabel(c)}
${lastRunLine(c, model)}
</section>
${maintenanceSection(ctx, model.maintenance.active, true)}
<section class="check-history" aria-labelledby="history-title">
<h2 id="history-title">Daily uptime</h2>
${historyBlock(ctx, c, "bars-check")}
</section>
${incidentsSection(ctx, model.incidents, false)}
${maintenanceSection(ctx, model.maintenance.upcoming, false)}
${runsSection(model.runs, model.zone, c.lastRun !== null)}
</main>`;
  return documentHtml({
    look: model,
    title: `${c.name} · ${STATUS_LABELS[wordOf(c)]} · ${model.project.title}`,
    description: model.project.description,
    refresh: true,
    feeds: links,
    layout: "page",
    body: html`${pageHeader(model.project, { home: links.page, h1: false })}\n${main}\n${pageFooter(model, links)}`,
  });
}

function runsSection(runs: readonly RecentRun[], zone: string, ran: boolean): Html {
  // a check that ran may have no pings kept (imported, or its log emptied): never "no runs yet" then
  const body =
    runs.length === 0
      ? html`<p class="empty">${ran ? "No run details are kept for this check." : "No runs yet."}</p>`
      : html`<table class="runs-table">
<thead><tr><th scope="col">When</th><th scope="col">Result</th><th scope="col">Duration</th></tr></thead>
<tbody>${runs.map((r) => html`<tr><td>${timeTag(r.at, zone)}</td><td><span class="run run-${r.kind}">${RUN_LABELS[r.kind]}</span></td><td>${r.durationMs === null ? "—" : formatDuration(r.durationMs)}</td></tr>`)}</tbody>
</table>`;
  return html`<section class="runs" aria-labelledby="runs-title">
<h2 id="runs-title">Recent runs</h2>
${body}
</section>`;
}
