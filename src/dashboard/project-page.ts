// A project's settings and keys (SPEC §6, §9, §12): name, ping authentication, ping_create and
// the status page (who sees it, title, description, logo, zone, password, with a link to see it),
// through the same operation as `POST /api/v3/project`; the ping key with a copy button and the
// URLs it makes; rotation of each key, the new value shown once on the answer and never again.
import { type ProjectKey, PROJECT_KEYS, rotateProjectKey, type RotatedKey } from "../checks/project-keys.ts";
import { changeProjectSettings } from "../checks/project-settings.ts";
import type { Project } from "../store/store.ts";
import { projectRefs } from "../views/dashboard-checks.ts";
import { html, type Html } from "../web/html.ts";
import type { PageContext } from "./context.ts";
import { errorPage } from "./error-page.ts";
import { checkField, csrfField, errorSummary, type FormState, NO_ERRORS, radioField, textArea, textField } from "./form-kit.ts";
import { redirect } from "./guard.ts";
import { page } from "./layout.ts";
import type { DashboardLinks } from "./links.ts";
import type { PageCall, PageRoute } from "./page-route.ts";
import { patchOfForm, projectValues, REMOVE_PASSWORD } from "./project-form.ts";
import { refusalErrors, withZoneHint } from "./refusals.ts";

export const KEY_WORDS: Readonly<Record<ProjectKey, { readonly title: string; readonly noun: string; readonly effect: string }>> = {
  ping_key: { title: "Ping key", noun: "ping key", effect: "Ping URLs by slug (/ping/<ping key>/<slug>) change; uuid ping URLs keep working." },
  api_key: { title: "API key (read-write)", noun: "API key (read-write)", effect: "Clients of the management API need the new key." },
  api_key_readonly: { title: "API key (read-only)", noun: "API key (read-only)", effect: "Read-only clients (dashboards, metrics) need the new key." },
  reporter_token: { title: "Reporter token", noun: "reporter token", effect: "Push reporters (Crisp/Vigil) need the new token." },
};

const LABELS: Readonly<Record<string, string>> = {
  name: "Name", status_page: "Status page", title: "Title", description: "Description", logo_url: "Logo URL", tz: "Time zone", password: "Password",
};

export function projectRoutes(ctx: PageContext): PageRoute[] {
  const load = (call: PageCall) => ctx.store.read((tx) => tx.findProjectBySlug(call.params.project ?? ""));
  const missing = () => errorPage(ctx.links(), 404, "There is no such project.");
  return [
    {
      method: "GET",
      path: "/app/projects/:project/settings",
      auth: "session",
      handle: (call) => {
        const p = load(call);
        return p ? settingsPage(ctx, call, p, { values: projectValues(p), errors: NO_ERRORS }, 200) : missing();
      },
    },
    {
      method: "POST",
      path: "/app/projects/:project/settings",
      auth: "session",
      handle: (call) => {
        const p = load(call);
        return p ? saveSettings(ctx, call, p) : missing();
      },
    },
    {
      method: "POST",
      path: "/app/projects/:project/keys",
      auth: "session",
      handle: (call) => {
        const p = load(call);
        if (!p) return missing();
        const key = call.form.get("key") as ProjectKey;
        if (!PROJECT_KEYS.includes(key)) return errorPage(ctx.links(), 400, "There is no such key.");
        const rotated = rotateProjectKey({ store: ctx.store, now: call.now, publish: ctx.publish }, p.id, key);
        if (!rotated.ok) return missing();
        ctx.log.info("dashboard key rotated", { project: p.slug, key });
        return settingsPage(ctx, call, rotated.value.project, { values: projectValues(rotated.value.project), errors: NO_ERRORS }, 200, rotated.value);
      },
    },
  ];
}

async function saveSettings(ctx: PageContext, call: PageCall, p: Project): Promise<Response> {
  if (p.managed) return settingsPage(ctx, call, p, { values: call.form, errors: { form: "This project is declared in the config file: change it there." } }, 409);
  const decoded = await patchOfForm(call.form);
  if (!decoded.ok) return settingsPage(ctx, call, p, { values: call.form, errors: decoded.errors }, 400);
  const saved = changeProjectSettings({ store: ctx.store, crons: ctx.crons, now: call.now, publish: ctx.publish }, p.id, decoded.patch);
  if (!saved.ok) return settingsPage(ctx, call, p, { values: call.form, errors: withZoneHint(refusalErrors(saved.failure), "tz", call.form.get("tz") ?? "") }, 400);
  ctx.log.info("dashboard project settings saved", { project: p.slug });
  return redirect(`${ctx.links().settings(p.slug)}?done=saved`);
}

function settingsPage(ctx: PageContext, call: PageCall, p: Project, form: FormState, status: number, rotated?: RotatedKey): Response {
  const links = ctx.links();
  const body = html`<div class="page-head"><h1>Settings and keys</h1></div>
${call.url.searchParams.get("done") === "saved" ? html`<p class="notice notice-ok" role="status">Saved.</p>` : ""}
${rotated ? rotatedNotice(rotated) : ""}
${p.managed ? html`<p class="notice">This project is declared in the config file: its settings are changed there.</p>` : ""}
${settingsForm(links, p, form, call.csrf)}
${keysSection(links, ctx.baseUrl(), p, call.csrf)}`;
  return page({ links, title: `Settings · ${p.name}`, csrf: call.csrf, projects: ctx.store.read((tx) => projectRefs(tx)), current: p, section: "settings", body }, status);
}

function rotatedNotice(r: RotatedKey): Html {
  return html`<div class="notice notice-ok shown-once" role="status">
<p><strong>New ${KEY_WORDS[r.key].noun}</strong>, shown only now: copy it.</p>
<div class="code-row"><pre><code id="new-key">${r.value}</code></pre><button type="button" class="copy" data-copy="new-key" hidden>Copy</button></div>
<p class="hint">The old one stopped working. ${KEY_WORDS[r.key].effect}</p>
</div>`;
}

function settingsForm(links: DashboardLinks, p: Project, f: FormState, csrf: string): Html {
  return html`${errorSummary(f.errors, LABELS)}
<form method="post" action="${links.settings(p.slug)}" class="project-form" novalidate>
${csrfField(csrf)}
<fieldset class="card"><legend>Project</legend>
${textField(f, "name", "Name", { maxlength: 100 })}
${checkField(f, "ping_auth", "Pings must carry the ping key", { hint: html`As <code>?auth_key=</code>, <code>X-Ping-Key</code> or Basic auth; slug URLs carry it already.` })}
${checkField(f, "ping_create", "Pings to an unknown slug create the check", { hint: html`As <code>?create=1</code> does, on every slug URL (up to the check limit, ${p.checkLimit}).` })}
</fieldset>
<fieldset class="card"><legend>Status page</legend>
${radioField(f, "status_page", "Who sees it", [["public", "Anyone"], ["password", "Whoever has the password"], ["off", "Nobody (404)"]])}
${textField(f, "title", "Title", { maxlength: 100, hint: "Empty shows the project's name." })}
${textArea(f, "description", "Description", { maxlength: 1_000, rows: 2, hint: "Plain text under the title." })}
${textField(f, "logo_url", "Logo URL", { maxlength: 2_000, hint: html`An http(s) URL or a path starting with <code>/</code>; empty for none.`, attrs: 'spellcheck="false" autocapitalize="off"' })}
${textField(f, "tz", "Time zone", { maxlength: 64, hint: "Times and daily bars on the page are in this IANA zone.", attrs: 'list="zones" spellcheck="false" autocapitalize="off"' })}
<datalist id="zones">${Intl.supportedValuesOf("timeZone").map((z) => html`<option value="${z}">`)}</datalist>
${textField(f, "password", "Password", { type: "password", hint: p.statusPasswordSet ? "A password is set: leave empty to keep it." : "At least 8 characters; needed when only whoever has the password sees the page.", attrs: 'autocomplete="new-password"' })}
${p.statusPasswordSet ? checkField(f, REMOVE_PASSWORD, "Remove the password") : ""}
<p><a href="${links.statusPage(p.slug)}" target="_blank" rel="noopener" id="status-preview">See the status page</a> <span class="hint">(as saved; opens in a new tab)</span></p>
</fieldset>
<div class="form-actions"><button type="submit" class="primary"${p.managed ? html` disabled` : ""}>Save settings</button></div>
</form>`;
}

function keysSection(links: DashboardLinks, baseUrl: string, p: Project, csrf: string): Html {
  const rotate = (key: ProjectKey) => html`<form method="post" action="${links.rotateKey(p.slug)}" class="rotate">${csrfField(csrf)}<input type="hidden" name="key" value="${key}"><button type="submit" data-rotate="${key}">Rotate the ${KEY_WORDS[key].noun}</button></form>
<p class="hint">${KEY_WORDS[key].effect} The new one is shown once.</p>`;
  return html`<section class="card" aria-labelledby="keys"><h2 id="keys">Keys</h2>
<h3>${KEY_WORDS.ping_key.title}</h3>
<div class="code-row"><pre><code id="ping-key">${p.pingKey}</code></pre><button type="button" class="copy" data-copy="ping-key" hidden>Copy</button></div>
<p class="hint">Ping URLs by slug:</p>
<div class="code-row"><pre><code id="ping-url">${baseUrl}/ping/${p.pingKey}/&lt;slug&gt;</code></pre><button type="button" class="copy" data-copy="ping-url" hidden>Copy</button></div>
${rotate("ping_key")}
${(["api_key", "api_key_readonly", "reporter_token"] as const).map((k) => html`<h3>${KEY_WORDS[k].title}</h3><p class="hint">Stored only as a digest, so it cannot be shown again.</p>${rotate(k)}`)}
</section>`;
}
