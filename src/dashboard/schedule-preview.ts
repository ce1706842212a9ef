// The check form's schedule preview (SPEC §12): the next 5 fire times in the check's zone, and a
// warning when a fixed time falls in a DST gap. The form shows it when it is rendered (so it works
// without JavaScript, on submit), and its script asks GET <base>/app/schedule-preview as the
// schedule is typed. The schedule is validated by the API's own rules (mergeDefinition), so the
// preview's message is the one a save would get.
import { checkFieldsSchema } from "../checks/definition.ts";
import { describeIssue } from "../checks/field-errors.ts";
import { mergeDefinition } from "../checks/merge.ts";
import { fixedTimesInGaps, type GapFire } from "../core/cron-gaps.ts";
import { formatInZone, nextFires, parseCron } from "../core/cron.ts";
import { formatScheduleShort } from "../core/format.ts";
import { DEFAULT_DEFINITION } from "../store/check-model.ts";
import { html, type Html } from "../web/html.ts";
import { localDateTime } from "../web/format.ts";
import { fieldId } from "./form-kit.ts";
import type { PageRoute } from "./page-route.ts";
import { htmlResponse } from "../web/headers.ts";

export const PREVIEW_FIRES = 5;
/** a year covers both of a zone's transitions */
const GAP_HORIZON_MS = 366 * 86_400_000;

export type SchedulePreview =
  | { readonly ok: true; readonly words: string; readonly zone: string; readonly fires: readonly number[]; readonly gaps: readonly GapFire[] }
  | { readonly ok: false; readonly field: "schedule" | "tz"; readonly message: string };

/** What the schedule and zone mean from `now` on, or the API's message for the field that is wrong. */
export function schedulePreview(schedule: string, tz: string, now: number): SchedulePreview {
  const fields = { kind: "cron" as const, schedule: schedule.trim(), tz: tz.trim() || "UTC" };
  const shaped = checkFieldsSchema.pick({ schedule: true, tz: true }).safeParse(fields);
  if (!shaped.success) {
    const e = describeIssue(shaped.error.issues[0]!, { value: fields[shaped.error.issues[0]!.path[0] as "schedule" | "tz"] });
    return { ok: false, field: e.field === "tz" ? "tz" : "schedule", message: e.message };
  }
  const merged = mergeDefinition(DEFAULT_DEFINITION, fields, now);
  if (!merged.ok) return { ok: false, field: merged.field === "tz" ? "tz" : "schedule", message: merged.message };
  const d = merged.definition;
  const parsed = parseCron(d.schedule, d.tz);
  if (!parsed.ok) return { ok: false, field: "schedule", message: "schedule is not a valid cron expression" };
  return { ok: true, words: formatScheduleShort(d), zone: d.tz, fires: nextFires(parsed.cron, now, PREVIEW_FIRES), gaps: fixedTimesInGaps(parsed.cron, now, now + GAP_HORIZON_MS) };
}

/** The preview box; `showError` is false when the form prints the message beside the field itself. */
export function previewBox(p: SchedulePreview | null, showError = true): Html {
  return html`<div id="schedule-preview" class="preview" aria-live="polite">${p === null ? html`<p class="hint">Type a schedule to see when it fires.</p>` : previewBody(p, showError)}</div>`;
}

function previewBody(p: SchedulePreview, showError: boolean): Html {
  if (!p.ok) return showError ? html`<p class="field-error" data-for="${fieldId(p.field)}">${p.message}</p>` : html`<p class="hint">Fix the schedule to see when it fires.</p>`;
  return html`<p><strong>${p.words}</strong>. Next ${p.fires.length} fire times in ${p.zone}:</p>
<ol class="fires" id="next-fires">${p.fires.map((t) => html`<li><time datetime="${formatInZone(t, p.zone)}">${localDateTime(t, p.zone)}</time>${p.zone === "UTC" ? "" : html` <small class="muted">${localDateTime(t, "UTC")} UTC</small>`}</li>`)}</ol>
${p.gaps.map((g) => gapWarning(g, p.zone))}`;
}

function gapWarning(g: GapFire, zone: string): Html {
  // the wall time is calendar fields read as UTC: printing it "in UTC" shows those fields
  const named = localDateTime(g.wall, "UTC");
  return html`<p class="notice notice-warn dst-gap" role="note">${named} does not exist in ${zone}: the clocks jump forward over it, so that run happens at ${localDateTime(g.at, zone)} instead.</p>`;
}

export function previewRoutes(): PageRoute[] {
  return [
    {
      method: "GET",
      path: "/app/schedule-preview",
      auth: "session",
      handle: (call) => {
        const q = call.url.searchParams;
        const schedule = (q.get("schedule") ?? "").slice(0, 1_000);
        const preview = schedule.trim() === "" ? null : schedulePreview(schedule, (q.get("tz") ?? "").slice(0, 1_000), call.now);
        return htmlResponse(previewBox(preview).text, 200, { cache: "no-store" });
      },
    },
  ];
}
