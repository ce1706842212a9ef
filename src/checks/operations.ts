// Check operations of the management API (SPEC §6) and the dashboard: create (or upsert), update,
// delete, pause, resume, mute. Each is one IMMEDIATE transaction that validates everything before
// it writes, and publishes to the live services only after the commit.
import { mute } from "../core/mute.ts";
import { canResume } from "../core/transition.ts";
import { applyEvent } from "../ingest/apply-event.ts";
import type { Publish } from "../live/publish.ts";
import type { CronCache } from "../core/cron-cache.ts";
import { DEFAULT_DEFINITION, definitionOf } from "../store/check-model.ts";
import type { Check, Project, Store, Tx, UniqueMatch } from "../store/store.ts";
import type { CheckFields, CreateCheckFields, UniqueField } from "./definition.ts";
import { mergeDefinition } from "./merge.ts";
import { type CheckResult, failed, ok } from "./result.ts";
import { saveDefinition, type WriteContext } from "./save.ts";
import { writeChecks } from "./write.ts";

export interface OperationContext {
  readonly store: Store;
  readonly crons: CronCache;
  readonly now: number;
  readonly publish: Publish;
}

/**
 * More work in the same transaction once the check is saved (or, for delete, removed): what a
 * compatibility API keeps beside the check (StatusRooster's paused flag and maintenance windows).
 * A failure rolls the whole operation back.
 */
export type AfterSave = (w: WriteContext, check: Check) => CheckResult<Check>;

const finish = (w: WriteContext, check: Check, after: AfterSave | undefined): CheckResult<Check> => (after ? after(w, check) : ok(check));

export interface Created {
  readonly check: Check;
  /** false when `uuid` or `unique` selected an existing check that was updated */
  readonly created: boolean;
}

export function createCheck(ctx: OperationContext, project: Project, input: CreateCheckFields, after?: AfterSave): CheckResult<Created> {
  const { uuid, unique, ...fields } = input;
  return writeChecks(ctx.store, ctx.publish, (tx, changes) => {
    const w: WriteContext = { tx, crons: ctx.crons, now: ctx.now, changes };
    let target: Check | null = null;
    if (uuid !== undefined) {
      target = tx.getCheckByUuid(uuid);
      // a uuid is global: another project's check must not be reachable through it
      if (target && target.projectId !== project.id) return failed({ kind: "conflict", message: "uuid already in use" });
    }
    target ??= unique ? matchUnique(tx, project.id, unique, fields) : null;
    if (target) {
      const updated = updateDefinition(w, target, fields);
      const done = updated.ok ? finish(w, updated.value, after) : updated;
      return done.ok ? ok({ check: done.value, created: false }) : done;
    }
    if (tx.countChecks(project.id) >= project.checkLimit) return failed({ kind: "check_limit" });
    const merged = mergeDefinition(DEFAULT_DEFINITION, fields, ctx.now);
    if (!merged.ok) return failed({ kind: "invalid", message: `json validation error: ${merged.message}`, field: merged.field });
    const saved = saveDefinition(w, { create: { projectId: project.id, uuid: uuid ?? crypto.randomUUID(), managed: false } }, merged.definition, fields.channels);
    const done = saved.ok ? finish(w, saved.value, after) : saved;
    return done.ok ? ok({ check: done.value, created: true }) : done;
  });
}

export function updateCheck(ctx: OperationContext, project: Project, uuid: string, fields: CheckFields, after?: AfterSave): CheckResult<Check> {
  return writeChecks(ctx.store, ctx.publish, (tx, changes) => {
    const found = findOwnCheck(tx, project, uuid);
    if (!found.ok) return found;
    const w: WriteContext = { tx, crons: ctx.crons, now: ctx.now, changes };
    const updated = updateDefinition(w, found.value, fields);
    return updated.ok ? finish(w, updated.value, after) : updated;
  });
}

/**
 * Changes several of the project's checks in one transaction (the dashboard's bulk channel
 * assignment): every one of them changes, or none does.
 */
export function updateChecks(ctx: OperationContext, project: Project, updates: readonly { readonly uuid: string; readonly fields: CheckFields }[]): CheckResult<Check[]> {
  return writeChecks(ctx.store, ctx.publish, (tx, changes) => {
    const w: WriteContext = { tx, crons: ctx.crons, now: ctx.now, changes };
    const saved: Check[] = [];
    for (const u of updates) {
      const found = findOwnCheck(tx, project, u.uuid);
      const updated = found.ok ? updateDefinition(w, found.value, u.fields) : found;
      if (!updated.ok) return updated;
      saved.push(updated.value);
    }
    return ok(saved);
  });
}

/** Deletes the check and answers it as it was; its ping URLs stop working at once. */
export function deleteCheck(ctx: OperationContext, project: Project, uuid: string, after?: AfterSave): CheckResult<Check> {
  return writeChecks(ctx.store, ctx.publish, (tx, changes) => {
    const found = findOwnCheck(tx, project, uuid);
    if (!found.ok) return found;
    if (found.value.managed) return failed({ kind: "managed" });
    tx.deleteCheckById(found.value.id);
    changes.deleted(found.value);
    return finish({ tx, crons: ctx.crons, now: ctx.now, changes }, found.value, after);
  });
}

/**
 * Pause and resume change runtime state, not the definition, so they are allowed on checks the
 * config file manages (an operator silences a broken job without editing the file).
 */
export function pauseCheck(ctx: OperationContext, project: Project, uuid: string): CheckResult<Check> {
  return stateEvent(ctx, project, uuid, "pause");
}

export function resumeCheck(ctx: OperationContext, project: Project, uuid: string): CheckResult<Check> {
  return stateEvent(ctx, project, uuid, "resume");
}

/**
 * Holds the check's alerts for `hours` (0 unmutes), as `/ping/<uuid>/pause/<hours>` does; allowed
 * on managed checks for the same reason as pause. Alerts a shorter mute releases are looked at now.
 */
export function muteCheck(ctx: OperationContext, project: Project, uuid: string, hours: number): CheckResult<Check> {
  return writeChecks(ctx.store, ctx.publish, (tx, changes) => {
    const found = findOwnCheck(tx, project, uuid);
    if (!found.ok) return found;
    const muted = mute(found.value, hours, ctx.now);
    if (!muted.ok) return failed({ kind: "invalid", message: muted.error, field: "hours" });
    const check: Check = { ...found.value, mutedUntil: muted.check.mutedUntil };
    if (check.mutedUntil === found.value.mutedUntil) return ok(check);
    tx.setMutedUntil(check.id, check.mutedUntil);
    tx.pullEvaluations({ checkId: check.id }, ctx.now);
    changes.alertsChanged();
    changes.state(check);
    return ok(check);
  });
}

function stateEvent(ctx: OperationContext, project: Project, uuid: string, type: "pause" | "resume"): CheckResult<Check> {
  return writeChecks(ctx.store, ctx.publish, (tx, changes) => {
    const found = findOwnCheck(tx, project, uuid);
    if (!found.ok) return found;
    if (type === "resume" && !canResume(found.value)) return failed({ kind: "not_paused" });
    const applied = applyEvent(tx, ctx.crons, found.value, { type }, ctx.now, changes);
    if (applied.outcome === "lost") throw new Error(`check ${found.value.uuid} changed under a write transaction`);
    return ok(applied.check);
  });
}

function updateDefinition(w: WriteContext, check: Check, fields: CheckFields): CheckResult<Check> {
  if (check.managed) return failed({ kind: "managed" });
  const merged = mergeDefinition(definitionOf(check), fields, w.now);
  if (!merged.ok) return failed({ kind: "invalid", message: `json validation error: ${merged.message}`, field: merged.field });
  return saveDefinition(w, { existing: check }, merged.definition, fields.channels);
}

/** Healthchecks' `unique`: only when every listed field is in the request; the oldest match wins. */
function matchUnique(tx: Tx, projectId: number, unique: readonly UniqueField[], fields: CheckFields): Check | null {
  if (unique.length === 0) return null;
  const match: { -readonly [K in keyof UniqueMatch]: UniqueMatch[K] } = {};
  for (const key of unique) {
    const value = fields[key];
    if (value === undefined) return null;
    (match as Record<string, string | number>)[key] = value;
  }
  return tx.findCheckMatching(projectId, match);
}

function findOwnCheck(tx: Tx, project: Project, uuid: string): CheckResult<Check> {
  const check = tx.getCheckByUuid(uuid);
  if (!check) return failed({ kind: "not_found" });
  if (check.projectId !== project.id) return failed({ kind: "forbidden" });
  return ok(check);
}
