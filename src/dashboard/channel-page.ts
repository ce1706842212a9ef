// A channel's page (SPEC §12): its settings form, a test message with its outcome, the checks it
// alerts for, its delivery log (alerts and tests, newest first) and deletion behind a confirmation.
import { formatInZone } from "../core/cron.ts";
import type { TestOutcome } from "../notify/test-send.ts";
import type { ChannelNotification } from "../store/store.ts";
import type { ChannelPageModel } from "../views/dashboard-channels.ts";
import { html, type Html } from "../web/html.ts";
import { localDateTime } from "../web/format.ts";
import { channelForm } from "./channel-form.ts";
import { type FormKind, isFormKind, KIND_FORMS } from "./channel-kinds.ts";
import { csrfField, type FormState } from "./form-kit.ts";
import type { DashboardLinks } from "./links.ts";

export interface ChannelView {
  readonly model: ChannelPageModel;
  readonly form: FormState;
  readonly csrf: string;
  /** the outcome of a test message sent just now */
  readonly tested?: TestOutcome;
  readonly notice?: Html;
}

const STATUS_WORDS: Readonly<Record<ChannelNotification["status"], string>> = { ok: "delivered", error: "failed, will retry", permanent: "failed for good" };

export function channelBody(links: DashboardLinks, v: ChannelView): Html {
  const { channel } = v.model;
  const kind = isFormKind(channel.kind) ? channel.kind : null;
  return html`<p class="crumbs-line"><a href="${links.channels(v.model.project.slug)}">← Channels</a></p>
<div class="page-head"><h1>${channel.name || "Unnamed channel"} <span class="badge">${kind ? KIND_FORMS[kind].title : channel.kind}</span></h1></div>
${v.notice ?? ""}
${v.tested ? testOutcome(v.tested) : ""}
${channel.lastError ? html`<p class="notice notice-error" role="status">Last delivery failed: ${channel.lastError}</p>` : ""}
${kind && !channel.managed ? editSection(links, v, kind) : html`<p class="notice">${channel.managed ? "Declared in the config file: change it there." : "This kind can only be changed in the config file."}</p>`}
<div class="grid">
<section class="card" aria-labelledby="test"><h2 id="test">Test message</h2>
<form method="post" action="${links.channelAction(channel.id, "test")}">${csrfField(v.csrf)}<button type="submit">Send a test message now</button></form>
<p class="hint">Sends a made-up alert through this channel and records the attempt below.</p>
</section>
${checksSection(links, v.model)}
</div>
${logSection(links, v)}
${channel.managed ? "" : deleteSection(links, v)}`;
}

function editSection(links: DashboardLinks, v: ChannelView, kind: FormKind): Html {
  return channelForm({ kind, form: v.form, action: links.channel(v.model.channel.id), back: links.channels(v.model.project.slug), stored: v.model.channel, csrf: v.csrf });
}

function testOutcome(t: TestOutcome): Html {
  const seconds = `${(t.durationMs / 1000).toFixed(2)} s`;
  return t.status === "ok"
    ? html`<p class="notice notice-ok test-result" role="status">Test message delivered in ${seconds}.</p>`
    : html`<p class="notice notice-error test-result" role="alert">Test message ${STATUS_WORDS[t.status]} after ${seconds}: ${t.error}</p>`;
}

function checksSection(links: DashboardLinks, m: ChannelPageModel): Html {
  return html`<section class="card" aria-labelledby="channel-checks"><h2 id="channel-checks">Checks it alerts for <span class="count">${m.checks.length}</span></h2>
${m.checks.length === 0 ? html`<p class="empty">None yet.</p>` : html`<ul class="plain">${m.checks.map((c) => html`<li><a href="${links.check(c.uuid)}">${c.name}</a></li>`)}</ul>`}
<p><a href="${links.channels(m.project.slug)}#assign">Assign it to checks</a></p>
</section>`;
}

function logSection(links: DashboardLinks, v: ChannelView): Html {
  const rows = v.model.log.map(
    (n) => html`<tr class="attempt-${n.status}">
<td><time datetime="${formatInZone(n.created, "UTC")}">${localDateTime(n.created, "UTC")} UTC</time></td>
<td>${n.checkUuid ? html`<a href="${links.check(n.checkUuid)}">${n.checkName || "check"}</a>` : html`<span class="muted">test message</span>`}</td>
<td>${n.flipStatus ?? ""}</td>
<td>${n.attempt}</td>
<td><span class="kind kind-${n.status === "ok" ? "success" : "fail"}">${STATUS_WORDS[n.status]}</span></td>
<td>${(n.durationMs / 1000).toFixed(2)} s</td>
<td class="msg">${n.error}</td>
</tr>`,
  );
  return html`<section class="card" aria-labelledby="log"><h2 id="log">Delivery log <span class="count">${v.model.log.length} newest</span></h2>
${
  rows.length === 0
    ? html`<p class="empty">Nothing sent yet.</p>`
    : html`<table class="deliveries" id="delivery-log"><thead><tr><th scope="col">Time</th><th scope="col">About</th><th scope="col">Event</th><th scope="col">Attempt</th><th scope="col">Outcome</th><th scope="col">Took</th><th scope="col">Error</th></tr></thead>
<tbody>${rows}</tbody></table>`
}
</section>`;
}

function deleteSection(links: DashboardLinks, v: ChannelView): Html {
  return html`<details class="danger card"><summary>Delete this channel…</summary>
<form method="post" action="${links.channelAction(v.model.channel.id, "delete")}" class="stack">
${csrfField(v.csrf)}
<p>Its checks stop alerting through it at once; its delivery log goes with it.</p>
<label><input type="checkbox" name="confirm" value="yes" required> Yes, delete “${v.model.channel.name || "this channel"}”</label>
<button type="submit" class="danger">Delete the channel</button>
</form>
</details>`;
}
