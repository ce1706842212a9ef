// What a person can do to a check from its page (SPEC §12): pause, resume, mute for N hours and
// delete (behind a <details> and a confirmation box, which need no JavaScript). Each form posts to
// its route, which calls the same operation the API uses and answers with a redirect (POST →
// redirect → GET, so a reload never repeats the action) carrying a fixed notice code.
import { type CheckResult } from "../checks/result.ts";
import { deleteCheck, muteCheck, type OperationContext, pauseCheck, resumeCheck } from "../checks/operations.ts";
import { MAX_MUTE_HOURS } from "../core/mute.ts";
import type { Check, Project } from "../store/store.ts";
import { type CheckPageModel, projectOfCheck } from "../views/dashboard-check.ts";
import { html, type Html } from "../web/html.ts";
import type { PageContext } from "./context.ts";
import { errorPage } from "./error-page.ts";
import { redirect } from "./guard.ts";
import type { DashboardLinks } from "./links.ts";
import type { PageCall, PageRoute } from "./page-route.ts";

const DONE: Readonly<Record<string, string>> = {
  paused: "Paused: pings are still recorded, but the check does not go down or alert until it is resumed or pinged.",
  resumed: "Resumed: the check waits for its next ping.",
  muted: "Muted: alerts are held until the time shown.",
  unmuted: "Unmuted: alerts go out again.",
  deleted: "The check was deleted; its ping URLs answer 404 from now on.",
  created: "Created. Point the job's pings at one of the URLs under “How to ping”.",
  saved: "Saved.",
};
const ERRORS: Readonly<Record<string, string>> = {
  not_paused: "The check is not paused.",
  managed: "This check is declared in the config file: change or remove it there.",
  invalid: `Mute for a whole number of hours from 0 to ${MAX_MUTE_HOURS}.`,
  confirm: "Tick the box to confirm the deletion.",
};

type Action = "pause" | "resume" | "mute" | "delete";

export function actionRoutes(ctx: PageContext): PageRoute[] {
  const route = (action: Action, run: (op: OperationContext, call: PageCall, project: Project, uuid: string) => CheckResult<Check> | "confirm", done: (call: PageCall) => string): PageRoute => ({
    method: "POST",
    path: `/app/checks/:uuid/${action}`,
    auth: "session",
    handle: (call) => {
      const links = ctx.links();
      const uuid = (call.params.uuid ?? "").toLowerCase();
      const project = ctx.store.read((tx) => projectOfCheck(tx, uuid));
      if (!project) return errorPage(links, 404, "There is no such check (it may have been deleted).");
      const op: OperationContext = { store: ctx.store, crons: ctx.crons, now: call.now, publish: ctx.publish };
      const result = run(op, call, project, uuid);
      if (result === "confirm") return redirect(`${links.check(uuid)}?error=confirm`);
      if (!result.ok) return redirect(`${links.check(uuid)}?error=${result.failure.kind === "not_found" ? "invalid" : result.failure.kind}`);
      ctx.log.info("dashboard action", { action, check: uuid });
      return redirect(action === "delete" ? `${links.project(project.slug)}?done=deleted` : `${links.check(uuid)}?done=${done(call)}`);
    },
  });
  return [
    route("pause", (op, _call, p, uuid) => pauseCheck(op, p, uuid), () => "paused"),
    route("resume", (op, _call, p, uuid) => resumeCheck(op, p, uuid), () => "resumed"),
    route("mute", (op, call, p, uuid) => muteCheck(op, p, uuid, hoursOf(call.form.get("hours"))), (call) => (hoursOf(call.form.get("hours")) === 0 ? "unmuted" : "muted")),
    route("delete", (op, call, p, uuid) => (call.form.get("confirm") === "yes" ? deleteCheck(op, p, uuid) : "confirm"), () => "deleted"),
  ];
}

/** A whole number of hours, or NaN (which the operation refuses). */
function hoursOf(raw: string | null): number {
  return raw !== null && /^\d{1,6}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
}

/** The notice a redirect asked for; only our own fixed texts, never anything from the URL. */
export function flashNotice(query: URLSearchParams): Html | "" {
  const done = DONE[query.get("done") ?? ""];
  if (done) return html`<p class="notice notice-ok" role="status">${done}</p>`;
  const error = ERRORS[query.get("error") ?? ""];
  return error ? html`<p class="notice notice-error" role="alert">${error}</p>` : "";
}

export function actionsSection(links: DashboardLinks, m: CheckPageModel, csrf: string): Html {
  const { check } = m;
  const hidden = html`<input type="hidden" name="csrf" value="${csrf}">`;
  const pauseOrResume =
    check.status === "paused"
      ? html`<form method="post" action="${links.checkAction(check.uuid, "resume")}">${hidden}<button type="submit">Resume</button></form>`
      : html`<form method="post" action="${links.checkAction(check.uuid, "pause")}">${hidden}<button type="submit">Pause</button></form>`;
  return html`<section class="card" aria-labelledby="actions">
<h2 id="actions">Actions</h2>
<div class="actions">
${pauseOrResume}
<form method="post" action="${links.checkAction(check.uuid, "mute")}" class="inline">
${hidden}
<label for="mute-hours">Mute alerts for</label>
<input id="mute-hours" name="hours" type="number" min="0" max="${MAX_MUTE_HOURS}" step="1" value="${m.row.muted ? 0 : 1}" required>
<span>hours</span>
<button type="submit">${m.row.muted ? "Change mute" : "Mute"}</button>
</form>
<p class="hint">0 hours unmutes. Muting holds alerts; the check keeps its status.</p>
${
  check.managed
    ? html`<p class="hint">Declared in the config file: delete it there.</p>`
    : html`<details class="danger">
<summary>Delete this check…</summary>
<form method="post" action="${links.checkAction(check.uuid, "delete")}" class="stack">
${hidden}
<p>Deleting removes its pings and history; its ping URLs stop working at once. This cannot be undone.</p>
<label><input type="checkbox" name="confirm" value="yes" required> Yes, delete “${m.row.name}”</label>
<button type="submit" class="danger">Delete the check</button>
</form>
</details>`
}
</div>
</section>`;
}
