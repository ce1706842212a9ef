// Deadlines of a check (SPEC §4): the expected time D and the instant down_at at which it goes down.
// Pure: every instant is an argument. Cron checks take an already compiled schedule, because
// parsing an expression per call is too slow for the scheduler's hot path (100 000 checks).
import type { CheckState } from "./types.ts";
import { nextFire, type CronSchedule } from "./cron.ts";

const SECOND = 1000;
const DAY_SECONDS = 86_400;

export type DownReason = "timeout" | "runtime";

export interface DownAt {
  readonly at: number;
  readonly reason: DownReason;
}

/** Seconds a started run may take: `max_runtime`, or the grace time when it is null. */
export function effectiveMaxRuntime(check: Pick<CheckState, "maxRuntime" | "grace">): number {
  return check.maxRuntime ?? check.grace;
}

/**
 * The expected time D: when the next ping is due. Null without a last ping (new checks have no
 * deadline), for a cron check without a compiled schedule or without a future fire time, and for
 * a reporter check without replicas.
 */
export function expectedAt(check: CheckState, cron: CronSchedule | null): number | null {
  if (check.lastPing === null) return null;
  switch (check.kind) {
    case "simple":
      return check.lastPing + check.timeout * SECOND;
    case "cron":
      // A stored expression that failed to compile has no deadline rather than a wrong one.
      return cron === null ? null : nextFire(cron, check.lastPing);
    case "reporter":
      // each replica announces its own interval; the policy has combined them already
      return check.replicasDue ?? null;
    default: {
      const unreachable: never = check.kind;
      throw new Error(`unknown check kind ${String(unreachable)}`);
    }
  }
}

/**
 * When a new check's first ping is expected (SPEC §4 `alert_new`): as if it had been pinged when
 * it became new (created or resumed) — or at its latest failure since, as a failure below the
 * threshold leaves it new. Null unless the check is new, has alert_new and knows since when.
 */
export function firstPingExpectedAt(check: CheckState, cron: CronSchedule | null): number | null {
  if (check.status !== "new" || check.alertNew !== true || check.newSince === null || check.newSince === undefined) return null;
  const since = Math.max(check.newSince, check.lastPing ?? check.newSince);
  return expectedAt({ ...check, lastPing: since }, cron);
}

/**
 * The instant the check goes down and why, or null when it cannot go down by time.
 * down_at = D + grace; with a run open, the run limit wins when it is strictly earlier.
 * Paused checks are not watched for timeouts, only for an open run; down checks never; new
 * checks only with alert_new (their D is the first ping's, see firstPingExpectedAt).
 */
export function computeDownAt(check: CheckState, cron: CronSchedule | null): DownAt | null {
  const runLimit =
    check.lastStart === null ? null : check.lastStart + effectiveMaxRuntime(check) * SECOND;
  switch (check.status) {
    case "down":
      return null;
    case "new":
      return earlier(graceAfter(firstPingExpectedAt(check, cron), check), runLimit);
    case "paused":
      return runLimit === null ? null : { at: runLimit, reason: "runtime" };
    case "up":
      return earlier(graceAfter(expectedAt(check, cron), check), runLimit);
    default: {
      const unreachable: never = check.status;
      throw new Error(`unknown check status ${String(unreachable)}`);
    }
  }
}

function graceAfter(d: number | null, check: Pick<CheckState, "grace">): number | null {
  return d === null ? null : d + check.grace * SECOND;
}

/** The timeout, unless the run limit is strictly earlier. */
function earlier(timeoutAt: number | null, runLimit: number | null): DownAt | null {
  if (runLimit !== null && (timeoutAt === null || runLimit < timeoutAt)) return { at: runLimit, reason: "runtime" };
  return timeoutAt === null ? null : { at: timeoutAt, reason: "timeout" };
}

/** The check with its stored `downAt` brought in line with its state. */
export function withDownAt(check: CheckState, cron: CronSchedule | null): CheckState {
  const downAt = computeDownAt(check, cron)?.at ?? null;
  return downAt === check.downAt ? check : { ...check, downAt };
}

// ---- validation of user-given timing (used by the API and the config file) ----

/** Inclusive bounds, whole seconds except failure_threshold (a count). A year caps the timers. */
export const TIMING_LIMITS = {
  timeout: { min: 1, max: 365 * DAY_SECONDS },
  grace: { min: 0, max: 365 * DAY_SECONDS },
  max_runtime: { min: 1, max: 365 * DAY_SECONDS },
  failure_threshold: { min: 1, max: 1000 },
} as const;

export type TimingField = keyof typeof TIMING_LIMITS;

export interface TimingInput {
  readonly timeout?: number;
  readonly grace?: number;
  /** null = follow grace */
  readonly maxRuntime?: number | null;
  readonly failureThreshold?: number;
}

export type TimingValidation =
  | { readonly ok: true }
  | { readonly ok: false; readonly field: TimingField; readonly error: string };

/**
 * Checks the fields that are present (an update may send only some). The first problem wins;
 * `error` starts with the API field name so it reads well after "json validation error: ".
 */
export function validateTiming(input: TimingInput): TimingValidation {
  const fields: ReadonlyArray<readonly [TimingField, number | null | undefined]> = [
    ["timeout", input.timeout],
    ["grace", input.grace],
    ["max_runtime", input.maxRuntime],
    ["failure_threshold", input.failureThreshold],
  ];
  for (const [field, value] of fields) {
    if (value === undefined || value === null) continue;
    const { min, max } = TIMING_LIMITS[field];
    if (!Number.isInteger(value) || value < min || value > max) {
      const unit = field === "failure_threshold" ? "" : " seconds";
      return { ok: false, field, error: `${field} must be an integer from ${min} to ${max}${unit}` };
    }
  }
  return { ok: true };
}
