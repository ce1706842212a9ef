// Planning: claims new flips and decides, per check and channel, what to queue (src/core/noise.ts).
//
// Contract of planAlerts (one round):
// 1. Claim up to `limit` unprocessed, non-silent flips (a conditional UPDATE: with two workers on
//    one file each flip is claimed once) and mark every channel of their checks due now.
// 2. Read the due alert states with the facts a decision needs, in one read transaction.
// 3. Decide each outside any transaction: maintenance windows and mutes are arithmetic whose work
//    is bounded, but no write lock is held while it runs.
// 4. In one write transaction, apply each decision only if its facts still hold (same stored
//    status, same newest flip); a state whose facts moved is left due and decided again next round.
//    A decision and the delivery it queues commit together.
import type { MaintenanceWindow } from "../core/maintenance.ts";
import { decide, heldUntil, type NoiseDecision } from "../core/noise.ts";
import type { Logger } from "../log.ts";
import type { AlertState, Channel, Check, FlipCursor, SinceCursor, Store, Tx } from "../store/store.ts";
import { wantsEvent } from "./registry.ts";

export interface PlanResult {
  readonly flips: number;
  readonly evaluated: number;
  readonly queued: number;
  /** a batch was full: more may be due right now */
  readonly more: boolean;
}

/** A state whose evaluation throws is looked at again this much later instead of spinning. */
const RETRY_EVAL_MS = 60_000;

interface Facts {
  readonly state: AlertState;
  /** null: the check or channel is gone, or the channel is no longer assigned */
  readonly check: Check | null;
  readonly channel: Channel | null;
  /** the check's changes after those the told state accounts for (counted in changes, not rows) */
  readonly since: SinceCursor;
  readonly windows: readonly MaintenanceWindow[];
}

type Planned = { readonly facts: Facts; readonly decision: NoiseDecision | "forget" | "retry" };

export function planAlerts(store: Store, now: number, limit: number, log: Logger): PlanResult {
  const flips = store.write((tx) => {
    const claimed = tx.claimFlips(now, limit);
    for (const f of claimed) tx.markChannelsDue(f.checkId, now);
    return claimed.length;
  });
  const facts = store.read((tx) => readFacts(tx, now, limit));
  const planned = facts.map((f): Planned => {
    if (!f.check || !f.channel) return { facts: f, decision: "forget" };
    try {
      return { facts: f, decision: decideFor(f.check, f, now) };
    } catch (e) {
      log.error("alert evaluation failed; retrying later", { check: f.state.checkId, channel: f.state.channelId, error: e });
      return { facts: f, decision: "retry" };
    }
  });
  const queued = planned.length === 0 ? 0 : store.write((tx) => planned.filter((p) => apply(tx, p, now)).length);
  return { flips, evaluated: facts.length, queued, more: flips === limit || facts.length === limit };
}

function readFacts(tx: Tx, now: number, limit: number): Facts[] {
  const windows = new Map<number, MaintenanceWindow[]>();
  const windowsOf = (projectId: number): MaintenanceWindow[] => {
    let w = windows.get(projectId);
    if (w === undefined) windows.set(projectId, (w = tx.listWindows(projectId)));
    return w;
  };
  return tx.dueAlertStates(now, limit).map((state) => {
    const check = tx.getCheckById(state.checkId);
    const channel = tx.getChannel(state.channelId);
    const assigned = check !== null && channel !== null && tx.isChannelAssigned(state.checkId, state.channelId);
    return {
      state,
      check: assigned ? check : null,
      channel: assigned ? channel : null,
      since: tx.flipsSince(state.checkId, state.toldCursor),
      windows: check ? windowsOf(check.projectId) : [],
    };
  });
}

function decideFor(check: Check, f: Facts, now: number): NoiseDecision {
  return decide({
    now,
    status: check.status,
    told: f.state.told,
    silentSinceTold: f.since.silent,
    changesSinceTold: f.since.changes,
    heldUntil: heldUntil(check, f.windows, now),
    reminderMs: check.reminderInterval !== null && check.reminderInterval > 0 ? check.reminderInterval * 1000 : null,
  });
}

/** Applies one decision if its facts still hold; returns whether a delivery was queued. */
function apply(tx: Tx, { facts, decision }: Planned, now: number): boolean {
  const s = facts.state;
  if (decision === "forget") {
    // unassigned since: forget what it was told, a later assignment starts afresh
    tx.deleteAlertState(s.checkId, s.channelId);
    return false;
  }
  if (decision === "retry") {
    tx.saveAlertState({ ...s, nextEvalAt: now + RETRY_EVAL_MS });
    return false;
  }
  const check = tx.getCheckById(s.checkId);
  // a change folded into the newest row moves the cursor as much as a new row does
  if (!check || check.status !== facts.check?.status || !sameCursor(tx.flipsSince(s.checkId, s.toldCursor).latest, facts.since.latest)) return false;
  switch (decision.type) {
    case "wait":
      tx.saveAlertState({ ...s, nextEvalAt: decision.until });
      return false;
    case "quiet":
      // the flips stay counted from the last message: a summary at the end of a damping minute
      // reports every change since what the channel last heard
      tx.saveAlertState({ ...s, told: { status: decision.believed, at: s.told.at }, nextEvalAt: decision.nextEvalAt });
      return false;
    case "send": {
      const channel = facts.channel!;
      const wanted = wantsEvent(channel.kind, channel.settings, decision.message);
      if (wanted) {
        const flipId = tx.latestFlipInto(check.id, decision.message);
        tx.enqueueDelivery({ flipId, checkId: check.id, channelId: channel.id, message: decision.message, reminder: decision.reminder, changes: decision.changes }, now);
      }
      // a message the channel opted out of (on_up = false) is not a message: it starts no damping minute
      const at = wanted ? now : s.told.at;
      tx.saveAlertState({ ...s, told: { status: decision.message, at }, toldCursor: facts.since.latest, nextEvalAt: decision.nextEvalAt });
      return wanted;
    }
    default: {
      const unreachable: never = decision;
      throw new Error(`unknown decision ${JSON.stringify(unreachable)}`);
    }
  }
}

function sameCursor(a: FlipCursor, b: FlipCursor): boolean {
  return a.id === b.id && a.changes === b.changes && a.silentChanges === b.silentChanges;
}
