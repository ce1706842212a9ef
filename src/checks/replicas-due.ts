// A definition change can move a reporter check's combined due instant (SPEC §5.2): a new replica
// policy combines the same replicas differently, and a check that stops being a reporter has none.
import { replicasDueAt } from "../core/reporter.ts";
import type { Check, CheckDefinition, Tx } from "../store/store.ts";

/** The check's replicas' due instant under `def`, re-read from its replicas only when it can differ. */
export function replicasDueUnder(tx: Tx, existing: Check, def: CheckDefinition): number | null {
  if (def.kind !== "reporter") return null;
  if (existing.kind === "reporter" && existing.replicaPolicy === def.replicaPolicy) return existing.replicasDue ?? null;
  return replicasDueAt(tx.listReplicas(existing.id), def.replicaPolicy);
}
