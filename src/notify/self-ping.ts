// Self-monitoring (SPEC §2): Tocsin pings an external URL every minute so that someone notices
// when the monitor itself dies, and reports `/fail` when its own alerts are stuck.
import type { Logger } from "../log.ts";
import type { Store } from "../store/store.ts";
import { formatDuration as duration } from "../core/format.ts";
import { iso } from "../core/iso.ts";
import { joinUrl } from "./http.ts";

/** An alert undelivered for longer than this means the notifier is failing. */
export const BACKLOG_LIMIT_MS = 5 * 60_000;

export interface SelfPingResult {
  readonly url: string;
  readonly failing: boolean;
  readonly message: string;
  /** HTTP status of the answer; null when the request failed */
  readonly status: number | null;
}

export async function selfPing(store: Store, url: string, now: number, timeoutMs: number, log: Logger): Promise<SelfPingResult> {
  const oldest = store.read((tx) => tx.oldestPending());
  const failing = oldest !== null && now - oldest > BACKLOG_LIMIT_MS;
  const message = failing
    ? `Tocsin notifier backlog: an alert has waited ${duration(now - (oldest ?? now))} to be delivered (since ${iso(oldest ?? now)})`
    : "Tocsin is running";
  const target = failing ? joinUrl(url, "fail") : url;
  let status: number | null = null;
  try {
    const res = await fetch(target, { method: "POST", body: message, headers: { "Content-Type": "text/plain; charset=utf-8" }, signal: AbortSignal.timeout(timeoutMs) });
    status = res.status;
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) log.warn("self-ping answered with an error", { status });
  } catch (e) {
    log.warn("self-ping failed", { error: e });
  }
  return { url: target, failing, message, status };
}
