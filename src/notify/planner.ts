// The synchronous half of the notifier: claims new flips and decides, per check and channel,
// what to queue (src/core/noise.ts). It runs inside one write transaction, so a decision and the
// delivery it queues commit together, and two workers on one file never decide twice.
import type { Database } from "bun:sqlite";
import type { MaintenanceWindow } from "../core/maintenance.ts";
import { decide, heldUntil } from "../core/noise.ts";
import type { Logger } from "../log.ts";
import { getChannel } from "../store/channels.ts";
import { type Check, getCheckById } from "../store/checks.ts";
import { listWindows } from "../store/maintenance.ts";
import {
  type AlertState,
  claimFlips,
  dueAlertStates,
  enqueueDelivery,
  flipsSince,
  latestFlipInto,
  markChannelsDue,
  saveAlertState,
} from "../store/notifications.ts";
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

export function planAlerts(db: Database, now: number, limit: number, log: Logger): PlanResult {
  const flips = claimFlips(db, now, limit);
  for (const f of flips) markChannelsDue(db, f.checkId, now);
  const states = dueAlertStates(db, now, limit);
  const windows = new Map<number, MaintenanceWindow[]>();
  const windowsOf = (projectId: number): MaintenanceWindow[] => {
    let w = windows.get(projectId);
    if (w === undefined) windows.set(projectId, (w = listWindows(db, projectId)));
    return w;
  };
  let queued = 0;
  for (const s of states) {
    try {
      if (evaluate(db, s, now, windowsOf)) queued++;
    } catch (e) {
      log.error("alert evaluation failed; retrying later", { check: s.checkId, channel: s.channelId, error: e });
      saveAlertState(db, { ...s, nextEvalAt: now + RETRY_EVAL_MS });
    }
  }
  return { flips: flips.length, evaluated: states.length, queued, more: flips.length === limit || states.length === limit };
}

/** Decides for one check and channel; returns whether a delivery was queued. */
function evaluate(db: Database, s: AlertState, now: number, windowsOf: (projectId: number) => MaintenanceWindow[]): boolean {
  const check = getCheckById(db, s.checkId);
  const channel = getChannel(db, s.channelId);
  const assigned = db.query("SELECT 1 FROM check_channels WHERE check_id = ? AND channel_id = ?").get(s.checkId, s.channelId) !== null;
  if (!check || !channel || !assigned) {
    // unassigned since: forget what it was told, a later assignment starts afresh
    db.query("DELETE FROM alert_states WHERE check_id = ? AND channel_id = ?").run(s.checkId, s.channelId);
    return false;
  }
  const since = flipsSince(db, check.id, s.toldFlipId);
  const decision = decide({
    now,
    status: check.status,
    told: s.told,
    silentSinceTold: since.silent,
    changesSinceTold: since.changes,
    heldUntil: heldUntil(check, windowsOf(check.projectId), now),
    reminderMs: reminderMs(check),
  });
  switch (decision.type) {
    case "wait":
      saveAlertState(db, { ...s, nextEvalAt: decision.until });
      return false;
    case "quiet":
      // the flips stay counted from the last message: a summary at the end of a damping minute
      // reports every change since what the channel last heard
      saveAlertState(db, { ...s, told: { status: decision.believed, at: s.told.at }, nextEvalAt: decision.nextEvalAt });
      return false;
    case "send": {
      const wanted = wantsEvent(channel.kind, channel.settings, decision.message);
      if (wanted) {
        const flipId = latestFlipInto(db, check.id, decision.message);
        enqueueDelivery(db, { flipId, checkId: check.id, channelId: channel.id, message: decision.message, reminder: decision.reminder, changes: decision.changes }, now);
      }
      // a message the channel opted out of (on_up = false) is not a message: it starts no damping minute
      const at = wanted ? now : s.told.at;
      saveAlertState(db, { ...s, told: { status: decision.message, at }, toldFlipId: since.latestId, nextEvalAt: decision.nextEvalAt });
      return wanted;
    }
    default: {
      const unreachable: never = decision;
      throw new Error(`unknown decision ${JSON.stringify(unreachable)}`);
    }
  }
}

function reminderMs(check: Check): number | null {
  return check.reminderInterval !== null && check.reminderInterval > 0 ? check.reminderInterval * 1000 : null;
}
