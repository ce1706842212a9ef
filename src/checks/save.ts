// Writing one check definition: the step shared by API creates/updates and config-file upserts.
// Runs inside the caller's write transaction and records what changed for publication.
import { generateToken } from "../auth/keys.ts";
import { computeDownAt } from "../core/deadline.ts";
import type { Changes } from "../live/changes.ts";
import type { CronCache } from "../core/cron-cache.ts";
import type { Check, CheckDefinition, Tx } from "../store/store.ts";
import { type ChannelSpec, resolveChannels } from "./channel-spec.ts";
import { replicasDueUnder } from "./replicas-due.ts";
import { type CheckResult, failed, ok } from "./result.ts";

export interface WriteContext {
  readonly tx: Tx;
  readonly crons: CronCache;
  readonly now: number;
  readonly changes: Changes;
}

export type SaveTarget =
  | { readonly existing: Check }
  | { readonly create: { readonly projectId: number; readonly uuid: string; readonly managed: boolean } };

/** Inserts or rewrites a validated definition; `channels` undefined keeps the assignment as it is. */
export function saveDefinition(ctx: WriteContext, target: SaveTarget, definition: CheckDefinition, channels: ChannelSpec | undefined): CheckResult<Check> {
  const { tx } = ctx;
  const existing = "existing" in target ? target.existing : null;
  const projectId = existing ? existing.projectId : "create" in target ? target.create.projectId : 0;
  if (definition.slug !== "" && tx.slugTaken(projectId, definition.slug, existing?.id ?? null)) {
    return failed({ kind: "conflict", message: "slug already in use", field: "slug" });
  }
  let def = definition;
  if (def.pushToken !== null && tx.pushTokenTaken(def.pushToken, existing?.id ?? null)) {
    return failed({ kind: "conflict", message: "push_token already in use", field: "push_token" });
  }
  if (def.pushToken === null) def = { ...def, pushToken: freshToken((t) => tx.pushTokenTaken(t, null)) };
  const channelIds = channels === undefined ? undefined : resolveChannels(tx, projectId, channels);
  if (channelIds && !channelIds.ok) return failed({ kind: "invalid", message: channelIds.message, field: "channels" });
  let check: Check;
  if (existing) {
    // the deadline follows the new timing at once: a shorter timeout may make the check due now
    const replicasDue = replicasDueUnder(tx, existing, def);
    if (replicasDue !== (existing.replicasDue ?? null)) tx.setReplicasDue(existing.id, replicasDue);
    const downAt = computeDownAt({ ...existing, ...def, replicasDue }, ctx.crons.forCheck(def))?.at ?? null;
    check = tx.updateCheckDefinition(existing.id, def, downAt);
  } else {
    const { uuid, managed } = (target as Extract<SaveTarget, { create: unknown }>).create;
    const badgeKey = freshToken((t) => tx.badgeKeyTaken(t));
    check = armFirstPing(tx, ctx.crons, tx.insertDefinedCheck({ projectId, uuid, badgeKey, managed, definition: def }, ctx.now));
  }
  const channelsChanged = channelIds !== undefined && existing !== null && !sameIds(tx.channelsOfCheck(existing.id).map((c) => c.id), channelIds.ids);
  if (channelIds) tx.setCheckChannels(check.id, channelIds.ids);
  // an alert held by a mute that ended early, or by a channel no longer assigned, is looked at
  // again now instead of at the notifier's next periodic look (up to a minute away)
  if (existing && (existing.mutedUntil !== def.mutedUntil || channelsChanged)) {
    tx.pullEvaluations({ checkId: check.id }, ctx.now);
    ctx.changes.alertsChanged();
  }
  ctx.changes.saved(check);
  return ok(check);
}

/**
 * A check just created waits for its first ping: with alert_new it has a deadline from the start
 * (SPEC §4), stored at once so that the scheduler learns it with the check.
 */
export function armFirstPing(tx: Tx, crons: CronCache, check: Check): Check {
  const downAt = computeDownAt(check, crons.forCheck(check))?.at ?? null;
  if (downAt === check.downAt) return check;
  const armed: Check = { ...check, downAt };
  if (!tx.saveStateIf(check.id, check, armed)) throw new Error(`check ${check.uuid} changed under a write transaction`);
  return armed;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((id) => set.has(id));
}

/** A random token no other check uses (a collision of 24 random characters is not expected). */
function freshToken(taken: (token: string) => boolean): string {
  for (;;) {
    const token = generateToken(24);
    if (!taken(token)) return token;
  }
}
