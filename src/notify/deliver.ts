// One delivery: lease it, build the alert from the stored facts, send it through the channel's
// kind, and record the attempt (a `notifications` row, the delivery's next state, the channel's
// last error). A lease outlives the send it covers, so a worker killed between claim and send
// leaves the delivery to be taken again when the lease ends (at-least-once), and a delivery
// recorded as sent is never taken again.
import { retryDelayMs } from "../core/noise.ts";
import type { CronCache } from "../core/cron-cache.ts";
import type { Logger } from "../log.ts";
import type { AttemptStatus, Channel, Delivery, Store, Tx } from "../store/store.ts";
import type { Alert } from "./alert.ts";
import { buildAlert } from "./alert-build.ts";
import { permanent, type SendResult } from "./channel.ts";
import type { DeliveryCounters } from "./counters.ts";
import { prepare } from "./registry.ts";
import { HTTP_TIMEOUT_MS, type Transports } from "./transports.ts";

/** A lease outlives the send it covers by this much. */
const LEASE_MARGIN_MS = 20_000;

export interface DeliverDeps {
  readonly store: Store;
  readonly crons: CronCache;
  readonly log: Logger;
  readonly now: () => number;
  readonly baseUrl: () => string;
  readonly transports: Transports;
  readonly counters: DeliveryCounters;
  /** [0, 1) for retry jitter */
  readonly random: () => number;
}

export interface Claimed {
  readonly delivery: Delivery;
  readonly channel: Channel | null;
}

/** Leases up to `capacity` due deliveries (not those in `exclude`) inside the caller's write transaction. */
export function claimDue(tx: Tx, now: number, capacity: number, exclude: readonly number[]): Claimed[] {
  const deliveries = tx.claimDeliveries(now, HTTP_TIMEOUT_MS + LEASE_MARGIN_MS, capacity, exclude);
  return deliveries.map((delivery) => {
    const channel = tx.getChannel(delivery.channelId);
    const prepared = channel ? prepare(channel.kind, channel.settings, HTTP_TIMEOUT_MS) : null;
    // slow kinds (shell commands) keep their lease for as long as they may run
    if (prepared?.ok && prepared.timeoutMs > HTTP_TIMEOUT_MS) tx.extendLease(delivery.id, delivery.claim, now + prepared.timeoutMs + LEASE_MARGIN_MS);
    return { delivery, channel };
  });
}

/** Sends one claimed delivery and records the attempt. */
export async function deliver(deps: DeliverDeps, { delivery: d, channel }: Claimed): Promise<void> {
  const startedAt = deps.now();
  const alert = channel ? deps.store.read((tx) => buildAlert(tx, deps.crons, d, startedAt, deps.baseUrl())) : null;
  const { result, durationMs } = channel && alert ? await attempt(deps.transports, channel, alert) : { result: permanent("check or channel deleted"), durationMs: 0 };
  const at = deps.now();
  const outcome = outcomeOf(result);
  // SPEC §8 times attempts from the first one, so a slow attempt does not push the next one back
  const retryAt = outcome.status === "error" ? nextRetry(d.attempts + 1, startedAt, deps.random) : null;
  deps.store.write((tx) => {
    tx.finishAttempt(d, { ...outcome, durationMs, at }, retryAt);
    if (channel) showOnChannel(tx, channel.id, result, retryAt === null);
  });
  deps.counters.count(channel?.kind ?? "unknown", outcome.status);
  if (outcome.status !== "ok") {
    deps.log.warn("alert delivery failed", { channel: d.channelId, kind: channel?.kind, attempt: d.attempts + 1, status: outcome.status, error: outcome.error, retry: retryAt !== null });
  }
}

/** Sends `alert` through the channel's kind, timing the attempt. */
export async function attempt(transports: Transports, channel: Channel, alert: Alert): Promise<{ result: SendResult; durationMs: number }> {
  const prepared = prepare(channel.kind, channel.settings, HTTP_TIMEOUT_MS);
  if (!prepared.ok) return { result: permanent(prepared.error), durationMs: 0 };
  const t0 = performance.now();
  const result = await prepared.send(alert, transports.context());
  return { result, durationMs: performance.now() - t0 };
}

/** A channel shows its last error until a message gets through (SPEC §8). */
export function showOnChannel(tx: Tx, channelId: string, result: SendResult, final = true): void {
  if (result.ok) tx.clearChannelError(channelId);
  else if (result.permanent || final) tx.setChannelError(channelId, result.error);
}

export function outcomeOf(r: SendResult): { status: AttemptStatus; error: string } {
  if (r.ok) return { status: "ok", error: "" };
  return { status: r.permanent ? "permanent" : "error", error: r.error };
}

function nextRetry(attemptsMade: number, at: number, random: () => number): number | null {
  const delay = retryDelayMs(attemptsMade, random());
  return delay === null ? null : at + delay;
}
