// Housekeeping of push reporters (SPEC §5.2): replicas silent for 7 days are forgotten, and each
// check that lost one is evaluated again without a flip: its combined due instant and down_at
// follow the replicas it still has, its status stays as it is (the next report or the scheduler
// moves it, as for any deadline).
import type { CronCache } from "../core/cron-cache.ts";
import { withDownAt } from "../core/deadline.ts";
import { forgetBefore, replicasDueAt } from "../core/reporter.ts";
import { Changes } from "../live/changes.ts";
import type { Publish } from "../live/publish.ts";
import type { Store, Tx } from "../store/store.ts";

/** Replicas deleted per transaction, so that a large backlog never holds the write lock long. */
const BATCH = 500;

export interface ForgetDeps {
  readonly store: Store;
  readonly crons: CronCache;
  readonly publish: Publish;
}

/** Forgets every replica silent for 7 days at `now`; answers how many were forgotten. */
export function forgetSilentReplicas(deps: ForgetDeps, now: number): number {
  let total = 0;
  for (;;) {
    const changes = new Changes();
    const deleted = deps.store.write((tx) => forgetBatch(tx, deps.crons, now, changes));
    deps.publish(changes);
    total += deleted;
    if (deleted < BATCH) return total;
  }
}

function forgetBatch(tx: Tx, crons: CronCache, now: number, changes: Changes): number {
  const { deleted, checkIds } = tx.forgetReplicas(forgetBefore(now), BATCH);
  for (const id of checkIds) {
    const check = tx.getCheckById(id);
    if (!check) continue;
    const replicasDue = check.kind === "reporter" ? replicasDueAt(tx.listReplicas(id), check.replicaPolicy) : null;
    tx.setReplicasDue(id, replicasDue);
    const next = withDownAt({ ...check, replicasDue }, crons.forCheck(check));
    // this transaction read the row itself: the conditional write cannot lose
    if (next.downAt !== check.downAt) tx.saveStateIf(id, check, next);
    changes.state({ ...check, ...next });
  }
  return deleted;
}
