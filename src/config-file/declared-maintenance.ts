// `[[maintenance]]` in tocsin.toml (SPEC §2, §8): maintenance windows as code. Examples:
//
//   [[maintenance]]
//   name = "sunday-backup"        # key: unique per project
//   project = "default"           # project slug, default "default"
//   cron = "0 2 * * 0"            # a window opens at every fire of cron, in tz...
//   tz = "Europe/Riga"
//   duration = "2h"               # ...and lasts this long (seconds, or 90s, 5m, 1h30m, 2d, 1w)
//   tags = ["db"]                 # checks with any of these tags
//
//   [[maintenance]]
//   name = "dc-move"
//   start = 2026-03-01T22:00:00Z  # a one-off window: TOML date-times with an offset,
//   end = 2026-03-02T02:00:00Z    # ISO 8601 strings with an offset, or UNIX seconds
//   slugs = ["*"]                 # check slugs; "*" is every check of the project
//
// Applied after [[checks]], in the reload's transaction. Upsert, release and prune are named.ts's.
// Alerts held by the windows of a touched project are made due in the same transaction (a window
// that moved or went may release them), and the notifier is woken once the reload commits.
import type { Tx } from "../store/store.ts";
import { z } from "zod";
import { cronErrorText, isValidTimeZone, parseCron } from "../core/cron.ts";
import { validateWindow, type WindowInput } from "../core/maintenance.ts";
import { tomlInstant, windowFieldsSchema, windowInput } from "../notify/window-fields.ts";
import { tomlDuration, zoneHint } from "../core/field-values.ts";
import { type ApplyResult, applyNamedStandalone, type NamedKind, namedDeclaredKind, type ProjectLookup } from "./named.ts";
import type { EntryProblem } from "./registry.ts";

export const maintenanceEntrySchema = windowFieldsSchema(tomlInstant)
  .extend({
    name: z.string().min(1).max(100),
    project: z.string().min(1).max(100).default("default"),
    duration: z.optional(tomlDuration),
  })
  .strict();
export type MaintenanceEntry = z.output<typeof maintenanceEntrySchema>;

const windows: NamedKind<MaintenanceEntry, WindowInput> = {
  key: "maintenance",
  noun: "maintenance window",
  check: (e) => {
    const valid = validateWindow(windowInput(e));
    // the message names the field itself ("cron: ...", "end must be after start")
    return valid.ok ? { ok: true, value: valid.window } : { ok: false, message: valid.error };
  },
  entryProblems: (e, ctx) => windowProblems(e, ctx.complete),
  find: (tx, projectId, name) => tx.findWindowByName(projectId, name),
  insert: (tx, projectId, w, now) => tx.insertWindow({ ...w, projectId, managed: true }, now).id,
  update: (tx, id, w) => tx.updateWindow(id, { ...w, managed: true }),
  listManaged: (tx) => tx.listManagedWindows(),
  release: (tx, id) => tx.setWindowManaged(id, false),
  remove: (tx, id) => {
    tx.deleteWindow(id);
  },
};

/**
 * A bad zone on tz (with the nearest one), a bad cron expression on cron (checked in UTC when the
 * zone is bad), then the window's own first problem.
 */
function windowProblems(e: Partial<MaintenanceEntry>, complete: boolean): EntryProblem[] {
  const problems: EntryProblem[] = [];
  const zoneOk = e.tz === undefined || isValidTimeZone(e.tz);
  if (!zoneOk) problems.push({ field: "tz", message: "is not a valid timezone", hint: zoneHint(e.tz) || undefined });
  const tz = zoneOk ? (e.tz ?? "UTC") : "UTC";
  const cron = e.cron === undefined ? null : parseCron(e.cron, tz);
  if (cron !== null && !cron.ok) problems.push({ field: "cron", message: cronErrorText(cron.error) });
  // with fields missing, "start and end are required" would be noise: their own problems are listed
  if (!complete || (cron !== null && !cron.ok)) return problems;
  const valid = validateWindow(windowInput({ ...(e as MaintenanceEntry), tz }));
  return valid.ok ? problems : [...problems, { message: valid.error }];
}

/** The loader's registry entry (src/config-file/kinds.ts). */
export const maintenanceKind = namedDeclaredKind(windows, maintenanceEntrySchema, (ctx, touched) => {
  if (touched.size === 0) return;
  recheckHeldAlerts(ctx.tx, touched, ctx.now);
  // the notifier sleeps until its next stored instant: wake it once the reload commits
  ctx.changes.alertsChanged();
});

/** The same outside the loader: entries already through maintenanceEntrySchema. */
export function applyDeclaredMaintenance(tx: Tx, entries: readonly MaintenanceEntry[], projects: ProjectLookup, now: number, opts: { prune?: boolean } = {}): ApplyResult {
  const { errors, warnings, touched } = applyNamedStandalone(windows, tx, entries, projects, now, opts.prune ?? false);
  if (errors.length === 0) recheckHeldAlerts(tx, touched, now);
  return { errors, warnings };
}

/** Alerts held by a window that moved or went are looked at again on the notifier's next round. */
function recheckHeldAlerts(tx: Tx, projects: ReadonlySet<number>, now: number): void {
  for (const projectId of projects) tx.pullEvaluations({ projectId }, now);
}
