// The part of recordPing that only push reporters have (SPEC §5.2): the report's replica is
// stored and the check's combined due instant follows it, before the state machine sees the
// report, so the deadline it computes counts every replica including this one.
import { replicasDueAt } from "../core/reporter.ts";
import type { Check, ReplicaReport, Tx } from "../store/store.ts";

export type ReportTaken =
  | { readonly ok: true; readonly check: Check }
  /** not_found: the check is no longer a reporter; replica_limit: it may take no new replica */
  | { readonly ok: false; readonly reason: "not_found" | "replica_limit" };

export function takeReport(tx: Tx, check: Check, report: ReplicaReport, now: number): ReportTaken {
  // the route checked the kind, but the check may have changed before this batch
  if (check.kind !== "reporter") return { ok: false, reason: "not_found" };
  if (!tx.upsertReplica(check.id, report, now)) return { ok: false, reason: "replica_limit" };
  const due = replicasDueAt(tx.listReplicas(check.id), check.replicaPolicy);
  if (due !== (check.replicasDue ?? null)) tx.setReplicasDue(check.id, due);
  return { ok: true, check: { ...check, replicasDue: due } };
}
