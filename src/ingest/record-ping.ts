// recordPing: the ONE operation every ingest path (HTTP routes, compatibility routes, email,
// push reporters) reduces to. Classify, apply the state machine, store the ping and any flip.
// It runs inside a write transaction owned by the caller (the batch writer), so all of it
// commits together or not at all.
import { computeDownAt } from "../core/deadline.ts";
import { mute } from "../core/mute.ts";
import { type Classified, classifyPing, type MailText, type PingAction } from "../core/ping.ts";
import type { RuleMatch } from "../core/rules.ts";
import type { Changes } from "../live/changes.ts";
import type { CronCache } from "../core/cron-cache.ts";
import type { Check, NewPing, ReplicaReport, Tx } from "../store/store.ts";
import { applyEvent } from "./apply-event.ts";
import type { HotChecks } from "./hot-checks.ts";
import { takeReport } from "./record-report.ts";

export type PingTarget =
  | { readonly checkId: number }
  /**
   * ?create=1 (or the project's ping_create) on a slug URL: the check is created if the slug is
   * unknown, named `name` (a Cronitor key as given, else the slug)
   */
  | { readonly create: { readonly projectId: number; readonly checkLimit: number; readonly slug: string; readonly name: string } };

export interface PingInput {
  readonly target: PingTarget;
  readonly action: PingAction;
  readonly now: number;
  readonly method: string;
  readonly scheme: string;
  readonly remoteAddr: string;
  readonly ua: string;
  readonly body: Uint8Array | null;
  /** the body as text, for keyword filters */
  readonly bodyText: () => string;
  readonly rid: string | null;
  readonly msg: string | null;
  readonly host: string | null;
  readonly series: string | null;
  /** Cronitor's `env` (HTTP pings only) */
  readonly env?: string | null;
  readonly queryExitStatus: number | null;
  /** seconds, as reported by the client; wins over the duration computed from a start */
  readonly duration: number | null;
  readonly metrics: Readonly<Record<string, number>> | null;
  /** email pings: the decoded subject and text, for the check's subject and body filters */
  readonly mail?: MailText | null;
  /** push reporters (action `report`): the replica that reported */
  readonly report?: ReplicaReport;
}

export type PingOutcome =
  | {
      readonly ok: true;
      /** the check after the ping */
      readonly check: Check;
      readonly created: boolean;
      readonly classified: Classified;
      readonly n: number;
      readonly flipId: number | null;
      /** `/pause/<hours>` changed muted_until: alerts held for the check may be due now */
      readonly muteChanged: boolean;
    }
  | { readonly ok: false; readonly reason: "not_found" | "check_limit" | "replica_limit" };

/** Messages are cut at this many characters (SPEC §0). */
const MAX_MSG = 1000;

export interface RecordDeps {
  readonly crons: CronCache;
  /** the checks this writer's earlier batches left, when it keeps them */
  readonly hot?: HotChecks;
  /** newest pings kept per check */
  readonly pingLogLimit: number;
}

export function recordPing(deps: RecordDeps, tx: Tx, input: PingInput, changes: Changes): PingOutcome {
  const found = resolveTarget(tx, deps, input.target, input.now);
  if (!found.ok) return found;
  let check = found.check;
  if (input.report) {
    const taken = takeReport(tx, check, input.report, input.now);
    if (!taken.ok) return taken;
    check = taken.check;
  }
  const classified = classifyPing(check, input);
  let muteChanged = false;
  if (input.action.type === "mute") {
    const muted = mute(check, input.action.hours, input.now);
    if (muted.ok && muted.check.mutedUntil !== check.mutedUntil) {
      tx.setMutedUntil(check.id, muted.check.mutedUntil);
      check = { ...check, mutedUntil: muted.check.mutedUntil };
      muteChanged = true;
      // alerts held by the mute are looked at again now instead of at the next periodic look
      tx.pullEvaluations({ checkId: check.id }, input.now);
      changes.alertsChanged();
    }
  }
  let flipId: number | null = null;
  let computedDuration: number | null = null;
  let rule: RuleMatch | null = null;
  // the row was read in this write transaction, so its count is current: the ping's number is
  // written with its state (one UPDATE), or alone when the ping changes no state
  const n = check.nPings + 1;
  let counted = false;
  if (classified.event) {
    const applied = applyEvent(tx, deps.crons, check, classified.event, input.now, changes, n);
    if (applied.outcome === "lost") throw new Error(`check ${check.uuid} changed under a write transaction`);
    check = applied.check;
    counted = applied.outcome === "applied";
    flipId = applied.outcome === "applied" ? applied.flipId : null;
    computedDuration = applied.result.duration;
    rule = applied.result.rule;
  }
  if (!counted) {
    tx.countPing(check.id, n);
    check = { ...check, nPings: n };
  }
  tx.insertPing(pingRow(check.id, n, input, classified, { rule, computedDuration }));
  tx.prunePings(check.id, n, deps.pingLogLimit);
  deps.hot?.put(check);
  if (found.created) changes.saved(check);
  changes.pinged(check);
  return { ok: true, check, created: found.created, classified, n, flipId, muteChanged };
}

/** The stored ping: as received and classified, unless a rule failed the success. */
function pingRow(checkId: number, n: number, input: PingInput, classified: Classified, after: { rule: RuleMatch | null; computedDuration: number | null }): NewPing {
  const { rule } = after;
  return {
    checkId,
    n,
    created: input.now,
    // a success a rule failed is a failure wherever it shows, with the rule and the value seen
    kind: rule ? "fail" : classified.kind,
    scheme: input.scheme,
    remoteAddr: input.remoteAddr,
    method: input.method,
    ua: input.ua,
    body: input.body,
    exitStatus: classified.exitStatus,
    rid: input.rid,
    msg: rule ? ruleMessage(rule, input.msg) : input.msg,
    host: input.host,
    series: input.series,
    env: input.env ?? null,
    duration: input.duration ?? after.computedDuration,
    metrics: input.metrics,
  };
}

/** `rows_processed < 1: got 0`, then what the job said, within the message bound. */
function ruleMessage(rule: RuleMatch, msg: string | null): string {
  return (msg ? `${rule.message} (${msg})` : rule.message).slice(0, MAX_MSG);
}

type Resolved = { ok: true; check: Check; created: boolean } | { ok: false; reason: "not_found" | "check_limit" };

function resolveTarget(tx: Tx, deps: RecordDeps, target: PingTarget, now: number): Resolved {
  const crons = deps.crons;
  if ("checkId" in target) {
    const check = deps.hot ? deps.hot.get(tx, target.checkId) : tx.getCheckById(target.checkId);
    // the check may have been deleted between the lookup and this batch
    return check ? { ok: true, check, created: false } : { ok: false, reason: "not_found" };
  }
  const { projectId, checkLimit, slug, name } = target.create;
  const existing = tx.getCheckBySlug(projectId, slug);
  if (existing) return { ok: true, check: existing, created: false };
  if (tx.countChecks(projectId) >= checkLimit) return { ok: false, reason: "check_limit" };
  // Healthchecks' auto-provisioning defaults: period 1 day, grace 1 hour, every channel
  const inserted = tx.insertCheck({ projectId, uuid: crypto.randomUUID(), name, slug, timeout: 86_400, grace: 3_600 }, now);
  tx.assignAllChannels(inserted.id, projectId);
  // alert_new (the default): the first ping's deadline exists even if this ping is only a log
  const downAt = computeDownAt(inserted, crons.forCheck(inserted))?.at ?? null;
  const check: Check = { ...inserted, downAt };
  if (downAt !== inserted.downAt && !tx.saveStateIf(check.id, inserted, check)) throw new Error(`check ${check.uuid} changed under a write transaction`);
  return { ok: true, check, created: true };
}
