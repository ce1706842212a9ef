// The check state machine (SPEC §4 transitions table). Pure: `now` and the compiled cron schedule
// are arguments. Every ingest path, the API and the scheduler reduce to `transition()`.
//
// Choices where the table is silent (each also noted at its code):
// - last_ping moves on success, ok and fail, never on start/log/ign. D is computed from last_ping,
//   so a job that runs and reports failure is expected again one period later: its failures are
//   counted by fail_streak, not punished a second time by a timeout.
// - pause resets fail_streak, so failures after a pause count from 1 toward failure_threshold;
//   a paused check that fails stays paused until the threshold is reached, then goes down.
// - ok on a paused check (manual_resume off) behaves like any other ping: the check goes up.
// - ok, pause and resume close an open run without a duration.
// - a start on a down check records the run (for its duration) but opens no deadline.
// - an end without rid pairs with a start without rid by series when both carry one (Cronitor's
//   wrap() sends only a series); another series is another run: a success leaves the open run
//   alone, a fail closes it without duration, as with rids.
// - no-op events return the very same check object, so callers can skip the write.
// - a success matching one of the check's rules is a failure with reason `rule` (SPEC §4). It
//   pairs with its run as a success does (the pairing gives the duration the rules read, unless
//   the client reported one) and then counts like a fail: fail_streak, failure_threshold, and no
//   recovery of a down check. The result names the rule, with or without a flip.
// - a new check with alert_new goes down by timeout when its first ping is late (deadline.ts);
//   resuming makes a check new again, waiting since the resume.
import type { CronSchedule } from "./cron.ts";
import { computeDownAt } from "./deadline.ts";
import { evaluateRules, type RuleMatch } from "./rules.ts";
import type {
  CheckEvent,
  RunRef,
  CheckState,
  CheckStatus,
  Flip,
  FlipReason,
  TransitionResult,
} from "./types.ts";

/** A state change before `downAt` is recomputed; null means the event changes nothing. */
interface Step {
  readonly check: CheckState;
  readonly flip: Flip | null;
  readonly duration: number | null;
  /** only a success that a rule failed has one */
  readonly rule?: RuleMatch;
}

type SuccessEvent = Extract<CheckEvent, { type: "success" }>;

/**
 * The check after `event`. Every step builds on `{ ...check }`, so whatever else `check` carries
 * (a stored row's other columns) comes back with it.
 */
export function transition<S extends CheckState>(check: S, event: CheckEvent, now: number, cron: CronSchedule | null): TransitionResult<S> {
  const step = applyEvent(check, event, now, cron);
  if (step === null) return { check, flip: null, duration: null, rule: null };
  // down_at is derived state: recomputing it after every change keeps the stored row consistent.
  const next = step.check as S;
  const downAt = computeDownAt(next, cron)?.at ?? null;
  const result = (c: S): TransitionResult<S> => ({ check: c, flip: step.flip, duration: step.duration, rule: step.rule ?? null });
  if (downAt === next.downAt) return result(next);
  if (next === check) return result({ ...next, downAt });
  // the step made `next` a moment ago and nothing else holds it: set the derived field in place
  // instead of copying every column once more (this is every ping's path)
  (next as { downAt: number | null }).downAt = downAt;
  return result(next);
}

function applyEvent(
  check: CheckState,
  event: CheckEvent,
  now: number,
  cron: CronSchedule | null,
): Step | null {
  switch (event.type) {
    case "success":
      return ignoresPings(check) ? null : onSuccess(check, event, now);
    case "fail":
      return ignoresPings(check) ? null : onFail(check, event, now);
    case "start":
      return ignoresPings(check) ? null : onStart(check, event, now);
    case "ok":
      return ignoresPings(check) ? null : onOk(check, now);
    case "log":
    case "ign":
      return null;
    case "pause":
      return onPause(check, now);
    case "resume":
      return onResume(check, now);
    case "due":
      return onDue(check, now, cron);
    case "report":
      return ignoresPings(check) ? null : onReport(check, now);
    default: {
      const unreachable: never = event;
      throw new Error(`unknown event ${JSON.stringify(unreachable)}`);
    }
  }
}

/** A paused check with manual_resume stores every ping as `ign` and stays paused. */
export function ignoresPings(check: Pick<CheckState, "status" | "manualResume">): boolean {
  return check.status === "paused" && check.manualResume;
}

/** Only a paused check can be resumed; the API answers 409 otherwise. */
export function canResume(check: CheckState): boolean {
  return check.status === "paused";
}

/**
 * Whether the scheduler may move the check down now. The scheduler races with pings: a ping may
 * have moved the deadline after the scheduler read it, so the stored downAt is re-checked here.
 */
export function isDue(check: CheckState, now: number): boolean {
  if (check.downAt === null || now < check.downAt) return false;
  switch (check.status) {
    case "down":
      return false;
    case "new":
      // an open run, or a first ping that is late (alert_new)
      return check.lastStart !== null || check.alertNew === true;
    case "paused":
      return check.lastStart !== null; // only an open run can take it down
    case "up":
      return true;
    default: {
      const unreachable: never = check.status;
      throw new Error(`unknown check status ${String(unreachable)}`);
    }
  }
}

function onSuccess(check: CheckState, event: SuccessEvent, now: number): Step {
  const run = closeRun(check, "success", event, now);
  if (check.rules.length > 0) {
    // the client's own figure wins over the pairing (SPEC §3, ping duration)
    const duration = event.duration ?? run.duration;
    const match = evaluateRules(check.rules, { duration, metrics: event.metrics ?? null });
    if (match !== null) return failure(check, run, "rule", now, match);
  }
  // a reporter check's ordinary ping is no report: it cannot end an outage of a late replica either
  if (check.status === "down" && replicaStillLate(check, now)) return { check: { ...check, ...run.fields, lastPing: now }, flip: null, duration: run.duration };
  // Recovery (down → up) alerts; first ping (new → up) and unpausing (paused → up) do not.
  const silent = check.status !== "down";
  return {
    check: { ...check, ...run.fields, status: "up", lastPing: now, failStreak: 0 },
    flip: flipOf(check.status, "up", "", silent, now),
    duration: run.duration,
  };
}

function onFail(check: CheckState, end: RunRef, now: number): Step {
  return failure(check, closeRun(check, "fail", end, now), "fail", now, undefined);
}

function failure(check: CheckState, run: RunOutcome, reason: "fail" | "rule", now: number, rule: RuleMatch | undefined): Step {
  const failStreak = check.failStreak + 1;
  // A down check stays down; otherwise the threshold decides, and until it is reached the
  // status (new, up or paused) is kept.
  const status: CheckStatus =
    check.status === "down" || failStreak >= check.failureThreshold ? "down" : check.status;
  return {
    check: { ...check, ...run.fields, status, lastPing: now, failStreak },
    flip: flipOf(check.status, status, reason, false, now),
    duration: run.duration,
    ...(rule === undefined ? {} : { rule }),
  };
}

function onStart(check: CheckState, start: RunRef, now: number): Step {
  // The run is recorded in every status; computeDownAt gives a down check no deadline for it.
  return { check: { ...check, lastStart: now, lastStartRid: start.rid, lastStartSeries: start.series ?? null }, flip: null, duration: null };
}

function onOk(check: CheckState, now: number): Step {
  if (check.status === "down" && replicaStillLate(check, now)) return { check: { ...check, ...NO_RUN, lastPing: now }, flip: null, duration: null };
  // Cronitor's "ok" resets the monitor to passing: a stale open run must not take it down again.
  return {
    check: { ...check, ...NO_RUN, status: "up", lastPing: now, failStreak: 0 },
    flip: flipOf(check.status, "up", "ok", true, now),
    duration: null,
  };
}

function onPause(check: CheckState, now: number): Step {
  // Pausing an already paused check still clears a run opened while paused, without a flip.
  return {
    check: { ...check, ...NO_RUN, status: "paused", failStreak: 0 },
    flip: flipOf(check.status, "paused", "pause", true, now),
    duration: null,
  };
}

function onResume(check: CheckState, now: number): Step | null {
  if (!canResume(check)) return null;
  return {
    // with alert_new it waits for its next ping as if pinged now (SPEC §4)
    check: { ...check, ...NO_RUN, status: "new", failStreak: 0, newSince: now },
    flip: flipOf(check.status, "new", "resume", true, now),
    duration: null,
  };
}

function onDue(check: CheckState, now: number, cron: CronSchedule | null): Step | null {
  if (!isDue(check, now) || check.downAt === null) return null;
  // The stored downAt is authoritative (startup grace may have pushed it later), so it is also
  // the flip's instant: the check went down then, not when the scheduler woke up.
  const reason = computeDownAt(check, cron)?.reason ?? "timeout";
  // The run stays open so that a late success with its rid still records the duration.
  return {
    check: { ...check, status: "down" },
    flip: flipOf(check.status, "down", reason, false, check.downAt),
    duration: null,
  };
}

/**
 * A push reporter's replica reported (SPEC §5.2). It says that replica is alive, not the whole
 * check: while another replica the policy needs is past its deadline (`replicasDue` + grace is
 * not ahead), a down check stays down, so the healthy replicas' reports cannot turn an outage
 * into a stream of recoveries. Otherwise it is a success: recovery alerts, first report and
 * unpausing are silent. An up check whose other replica is already late stays up with a deadline
 * in the past, and the scheduler takes it down at that deadline.
 */
function onReport(check: CheckState, now: number): Step {
  if (check.status === "down" && replicaStillLate(check, now)) return { check: { ...check, lastPing: now }, flip: null, duration: null };
  return {
    check: { ...check, status: "up", lastPing: now, failStreak: 0 },
    flip: flipOf(check.status, "up", "", check.status !== "down", now),
    duration: null,
  };
}

/**
 * A reporter check's replica that the policy needs is past its deadline (`replicasDue` + grace is
 * not ahead): whatever else arrives, the check would be due again at once. Never for other kinds,
 * which have no `replicasDue`.
 */
function replicaStillLate(check: CheckState, now: number): boolean {
  const due = check.replicasDue ?? null;
  return due !== null && due + check.grace * 1000 <= now;
}

const NO_RUN = { lastStart: null, lastStartRid: null, lastStartSeries: null } as const;

interface RunOutcome {
  readonly fields: Pick<CheckState, "lastStart" | "lastStartRid" | "lastStartSeries" | "lastDuration">;
  readonly duration: number | null;
}

/**
 * Pairs a success/fail with the open run (SPEC §5 pairing): an end of the same run closes it with
 * a duration; a fail, or a success without rid while the run has one, closes it without one; a
 * success of another run (another rid, or another series) leaves this one open. Rids arrive
 * lowercased from the ingest.
 */
function closeRun(check: CheckState, kind: "success" | "fail", end: RunRef, now: number): RunOutcome {
  const keep: RunOutcome = {
    fields: {
      lastStart: check.lastStart,
      lastStartRid: check.lastStartRid,
      lastStartSeries: check.lastStartSeries,
      lastDuration: check.lastDuration,
    },
    duration: null,
  };
  if (check.lastStart === null) return keep;
  if (sameRun(check, end)) {
    // The wall clock may step back (NTP) between start and end; a run never lasts < 0 s.
    const duration = Math.max(0, now - check.lastStart) / 1000;
    return { fields: { ...NO_RUN, lastDuration: duration }, duration };
  }
  if (kind === "fail" || (end.rid === null && check.lastStartRid !== null)) {
    return { fields: { ...NO_RUN, lastDuration: check.lastDuration }, duration: null };
  }
  return keep;
}

/**
 * Whether an end belongs to the open run: by rid; when neither carries a rid, by series when
 * both carry one (Cronitor's wrap() sends only a series), else it is the newest open run — the
 * only one a check tracks.
 */
function sameRun(check: CheckState, end: RunRef): boolean {
  if (end.rid !== check.lastStartRid) return false;
  if (end.rid !== null) return true;
  const series = end.series ?? null;
  return series === null || check.lastStartSeries === null || series === check.lastStartSeries;
}

/** A flip when the status changes; none when it stays. */
function flipOf(
  oldStatus: CheckStatus,
  newStatus: CheckStatus,
  reason: FlipReason,
  silent: boolean,
  created: number,
): Flip | null {
  return oldStatus === newStatus ? null : { created, oldStatus, newStatus, reason, silent };
}
