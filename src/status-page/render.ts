// The public status page (SPEC §9): a pure function from a model to HTML. No JavaScript, no
// external assets; light and dark through prefers-color-scheme; readable on a phone.
import type { DisplayStatus } from "../core/status.ts";
import type { PublicCheck, StatusModel } from "../views/public-status.ts";
import { html, type Html } from "../web/html.ts";

export type Overall = "operational" | "degraded" | "outage";

export function overallStatus(checks: readonly PublicCheck[]): Overall {
  if (checks.some((c) => c.status === "down")) return "outage";
  if (checks.some((c) => c.status === "grace")) return "degraded";
  return "operational";
}

const BANNER: Readonly<Record<Overall, string>> = {
  operational: "All systems operational",
  degraded: "Some jobs are running late",
  outage: "Some jobs are down",
};

const LABEL: Readonly<Record<DisplayStatus, string>> = {
  new: "waiting for first run",
  up: "up",
  grace: "late",
  down: "down",
  paused: "paused",
  started: "running",
};

export function renderStatusPage(model: StatusModel): string {
  const overall = overallStatus(model.checks);
  const groups = new Map<string, PublicCheck[]>();
  for (const c of model.checks) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  const sections = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([group, checks]) => section(group, checks));
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="60">
<title>${model.title}</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
<main>
  <header><img src="/static/favicon.svg" alt="" width="28" height="28"><h1>${model.title}</h1></header>
  <section class="banner ${overall}">${BANNER[overall]}</section>
  ${model.checks.length === 0 ? html`<p class="muted">No public checks yet.</p>` : sections}
  <footer class="muted">Updated ${model.generated}</footer>
</main>
</body>
</html>
`.text;
}

function section(group: string, checks: readonly PublicCheck[]): Html {
  return html`<section class="group">
    ${group ? html`<h2>${group}</h2>` : ""}
    <ul class="checks">
      ${checks.map(
        (c) => html`<li class="check"><span class="dot ${c.status}" aria-hidden="true"></span><span class="name">${c.name}</span>
        <span class="state ${c.status}">${LABEL[c.status]}</span>
        <span class="last muted">${c.lastPing ? html`last run <time datetime="${c.lastPing}">${c.lastPing.slice(0, 16).replace("T", " ")} UTC</time>` : "never ran"}</span></li>`,
      )}
    </ul>
  </section>`;
}
