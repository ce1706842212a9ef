// Push reporters (SPEC §5.2): application nodes report liveness and load in Crisp/Vigil's format.
// A reporter check has replicas; each replica is due again `interval` seconds after its last
// report, and the replica policy combines those instants into the one the check is due at. Pure:
// every instant is an argument.

export const REPLICA_POLICIES = ["any", "all"] as const;
export type ReplicaPolicy = (typeof REPLICA_POLICIES)[number];

/** Seconds between reports a replica may announce (Crisp's libraries default to 30-60 s). */
export const REPORT_INTERVAL = { min: 10, max: 86_400 } as const;

/** A replica silent this long is forgotten (SPEC §5.2: 7 days). */
export const REPLICA_FORGET_MS = 7 * 86_400_000;

/**
 * Replicas kept per check. Each report re-reads the check's replicas, so a client that invents a
 * new replica id per report must not make that work (or the table) grow without bound.
 */
export const MAX_REPLICAS = 100;

export interface ReplicaLoad {
  /** load average per core, as Crisp's libraries send it (0.00 to about 10.00); null when not sent */
  readonly cpu: number | null;
  /** fraction of memory used, 0.00 to 1.00; null when not sent */
  readonly ram: number | null;
}

export interface Replica {
  readonly id: string;
  readonly lastReport: number;
  /** seconds until the replica's next report */
  readonly interval: number;
  readonly load: ReplicaLoad;
}

/** Thresholds above which a check shows as sick; null: no threshold. */
export interface LoadMax {
  readonly cpu: number | null;
  readonly ram: number | null;
}

/** When the replica's next report is due (its deadline is this plus the check's grace). */
export function replicaDueAt(r: Pick<Replica, "lastReport" | "interval">): number {
  return r.lastReport + Math.round(r.interval * 1000);
}

/**
 * When the check's reports are due as its policy combines them: `any` needs every replica alive,
 * so the earliest due instant counts; `all` goes down only when every replica is silent, so the
 * latest. Null without replicas. The check's down_at is this plus its grace (core/deadline.ts).
 */
export function replicasDueAt(replicas: readonly Pick<Replica, "lastReport" | "interval">[], policy: ReplicaPolicy): number | null {
  if (replicas.length === 0) return null;
  const due = replicas.map(replicaDueAt);
  switch (policy) {
    case "any":
      return Math.min(...due);
    case "all":
      return Math.max(...due);
    default: {
      const unreachable: never = policy;
      throw new Error(`unknown replica policy ${String(unreachable)}`);
    }
  }
}

/** Whether the replica's last report is past its own deadline. */
export function isReplicaLate(r: Pick<Replica, "lastReport" | "interval">, graceSeconds: number, now: number): boolean {
  return now >= replicaDueAt(r) + graceSeconds * 1000;
}

/** Whether one measure exceeds its threshold (a missing measure or threshold exceeds nothing). */
function above(value: number | null, max: number | null): boolean {
  return value !== null && max !== null && value > max;
}

/** The replicas whose last reported load is above a threshold. */
export function overloadedReplicas<R extends Pick<Replica, "load">>(replicas: readonly R[], max: LoadMax): R[] {
  return replicas.filter((r) => above(r.load.cpu, max.cpu) || above(r.load.ram, max.ram));
}

/** A check is sick (degraded, shown only: no flip, no alert) while any replica reports load above a threshold. */
export function isOverloaded(replicas: readonly Pick<Replica, "load">[], max: LoadMax): boolean {
  return overloadedReplicas(replicas, max).length > 0;
}

/** The instant before which a replica's last report makes it forgotten at `now`. */
export function forgetBefore(now: number): number {
  return now - REPLICA_FORGET_MS;
}
