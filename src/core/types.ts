// Domain types shared by the pure core and the edges. Instants are UNIX epoch milliseconds (UTC);
// durations given by users (timeout, grace, max_runtime) are whole seconds, as in the API (SPEC §0).
import type { Rule, RuleMatch } from "./rules.ts";

export type CheckStatus = "new" | "up" | "down" | "paused";
export type CheckKind = "simple" | "cron" | "reporter";
export type FlipReason = "fail" | "rule" | "timeout" | "runtime" | "ok" | "pause" | "resume" | "";

/** The part of a check the state machine reads and writes. */
export interface CheckState {
  readonly kind: CheckKind;
  /** seconds between pings (simple checks) */
  readonly timeout: number;
  /** cron expression (cron checks) */
  readonly schedule: string;
  /** IANA zone the schedule is evaluated in (cron checks) */
  readonly tz: string;
  /** seconds after the expected time before the check goes down */
  readonly grace: number;
  /** seconds a started run may take; null follows grace */
  readonly maxRuntime: number | null;
  /** consecutive failures before the check goes down (≥ 1) */
  readonly failureThreshold: number;
  readonly manualResume: boolean;
  readonly status: CheckStatus;
  readonly lastPing: number | null;
  /** start of the open run, null when no run is open */
  readonly lastStart: number | null;
  readonly lastStartRid: string | null;
  /** the `series` its start carried (Cronitor), for ends that come without rid */
  readonly lastStartSeries: string | null;
  /** seconds the last closed run took */
  readonly lastDuration: number | null;
  readonly failStreak: number;
  /** precomputed instant at which the check goes down; null when it cannot */
  readonly downAt: number | null;
  /** alerts are held until this instant */
  readonly mutedUntil: number | null;
  /** failure conditions checked on every success (SPEC §4); empty for most checks */
  readonly rules: readonly Rule[];
  /**
   * Reporter checks (SPEC §5.2): when their replicas' next reports are due as the replica policy
   * combines them (core/reporter.ts `replicasDueAt`), without grace; null or absent otherwise.
   */
  readonly replicasDue?: number | null;
  /**
   * A new check waits for its first ping as if it had been pinged at `newSince` and goes down
   * when that ping is late (SPEC §4 `alert_new`). Absent or false: a new check waits forever,
   * as in Healthchecks.
   */
  readonly alertNew?: boolean;
  /** when the check last became new (created or resumed); null when unknown */
  readonly newSince?: number | null;
}

/** A status change. It is both the alert outbox entry and the uptime history. */
export interface Flip {
  readonly created: number;
  readonly oldStatus: CheckStatus;
  readonly newStatus: CheckStatus;
  readonly reason: FlipReason;
  /** silent flips are history only: no alert */
  readonly silent: boolean;
}

/** What happened to a check. Ping kinds map 1:1; pause/resume come from the API; due from the scheduler. */
/** How an end finds its start: the rid, else the series when both carry one (SPEC §5 pairing). */
export interface RunRef {
  readonly rid: string | null;
  /** Cronitor's series; absent or null when the ping carried none */
  readonly series?: string | null;
}

export type CheckEvent =
  | (RunRef & {
      readonly type: "success";
      /** the ping's numeric metrics, for rules; absent or null when it carried none */
      readonly metrics?: Readonly<Record<string, number>> | null;
      /** seconds the client says the run took; wins over the paired duration for rules */
      readonly duration?: number | null;
    })
  | (RunRef & { readonly type: "fail" })
  | (RunRef & { readonly type: "start" })
  | { readonly type: "log" }
  | { readonly type: "ign" }
  | { readonly type: "ok" }
  | { readonly type: "pause" }
  | { readonly type: "resume" }
  /** the scheduler noticed now ≥ downAt */
  | { readonly type: "due" }
  /** a push reporter's replica reported; `replicasDue` already counts the report */
  | { readonly type: "report" };

export interface TransitionResult<S extends CheckState = CheckState> {
  readonly check: S;
  readonly flip: Flip | null;
  /** seconds of the run this event closed (success/fail pairing), null when none */
  readonly duration: number | null;
  /** the rule that turned a success into a failure (flip reason `rule`), null otherwise */
  readonly rule: RuleMatch | null;
}
