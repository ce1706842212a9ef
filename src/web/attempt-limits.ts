// Password attempts limited over several keys at once (SPEC §9, §12): an attempt spends one token
// from the bucket of each key it names — its client address, the page it is for, the install as
// a whole — and is refused, spending nothing, when any of them is empty. Behind a proxy every
// visitor has the proxy's address, so the page's own bucket is what keeps many addresses from
// trying one page's password quickly. Pure: the caller passes the clock.
import { type BucketRule, RateLimiter } from "./rate-limit.ts";

export class AttemptLimits<K extends string> {
  private readonly limiters: ReadonlyMap<K, RateLimiter>;

  constructor(rules: Readonly<Record<K, BucketRule>>, maxKeys = 10_000) {
    this.limiters = new Map((Object.entries(rules) as [K, BucketRule][]).map(([name, rule]) => [name, new RateLimiter(rule, maxKeys)]));
  }

  /** Spends one attempt of every key; 0 when allowed, else the milliseconds until it would be. */
  take(keys: Readonly<Record<K, string>>, now: number): number {
    let wait = 0;
    for (const [name, limiter] of this.limiters) wait = Math.max(wait, limiter.waitMs(keys[name] || "unknown", now));
    if (wait > 0) return wait;
    for (const [name, limiter] of this.limiters) limiter.take(keys[name] || "unknown", now);
    return 0;
  }
}
