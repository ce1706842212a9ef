// The ping log of a check's page (SPEC §12): kind, time, source (address and method, or the email
// sender), user agent, duration, exit status and message, and the body behind a <details> (which
// opens without JavaScript) with its download link.
import type { PingEntry } from "../views/dashboard-check.ts";
import { html, type Html } from "../web/html.ts";
import { runDuration } from "./charts.ts";
import type { DashboardLinks } from "./links.ts";
import { when } from "./when.ts";

const KIND_WORDS: Readonly<Record<PingEntry["kind"], string>> = { success: "success", fail: "failure", start: "start", log: "log", ign: "ignored" };

function source(p: PingEntry): string {
  if (p.scheme === "email") return p.ua.startsWith("Email from ") ? `email from ${p.ua.slice("Email from ".length)}` : "email";
  return `${p.scheme} ${p.method} from ${p.remoteAddr || "unknown address"}`;
}

export function pingLog(links: DashboardLinks, uuid: string, pings: readonly PingEntry[], now: number, zone: string): Html {
  if (pings.length === 0) return html`<p class="empty">No pings yet.</p>`;
  return html`<table class="pings">
<thead><tr><th scope="col">#</th><th scope="col">Kind</th><th scope="col">Time</th><th scope="col">Source</th><th scope="col">Duration</th><th scope="col">Exit</th><th scope="col">Message and body</th></tr></thead>
<tbody>
${pings.map((p) => pingRow(links, uuid, p, now, zone))}
</tbody>
</table>`;
}

function pingRow(links: DashboardLinks, uuid: string, p: PingEntry, now: number, zone: string): Html {
  return html`<tr id="ping-${p.n}" class="ping-${p.kind}">
<td class="n">${p.n}</td>
<td><span class="kind kind-${p.kind}">${KIND_WORDS[p.kind]}</span></td>
<td>${when(p.at, now, zone)}</td>
<td class="source">${source(p)}${p.ua && p.scheme !== "email" ? html`<br><small class="ua">${p.ua}</small>` : ""}</td>
<td>${p.duration === null ? "" : runDuration(p.duration)}</td>
<td>${p.exitStatus === null ? "" : p.exitStatus}</td>
<td class="msg">${p.msg ? html`<p class="ping-msg">${p.msg}</p>` : ""}${body(links, uuid, p)}</td>
</tr>`;
}

function body(links: DashboardLinks, uuid: string, p: PingEntry): Html | "" {
  if (p.bodySize === 0) return "";
  const download = html`<a href="${links.pingBody(uuid, p.n)}" download>Download (${p.bodySize} bytes)</a>`;
  if (p.excerpt === null) return html`<p class="hint">Binary body. ${download}</p>`;
  const cut = new TextEncoder().encode(p.excerpt).length < p.bodySize;
  return html`<details class="body" id="body-${p.n}">
<summary>Body (${p.bodySize} bytes)</summary>
<pre class="body-text">${p.excerpt}${cut ? "\n…" : ""}</pre>
<p>${cut ? "Shown: the beginning. " : ""}${download}</p>
</details>`;
}
