// A check's page (SPEC §12): status, schedule and next fire times, actions, uptime, durations of
// recent runs, how to ping it, its ping log and its flips. The page's script reloads the live
// part when the server's event stream says the check changed.
import { formatPercent, formatPeriod } from "../core/format.ts";
import { UPTIME_WINDOWS, type UptimeWindow } from "../core/uptime.ts";
import { type CheckPageModel, checkPage, pingBody } from "../views/dashboard-check.ts";
import { html, type Html } from "../web/html.ts";
import { actionsSection, flashNotice } from "./check-actions.ts";
import type { PageContext } from "./context.ts";
import { errorPage } from "./error-page.ts";
import { page } from "./layout.ts";
import type { DashboardLinks } from "./links.ts";
import type { PageRoute } from "./page-route.ts";
import { durationChart, runDuration, uptimeBars } from "./charts.ts";
import { pingLog } from "./ping-log.ts";
import { snippets, snippetsSection } from "./snippets.ts";
import { at, when } from "./when.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkRoutes(ctx: PageContext): PageRoute[] {
  return [
    {
      method: "GET",
      path: "/app/checks/:uuid",
      auth: "session",
      handle: (call) => {
        const links = ctx.links();
        const uuid = call.params.uuid ?? "";
        const model = UUID.test(uuid) ? ctx.store.read((tx) => checkPage(tx, ctx.crons, uuid, call.now)) : null;
        if (!model) return errorPage(links, 404, "There is no such check (it may have been deleted).");
        const body = checkBody(ctx, links, model, call.csrf, call.url.searchParams);
        return page({ links, title: model.row.name, csrf: call.csrf, projects: model.projects, current: model.project, section: "checks", body });
      },
    },
    {
      method: "GET",
      path: "/app/checks/:uuid/pings/:n/body",
      auth: "session",
      handle: (call) => {
        const uuid = call.params.uuid ?? "";
        const n = call.params.n ?? "";
        const body = UUID.test(uuid) && /^\d{1,15}$/.test(n) ? ctx.store.read((tx) => pingBody(tx, uuid, Number(n))) : undefined;
        if (!body || body.length === 0) return errorPage(ctx.links(), 404, "There is no such ping body (old pings are pruned).");
        const text = isUtf8(body);
        return new Response(body, {
          headers: {
            "Content-Type": text ? "text/plain; charset=utf-8" : "application/octet-stream",
            "Content-Disposition": `attachment; filename="ping-${n}.${text ? "txt" : "bin"}"`,
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
          },
        });
      },
    },
  ];
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function checkBody(ctx: PageContext, links: DashboardLinks, m: CheckPageModel, csrf: string, query: URLSearchParams): Html {
  const { check, row } = m;
  const emailDomain = ctx.config.smtpListen ? (ctx.config.emailDomains?.[0] ?? null) : null;
  const list = snippets({ baseUrl: ctx.baseUrl(), check, pingKey: m.project.pingKey, emailDomain });
  return html`<p class="crumbs-line"><a href="${links.project(m.project.slug)}">← ${m.project.name}</a></p>
<div id="check-live" data-live-check="${links.checkEvents(check.uuid)}">
<div class="page-head">
<div>
<h1><span class="dot dot-${row.word}" aria-hidden="true"></span> ${row.name}</h1>
<p class="status-line status-${row.word}"><strong>${row.label}</strong>${row.muted && check.mutedUntil !== null ? html` · alerts muted until ${at(check.mutedUntil, "UTC")}` : ""}${check.managed ? html` · <span class="badge">managed by the config file</span>` : ""}</p>
</div>
<div class="head-side">
${check.managed ? "" : html`<a class="button" href="${links.editCheck(check.uuid)}">Edit</a>`}
<p class="live-state" data-live-state="off" aria-live="polite">Live updates need JavaScript; reload to refresh.</p>
</div>
</div>
${flashNotice(query)}
<div class="grid">
${factsSection(links, m)}
${actionsSection(links, m, csrf)}
</div>
${uptimeSection(m)}
<section class="card" aria-labelledby="durations"><h2 id="durations">Durations of recent runs</h2>${durationChart(m.pings, m.zone)}</section>
${snippetsSection(list)}
<section class="card" aria-labelledby="ping-log"><h2 id="ping-log">Ping log <span class="count">${m.pings.length} newest of ${check.nPings}</span></h2>${pingLog(links, check.uuid, m.pings, m.now, m.zone)}</section>
${flipsSection(m)}
</div>`;
}

function factsSection(links: DashboardLinks, m: CheckPageModel): Html {
  const { check, row, now } = m;
  const fact = (label: string, value: Html | string) => html`<dt>${label}</dt><dd>${value}</dd>`;
  return html`<section class="card" aria-labelledby="facts">
<h2 id="facts">Check</h2>
<dl class="facts">
${fact("Schedule", row.schedule)}
${check.kind === "cron" ? fact("Cron", html`<code>${check.schedule}</code> in ${check.tz}`) : ""}
${fact("Grace", formatPeriod(check.grace))}
${fact("Next expected", row.nextExpected === null ? "—" : when(row.nextExpected, now, m.zone))}
${fact("Last ping", when(row.lastPing, now, m.zone))}
${check.lastDuration !== null ? fact("Last run took", runDuration(check.lastDuration)) : ""}
${m.nextFires.length > 0 ? fact(`Next ${m.nextFires.length} fire times`, html`<ol class="fires">${m.nextFires.map((t) => html`<li>${at(t, m.zone)}</li>`)}</ol>`) : ""}
${row.tags.length > 0 ? fact("Tags", html`${row.tags.map((t) => html`<span class="tag">${t}</span> `)}`) : ""}
${check.slug ? fact("Slug", html`<code>${check.slug}</code>`) : ""}
${fact("UUID", html`<code>${check.uuid}</code>`)}
${fact("Channels", m.channels.length === 0 ? "none" : m.channels.map((c) => `${c.name || c.kind} (${c.kind})`).join(", "))}
${m.windows.length > 0 ? fact("Maintenance", windowsList(links, m)) : ""}
${check.desc ? fact("Description", html`<span class="desc">${check.desc}</span>`) : ""}
</dl>
</section>`;
}

/** The windows that select the check: in force now, or when each next opens. */
function windowsList(links: DashboardLinks, m: CheckPageModel): Html {
  const item = (w: CheckPageModel["windows"][number]) => {
    const name = w.name || "Unnamed window";
    if (w.next === null) return html`<li>${name}: will not open again</li>`;
    return w.active
      ? html`<li class="window-active"><strong>${name}: in force</strong> until ${at(w.next.end, m.zone)}; alerts are held</li>`
      : html`<li>${name}: next ${at(w.next.start, m.zone)} – ${at(w.next.end, m.zone)}</li>`;
  };
  return html`<ul class="windows" id="check-windows">${m.windows.map(item)}</ul><a href="${links.maintenance(m.project.slug)}">Maintenance windows</a>`;
}

function uptimeSection(m: CheckPageModel): Html {
  const windows = Object.keys(UPTIME_WINDOWS) as UptimeWindow[];
  return html`<section class="card" aria-labelledby="uptime">
<h2 id="uptime">Uptime</h2>
<ul class="uptime-figures">${windows.map((w) => html`<li><span class="figure">${formatPercent(m.uptime[w])}</span> <span class="muted">${w}</span></li>`)}</ul>
${uptimeBars(m.days)}
</section>`;
}

function flipsSection(m: CheckPageModel): Html {
  return html`<section class="card" aria-labelledby="flips">
<h2 id="flips">Status changes</h2>
${
  m.flips.length === 0
    ? html`<p class="empty">No status changes in the last 90 days.</p>`
    : html`<ul class="flips">${m.flips.map((f) => html`<li><span class="dot dot-${f.to}" aria-hidden="true"></span> ${f.from} → <strong>${f.to}</strong>${f.reason ? ` (${f.reason})` : ""} · ${when(f.at, m.now, m.zone)}</li>`)}</ul>`
}
</section>`;
}
