// Sending a ping with retries inside a time budget. Jobs must never wait long on the monitor:
// each attempt is bounded, the whole send is bounded, and permanent answers are not retried.
import { describeFailure, exchange, isSuccess } from "./http.ts";
import type { PingTarget } from "./ping-target.ts";

export interface SendPolicy {
  /** upper bound of one attempt */
  readonly attemptMs: number;
  /** upper bound of all attempts and the pauses between them */
  readonly budgetMs: number;
  /** pause after the first failure; doubles after each further one */
  readonly backoffMs: number;
}

export type SendResult = { readonly ok: true; readonly status: number; readonly body: string } | { readonly ok: false; readonly error: string };

export interface SendOptions {
  readonly target: PingTarget;
  readonly url: string;
  readonly body?: Uint8Array | string;
  readonly policy: SendPolicy;
  /** stops retrying and aborts an attempt in flight */
  readonly stop?: AbortSignal;
  /** told the outcome of the first attempt (the run wrapper starts the job after it) */
  readonly onFirstAttempt?: () => void;
}

export async function sendPing(o: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const headers: Record<string, string> = { "Content-Type": "text/plain; charset=utf-8", "User-Agent": "tocsin-cli" };
  if (o.target.pingKey !== undefined) headers["X-Ping-Key"] = o.target.pingKey;
  let backoff = o.policy.backoffMs;
  let first = true;
  for (;;) {
    const left = o.policy.budgetMs - (performance.now() - started);
    const answer = await exchange({ method: "POST", url: o.url, headers, body: o.body ?? "", timeoutMs: Math.max(1, Math.min(o.policy.attemptMs, left)), stop: o.stop });
    if (first) o.onFirstAttempt?.();
    first = false;
    if (answer.kind === "answer" && isSuccess(answer)) return { ok: true, status: answer.status, body: answer.body };
    const error = describeFailure(answer, o.url);
    if (answer.kind === "answer" && !isTransient(answer.status)) return { ok: false, error };
    const remaining = o.policy.budgetMs - (performance.now() - started);
    if (o.stop?.aborted || backoff >= remaining) return { ok: false, error };
    if (!(await pause(backoff, o.stop))) return { ok: false, error };
    backoff *= 2;
  }
}

/** 408, 429 and 5xx may pass on a retry (Tocsin answers 503 "try again" when a batch failed). */
function isTransient(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Resolves true after `ms`, or false as soon as `stop` aborts. */
function pause(ms: number, stop: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (stop?.aborted) return resolve(false);
    const onStop = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      stop?.removeEventListener("abort", onStop);
      resolve(true);
    }, ms);
    stop?.addEventListener("abort", onStop, { once: true });
  });
}
