// A project's channels (SPEC §12): each with its kind, how many checks it alerts for and its last
// delivery error; links to add one of every kind; and assignment in bulk — tick checks and
// channels, then add the channels to those checks, remove them, or make them the only ones. The
// assignment goes through the check operations (one transaction for all the checks ticked).
import { type OperationContext, updateChecks } from "../checks/operations.ts";
import { channelsPage, type ChannelsPageModel } from "../views/dashboard-channels.ts";
import { projectRefs } from "../views/dashboard-checks.ts";
import { html, type Html } from "../web/html.ts";
import { type FormKind, isFormKind, KIND_FORMS } from "./channel-kinds.ts";
import type { PageContext } from "./context.ts";
import { errorPage } from "./error-page.ts";
import { checkboxList, csrfField, errorSummary, type FieldErrors, type FormState, NO_ERRORS, radioField } from "./form-kit.ts";
import { redirect } from "./guard.ts";
import { page } from "./layout.ts";
import type { DashboardLinks } from "./links.ts";
import type { PageCall, PageRoute } from "./page-route.ts";
import { refusalErrors } from "./refusals.ts";

const MODES = ["add", "remove", "replace"] as const;
type Mode = (typeof MODES)[number];

export function channelsRoutes(ctx: PageContext): PageRoute[] {
  const load = (call: PageCall) => ctx.store.read((tx) => channelsPage(tx, call.params.project ?? ""));
  return [
    {
      method: "GET",
      path: "/app/projects/:project/channels",
      auth: "session",
      handle: (call) => {
        const m = load(call);
        return m ? listPage(ctx, call, m, { values: new URLSearchParams({ mode: "add" }), errors: NO_ERRORS }, 200) : errorPage(ctx.links(), 404, "There is no such project.");
      },
    },
    {
      method: "POST",
      path: "/app/projects/:project/channels/assign",
      auth: "session",
      handle: (call) => {
        const m = load(call);
        if (!m) return errorPage(ctx.links(), 404, "There is no such project.");
        const errors = assign(ctx, call, m);
        if (errors === null) return redirect(`${ctx.links().channels(m.project.slug)}?done=assigned`);
        return listPage(ctx, call, m, { values: call.form, errors }, 400);
      },
    },
  ];
}

/** Applies a posted assignment; null when done, else what is wrong by field. */
function assign(ctx: PageContext, call: PageCall, m: ChannelsPageModel): FieldErrors | null {
  const mode = call.form.get("mode") as Mode;
  const checks = new Set(call.form.getAll("checks"));
  const channels = new Set(call.form.getAll("channels"));
  const errors: Record<string, string> = {};
  if (!MODES.includes(mode)) errors.mode = "Choose what to do with the channels.";
  if (checks.size === 0) errors.checks = "Tick at least one check.";
  if (channels.size === 0 && mode !== "replace") errors.channels = "Tick at least one channel.";
  if (Object.keys(errors).length > 0) return errors;
  const updates = m.checks
    .filter((c) => checks.has(c.uuid))
    .map((c) => ({ uuid: c.uuid, fields: { channels: channelsAfter(mode, c.channelIds, channels) } }));
  if (updates.length === 0) return { checks: "None of the ticked checks is in this project any more." };
  const op: OperationContext = { store: ctx.store, crons: ctx.crons, now: call.now, publish: ctx.publish };
  const done = updateChecks(op, m.project, updates);
  if (!done.ok) return refusalErrors(done.failure, { managed: "A ticked check is declared in the config file: assign its channels there." });
  ctx.log.info("dashboard channels assigned", { mode, checks: updates.length, channels: channels.size });
  return null;
}

function channelsAfter(mode: Mode, current: readonly string[], ticked: ReadonlySet<string>): string[] {
  switch (mode) {
    case "add":
      return [...new Set([...current, ...ticked])];
    case "remove":
      return current.filter((id) => !ticked.has(id));
    case "replace":
      return [...ticked];
    default: {
      const unreachable: never = mode;
      throw new Error(`unknown mode ${String(unreachable)}`);
    }
  }
}

function listPage(ctx: PageContext, call: PageCall, m: ChannelsPageModel, form: FormState, status: number): Response {
  const links = ctx.links();
  const done = call.url.searchParams.get("done");
  const body = html`<div class="page-head"><h1>Channels <span class="count">${m.channels.length}</span></h1></div>
${done === "deleted" ? html`<p class="notice notice-ok" role="status">The channel was deleted.</p>` : done === "assigned" ? html`<p class="notice notice-ok" role="status">Channels assigned.</p>` : ""}
${channelTable(links, m)}
<section class="card" aria-labelledby="add"><h2 id="add">Add a channel</h2>
<ul class="kind-list">${(Object.keys(KIND_FORMS) as FormKind[]).map((k) => html`<li><a href="${links.newChannel(m.project.slug, k)}">${KIND_FORMS[k].title}</a> <span class="muted">${KIND_FORMS[k].about}</span></li>`)}</ul>
</section>
${assignSection(links, m, form, call.csrf)}`;
  return page({ links, title: `Channels · ${m.project.name}`, csrf: call.csrf, projects: ctx.store.read((tx) => projectRefs(tx)), current: m.project, section: "channels", body }, status);
}

function channelTable(links: DashboardLinks, m: ChannelsPageModel): Html {
  if (m.channels.length === 0) return html`<p class="empty">No channels yet: add one below, and checks can alert through it.</p>`;
  return html`<table class="channels"><thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Checks</th><th scope="col">Last error</th></tr></thead>
<tbody>${m.channels.map(
    ({ channel: c, checks }) => html`<tr id="channel-${c.id}"><td class="name"><a href="${links.channel(c.id)}">${c.name || "Unnamed channel"}</a>${c.managed ? html` <span class="badge">config file</span>` : ""}</td>
<td>${isFormKind(c.kind) ? KIND_FORMS[c.kind].title : c.kind}</td><td>${checks}</td><td class="msg">${c.lastError}</td></tr>`,
  )}</tbody></table>`;
}

function assignSection(links: DashboardLinks, m: ChannelsPageModel, form: FormState, csrf: string): Html | "" {
  if (m.channels.length === 0 || m.checks.length === 0) return "";
  const checks = m.checks.filter((c) => !c.managed).map((c) => [c.uuid, c.name] as const);
  const channels = m.channels.map(({ channel: c }) => [c.id, `${c.name || "Unnamed"} (${c.kind})`] as const);
  return html`<section class="card" aria-labelledby="assign"><h2 id="assign">Assign channels to checks</h2>
${errorSummary(form.errors, { mode: "What to do", channels: "Channels", checks: "Checks" })}
<form method="post" action="${links.assignChannels(m.project.slug)}" class="assign-form">
${csrfField(csrf)}
${radioField(form, "mode", "What to do", [["add", "Add the channels to the checks"], ["remove", "Remove the channels from the checks"], ["replace", "Make them the checks' only channels"]])}
${checkboxList(form, "channels", "Channels", channels)}
${checkboxList(form, "checks", "Checks", checks, { hint: m.checks.some((c) => c.managed) ? "Checks declared in the config file are not listed: their channels are set there." : undefined })}
<button type="submit" class="primary">Apply to the ticked checks</button>
</form>
</section>`;
}
