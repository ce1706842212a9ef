// Channel routes (SPEC §6, §12): create one of a kind, change it, send it a test message, delete
// it. The forms go through the API's schemas (createChannelSchema, updateChannelSchema) and its
// operations (notify/channel-operations.ts); a refusal re-renders the form as typed, 400.
import { createChannel, deleteChannel, updateChannel } from "../notify/channel-operations.ts";
import { createChannelSchema } from "../http/api/channel-json.ts";
import { updateChannelSchema } from "../http/api/channels.ts";
import { firstFieldError } from "../checks/field-errors.ts";
import { channelPage, type ChannelPageModel } from "../views/dashboard-channels.ts";
import { projectRefs } from "../views/dashboard-checks.ts";
import { html, type Html } from "../web/html.ts";
import { channelValues, newChannelValues, settingsOfForm } from "./channel-form-values.ts";
import { channelForm } from "./channel-form.ts";
import { type FormKind, isFormKind, KIND_FORMS } from "./channel-kinds.ts";
import { channelBody, type ChannelView } from "./channel-page.ts";
import type { PageContext } from "./context.ts";
import { errorPage } from "./error-page.ts";
import { type FieldErrors, NO_ERRORS } from "./form-kit.ts";
import { redirect } from "./guard.ts";
import { page } from "./layout.ts";
import type { PageCall, PageRoute } from "./page-route.ts";
import { refusalErrors } from "./refusals.ts";

export function channelRoutes(ctx: PageContext): PageRoute[] {
  const op = (call: PageCall) => ({ store: ctx.store, now: call.now, publish: ctx.publish });
  const load = (call: PageCall) => ctx.store.read((tx) => channelPage(tx, call.params.id ?? ""));
  const missing = () => errorPage(ctx.links(), 404, "There is no such channel (it may have been deleted).");
  return [
    { method: "GET", path: "/app/projects/:project/channels/new", auth: "session", handle: (call) => newChannelPage(ctx, call, null, NO_ERRORS, 200) },
    { method: "POST", path: "/app/projects/:project/channels/new", auth: "session", handle: (call) => createPosted(ctx, call) },
    {
      method: "GET",
      path: "/app/channels/:id",
      auth: "session",
      handle: (call) => {
        const m = load(call);
        if (!m) return missing();
        return channelPageOf(ctx, call, m, { values: valuesOf(m), errors: NO_ERRORS }, 200, notice(call.url.searchParams), testedOf(ctx, m, call.url.searchParams));
      },
    },
    {
      method: "POST",
      path: "/app/channels/:id",
      auth: "session",
      handle: (call) => {
        const m = load(call);
        if (!m) return missing();
        const errors = updatePosted(op(call), m, call.form);
        if (errors === null) return redirect(`${ctx.links().channel(m.channel.id)}?done=saved`);
        return channelPageOf(ctx, call, m, { values: call.form, errors }, 400);
      },
    },
    {
      method: "POST",
      path: "/app/channels/:id/test",
      auth: "session",
      handle: async (call) => {
        const m = load(call);
        if (!m) return missing();
        const tested = await ctx.testChannel(m.channel);
        ctx.log.info("dashboard test message", { channel: m.channel.id, status: tested.status });
        // the page that shows the outcome is a GET of its own, so reloading it sends nothing again
        return redirect(`${ctx.links().channel(m.channel.id)}?tested=${tested.attemptId}`);
      },
    },
    {
      method: "POST",
      path: "/app/channels/:id/delete",
      auth: "session",
      handle: (call) => {
        const m = load(call);
        if (!m) return missing();
        const links = ctx.links();
        if (call.form.get("confirm") !== "yes") return redirect(`${links.channel(m.channel.id)}?error=confirm`);
        const deleted = deleteChannel(op(call), m.project.id, m.channel.id);
        if (!deleted.ok) return redirect(`${links.channel(m.channel.id)}?error=managed`);
        return redirect(`${links.channels(m.project.slug)}?done=deleted`);
      },
    },
  ];
}

function valuesOf(m: ChannelPageModel): URLSearchParams {
  return isFormKind(m.channel.kind) ? channelValues(m.channel, m.channel.kind) : new URLSearchParams();
}

/** Saves a posted edit form; null when it was saved, else the problems by field. */
function updatePosted(op: Parameters<typeof updateChannel>[0], m: ChannelPageModel, form: URLSearchParams): FieldErrors | null {
  if (!isFormKind(m.channel.kind)) return { form: "This kind can only be changed in the config file." };
  const settings = settingsOfForm(m.channel.kind, form, m.channel);
  if (!settings.ok) return settings.errors;
  const parsed = updateChannelSchema.safeParse({ name: (form.get("name") ?? "").trim(), settings: settings.settings });
  if (!parsed.success) return fieldErrorOf(parsed.error);
  const updated = updateChannel(op, m.project.id, m.channel.id, parsed.data);
  return updated.ok ? null : refusalErrors(updated.failure);
}

function createPosted(ctx: PageContext, call: PageCall): Response {
  const project = ctx.store.read((tx) => tx.findProjectBySlug(call.params.project ?? ""));
  const kind = call.form.get("kind") ?? "";
  if (!project) return errorPage(ctx.links(), 404, "There is no such project.");
  if (!isFormKind(kind)) return newChannelPage(ctx, call, null, { kind: "Choose one of the kinds below." }, 400);
  const settings = settingsOfForm(kind, call.form, null);
  if (!settings.ok) return newChannelPage(ctx, call, kind, settings.errors, 400);
  const parsed = createChannelSchema.safeParse({ name: (call.form.get("name") ?? "").trim(), kind, settings: settings.settings });
  if (!parsed.success) return newChannelPage(ctx, call, kind, fieldErrorOf(parsed.error), 400);
  const created = createChannel({ store: ctx.store, now: call.now, publish: ctx.publish }, project.id, parsed.data);
  if (!created.ok) return newChannelPage(ctx, call, kind, refusalErrors(created.failure), 400);
  ctx.log.info("dashboard channel created", { channel: created.value.id, kind });
  return redirect(`${ctx.links().channel(created.value.id)}?done=created`);
}

function fieldErrorOf(error: Parameters<typeof firstFieldError>[0]): FieldErrors {
  const e = firstFieldError(error);
  return { [e.field === "" ? "form" : e.field]: e.message };
}

/** The kinds to choose from, and the chosen kind's form (from ?kind= or the posted form). */
function newChannelPage(ctx: PageContext, call: PageCall, posted: FormKind | null, errors: FieldErrors, status: number): Response {
  const links = ctx.links();
  const src = ctx.store.read((tx) => ({ projects: projectRefs(tx), project: tx.findProjectBySlug(call.params.project ?? "") }));
  if (!src.project) return errorPage(links, 404, "There is no such project.");
  const asked = call.url.searchParams.get("kind") ?? "";
  const kind = posted ?? (isFormKind(asked) ? asked : null);
  const slug = src.project.slug;
  const values = posted ? call.form : kind ? newChannelValues(kind) : new URLSearchParams();
  const chooser = html`<nav class="kind-chooser" aria-label="Kinds">${(Object.keys(KIND_FORMS) as FormKind[]).map((k) => html`<a href="${links.newChannel(slug, k)}"${k === kind ? html` aria-current="true"` : ""}>${KIND_FORMS[k].title}</a> `)}</nav>`;
  const body = html`<p class="crumbs-line"><a href="${links.channels(slug)}">← Channels</a></p>
<h1>New channel${kind ? html`: ${KIND_FORMS[kind].title}` : ""}</h1>
${errors.kind ? html`<p class="notice notice-error" role="alert">${errors.kind}</p>` : ""}
${chooser}
${kind ? channelForm({ kind, form: { values, errors }, action: links.newChannel(slug), back: links.channels(slug), stored: null, csrf: call.csrf }) : html`<p class="hint">Choose the kind of channel.</p>`}`;
  return page({ links, title: "New channel", csrf: call.csrf, projects: src.projects, current: src.project, section: "channels", body }, status);
}

function channelPageOf(ctx: PageContext, call: PageCall, m: ChannelPageModel, form: ChannelView["form"], status: number, note?: Html, tested?: ChannelView["tested"]): Response {
  const links = ctx.links();
  const view: ChannelView = { model: m, form, csrf: call.csrf, ...(note ? { notice: note } : {}), ...(tested ? { tested } : {}) };
  return page({ links, title: m.channel.name || "Channel", csrf: call.csrf, projects: m.projects, current: m.project, section: "channels", body: channelBody(links, view) }, status);
}

const NOTICES: Readonly<Record<string, readonly ["ok" | "error", string]>> = {
  created: ["ok", "Created. Send it a test message, then assign it to checks."],
  saved: ["ok", "Saved."],
  confirm: ["error", "Tick the box to confirm the deletion."],
  managed: ["error", "This channel is declared in the config file: change or remove it there."],
};

/** The test message a redirect asked to show (?tested=<attempt>), if it is this channel's. */
function testedOf(ctx: PageContext, m: ChannelPageModel, q: URLSearchParams): ChannelView["tested"] {
  const id = q.get("tested") ?? "";
  if (!/^[1-9][0-9]{0,15}$/.test(id)) return undefined;
  const found = ctx.store.read((tx) => tx.findTestAttempt(m.channel.id, Number(id)));
  return found ? { ...found, attemptId: Number(id) } : undefined;
}

/** The notice a redirect asked for; only our own texts. */
function notice(q: URLSearchParams): Html | undefined {
  const n = NOTICES[q.get("done") ?? ""] ?? NOTICES[q.get("error") ?? ""];
  return n ? html`<p class="notice notice-${n[0]}" role="${n[0] === "ok" ? "status" : "alert"}">${n[1]}</p>` : undefined;
}
