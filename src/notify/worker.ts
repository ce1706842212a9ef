// The notifier: delivers unprocessed, non-silent flips to their channels (SPEC §8).
//
// Two halves. Planning (planner.ts) is synchronous and runs in a write transaction: claim new
// flips, decide per check and channel, queue deliveries. Sending leases due deliveries, sends
// them concurrently and records every attempt as a `notifications` row. A lease outlives the
// send timeout, so a worker killed between claim and send leaves the delivery to be taken again
// when its lease ends (at-least-once), and a delivery recorded as sent is never taken again.
//
// No polling: after each round the worker sleeps (setTimeout) until the earliest stored instant
// some work becomes due (a retry, a damping minute, the end of a mute or a window, a reminder);
// wake() cuts the sleep short when a flip is committed. Decisions read time only through
// deps.now, so tests drive everything with a settable clock and runDue().
import type { Database } from "bun:sqlite";
import { retryDelayMs } from "../core/noise.ts";
import type { Logger } from "../log.ts";
import { clearChannelError, getChannel, setChannelError, type Channel } from "../store/channels.ts";
import {
  type AttemptStatus,
  claimDeliveries,
  type Delivery,
  finishAttempt,
  insertNotification,
  nextWorkAt,
  pruneNotifications,
  pullEvaluations,
} from "../store/notifications.ts";
import { type Alert, buildAlert, testAlert } from "./alert.ts";
import type { Mailer, SendContext, SendResult } from "./channel.ts";
import { createMailer } from "./mailer.ts";
import { planAlerts } from "./planner.ts";
import { prepare } from "./registry.ts";
import { selfPing, type SelfPingResult } from "./self-ping.ts";

export interface NotifierConfig {
  readonly baseUrl: () => string;
  readonly smtpUrl?: string | undefined;
  readonly emailFrom?: string | undefined;
  readonly selfPingUrl?: string | undefined;
}

export interface NotifierDeps {
  readonly db: Database;
  readonly log: Logger;
  readonly now: () => number;
  readonly config: NotifierConfig;
  /** [0, 1) for retry jitter; Math.random by default */
  readonly random?: () => number;
}

/** Outbound HTTP timeout for every channel (SPEC §8). */
export const HTTP_TIMEOUT_MS = 10_000;
/** A lease outlives the send it covers by this much. */
const LEASE_MARGIN_MS = 20_000;
/** Sends in flight at once. */
const MAX_IN_FLIGHT = 16;
/** Flips and evaluations handled per planning transaction. */
const PLAN_BATCH = 500;
/** After a failed round (database busy), the next one waits this long. */
const FAILED_ROUND_DELAY_MS = 1_000;
const SELF_PING_EVERY_MS = 60_000;
const PRUNE_EVERY_MS = 3_600_000;
/** Notifications are kept 90 days (SPEC §3). */
export const NOTIFICATION_RETENTION_MS = 90 * 86_400_000;
const MAX_SLEEP_MS = 2_147_483_647;

export interface NotificationCount {
  readonly kind: string;
  readonly status: AttemptStatus;
  readonly count: number;
}

/** What POST /channels/<id>/test answers. */
export interface TestOutcome {
  readonly status: AttemptStatus;
  readonly error: string;
  readonly durationMs: number;
}

export interface RunSummary {
  readonly flips: number;
  readonly queued: number;
  readonly attempts: number;
}

export class Notifier {
  private started = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private kicked = false;
  private readonly inFlight = new Map<number, Promise<void>>();
  private readonly counts = new Map<string, number>();
  private readonly mailers = new Map<string, Promise<Mailer>>();
  private readonly intervals: ReturnType<typeof setInterval>[] = [];
  private selfPingRunning: Promise<unknown> | null = null;

  constructor(private readonly deps: NotifierDeps) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.prune();
    this.intervals.push(setInterval(() => this.prune(), PRUNE_EVERY_MS));
    if (this.deps.config.selfPingUrl) {
      this.runSelfPing();
      this.intervals.push(setInterval(() => this.runSelfPing(), SELF_PING_EVERY_MS));
    }
    this.kick();
  }

  /** a flip was committed: look at the outbox soon */
  wake(): void {
    if (this.started && !this.stopped) this.kick();
  }

  /** The check's held alerts must be looked at now (its mute or maintenance changed). */
  recheck(where: { checkId: number } | { projectId: number }): void {
    pullEvaluations(this.deps.db, where, this.deps.now());
    this.wake();
  }

  /** stops timers and waits for deliveries in flight */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const i of this.intervals) clearInterval(i);
    await Promise.allSettled([...this.inFlight.values(), this.selfPingRunning]);
  }

  /** Delivery attempts since start, by channel kind and outcome (for /metrics). */
  counters(): NotificationCount[] {
    return [...this.counts].map(([key, count]) => {
      const [kind = "", status] = key.split("\t");
      return { kind, status: status as AttemptStatus, count };
    });
  }

  /**
   * Does everything due at deps.now() and waits for the sends it started; repeats until nothing
   * more is due. Tests call this after moving the clock instead of waiting for timers.
   */
  async runDue(): Promise<RunSummary> {
    let flips = 0;
    let queued = 0;
    let attempts = 0;
    for (;;) {
      const round = this.round();
      flips += round.flips;
      queued += round.queued;
      attempts += round.sends.length;
      if (round.sends.length === 0 && !round.more) break;
      await Promise.all([...round.sends, ...this.inFlight.values()]);
    }
    await Promise.all(this.inFlight.values());
    return { flips, queued, attempts };
  }

  /** Sends a test message to the channel now and records the attempt (POST /channels/<id>/test). */
  async sendTest(channel: Channel): Promise<TestOutcome> {
    const now = this.deps.now();
    const alert = testAlert(now, this.deps.config.baseUrl(), channel.id);
    const result = await this.attempt(channel, alert);
    const at = this.deps.now();
    this.deps.db.transaction(() => {
      insertNotification(this.deps.db, { flipId: null, checkId: null, channelId: channel.id, attempt: 1, ...outcomeOf(result.result), durationMs: result.durationMs, at });
      this.showOnChannel(channel.id, result.result);
    })();
    this.count(channel.kind, outcomeOf(result.result).status);
    return { ...outcomeOf(result.result), durationMs: result.durationMs };
  }

  /** Pings TOCSIN_SELF_PING_URL: `/fail` when alerts wait undelivered for over 5 minutes. */
  async selfPing(): Promise<SelfPingResult | null> {
    const url = this.deps.config.selfPingUrl;
    if (!url) return null;
    return selfPing(this.deps.db, url, this.deps.now(), HTTP_TIMEOUT_MS, this.deps.log);
  }

  /** Retention: attempts older than 90 days go. Returns how many. */
  prune(): number {
    try {
      return pruneNotifications(this.deps.db, this.deps.now() - NOTIFICATION_RETENTION_MS);
    } catch (e) {
      this.deps.log.error("pruning notifications failed", { error: e });
      return 0;
    }
  }

  // ---- the loop ----

  private kick(): void {
    if (this.kicked) return;
    this.kicked = true;
    setTimeout(() => {
      this.kicked = false;
      this.tick();
    }, 0);
  }

  private tick(): void {
    if (this.stopped) return;
    let failed = false;
    try {
      const round = this.round();
      if (round.more) this.kick();
    } catch (e) {
      failed = true;
      this.deps.log.error("notifier round failed; retrying", { error: e });
    }
    this.arm(failed);
  }

  private arm(failed: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped) return;
    // a full house is woken by the sends finishing, not by a timer
    if (this.inFlight.size >= MAX_IN_FLIGHT) return;
    const now = this.deps.now();
    const at = failed ? now + FAILED_ROUND_DELAY_MS : nextWorkAt(this.deps.db, [...this.inFlight.keys()]);
    if (at === null) return;
    const delay = Math.min(Math.max(0, at - now), MAX_SLEEP_MS);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.tick();
    }, delay);
  }

  /** Plans, then leases what is due and starts sending it. Synchronous up to the sends. */
  private round(): { flips: number; queued: number; more: boolean; sends: Promise<void>[] } {
    const { db, log } = this.deps;
    const now = this.deps.now();
    const plan = db.transaction(() => planAlerts(db, now, PLAN_BATCH, log)).immediate();
    const capacity = MAX_IN_FLIGHT - this.inFlight.size;
    if (capacity <= 0) return { flips: plan.flips, queued: plan.queued, more: plan.more, sends: [] };
    const claimed = db.transaction(() => this.claim(now, capacity)).immediate();
    const sends = claimed.map((c) => this.track(c.delivery.id, this.deliver(c.delivery, c.channel)));
    return { flips: plan.flips, queued: plan.queued, more: plan.more, sends };
  }

  private claim(now: number, capacity: number): { delivery: Delivery; channel: Channel | null }[] {
    const { db } = this.deps;
    const deliveries = claimDeliveries(db, now, HTTP_TIMEOUT_MS + LEASE_MARGIN_MS, capacity, [...this.inFlight.keys()]);
    return deliveries.map((delivery) => {
      const channel = getChannel(db, delivery.channelId);
      const prepared = channel ? prepare(channel.kind, channel.settings, HTTP_TIMEOUT_MS) : null;
      if (prepared?.ok && prepared.timeoutMs > HTTP_TIMEOUT_MS) {
        // slow kinds (shell commands) keep their lease for as long as they may run
        db.query("UPDATE deliveries SET lease_until = ? WHERE id = ? AND claim = ?").run(now + prepared.timeoutMs + LEASE_MARGIN_MS, delivery.id, delivery.claim);
      }
      return { delivery, channel };
    });
  }

  private track(id: number, p: Promise<void>): Promise<void> {
    const tracked = p
      .catch((e) => this.deps.log.error("delivery failed unexpectedly", { delivery: id, error: e }))
      .finally(() => {
        this.inFlight.delete(id);
        if (this.started) this.wake();
      });
    this.inFlight.set(id, tracked);
    return tracked;
  }

  private async deliver(d: Delivery, channel: Channel | null): Promise<void> {
    const { db } = this.deps;
    const startedAt = this.deps.now();
    const alert = channel ? buildAlert(db, d, startedAt, this.deps.config.baseUrl()) : null;
    const { result, durationMs } = channel && alert ? await this.attempt(channel, alert) : { result: { ok: false, permanent: true, error: "check or channel deleted" } as SendResult, durationMs: 0 };
    const at = this.deps.now();
    const outcome = outcomeOf(result);
    // SPEC §8 times attempts from the first one, so a slow attempt does not push the next one back
    const retryAt = outcome.status === "error" ? nextRetry(d.attempts + 1, startedAt, this.deps.random ?? Math.random) : null;
    db.transaction(() => {
      finishAttempt(db, d, { ...outcome, durationMs, at }, retryAt);
      if (channel) this.showOnChannel(channel.id, result, retryAt === null);
    }).immediate();
    this.count(channel?.kind ?? "unknown", outcome.status);
    if (outcome.status !== "ok") {
      this.deps.log.warn("alert delivery failed", { channel: d.channelId, kind: channel?.kind, attempt: d.attempts + 1, status: outcome.status, error: outcome.error, retry: retryAt !== null });
    }
  }

  private async attempt(channel: Channel, alert: Alert): Promise<{ result: SendResult; durationMs: number }> {
    const prepared = prepare(channel.kind, channel.settings, HTTP_TIMEOUT_MS);
    if (!prepared.ok) return { result: { ok: false, permanent: true, error: prepared.error }, durationMs: 0 };
    const t0 = performance.now();
    const result = await prepared.send(alert, this.context());
    return { result, durationMs: performance.now() - t0 };
  }

  private context(): SendContext {
    return {
      smtpUrl: this.deps.config.smtpUrl,
      emailFrom: this.deps.config.emailFrom,
      timeoutMs: HTTP_TIMEOUT_MS,
      mailer: (url) => {
        let m = this.mailers.get(url);
        if (!m) {
          m = createMailer(url);
          // a failed load is retried by the next send instead of being cached
          m.catch(() => this.mailers.delete(url));
          this.mailers.set(url, m);
        }
        return m;
      },
    };
  }

  /** A channel shows its last error until a message gets through (SPEC §8). */
  private showOnChannel(channelId: string, result: SendResult, final = true): void {
    if (result.ok) clearChannelError(this.deps.db, channelId);
    else if (result.permanent || final) setChannelError(this.deps.db, channelId, result.error);
  }

  private count(kind: string, status: AttemptStatus): void {
    const key = `${kind}\t${status}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  private runSelfPing(): void {
    if (this.selfPingRunning) return;
    this.selfPingRunning = this.selfPing().finally(() => {
      this.selfPingRunning = null;
    });
  }
}

function outcomeOf(r: SendResult): { status: AttemptStatus; error: string } {
  if (r.ok) return { status: "ok", error: "" };
  return { status: r.permanent ? "permanent" : "error", error: r.error };
}

function nextRetry(attemptsMade: number, at: number, random: () => number): number | null {
  const delay = retryDelayMs(attemptsMade, random());
  return delay === null ? null : at + delay;
}
