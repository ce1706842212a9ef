// Token buckets for login attempts (SPEC §12): each key may spend `burst` attempts at once and
// earns one back every `refillMs`. Pure: the caller passes the clock. The table of keys is
// bounded; when full, the key idle longest is forgotten (a full bucket carries no information).
export interface BucketRule {
  readonly burst: number;
  readonly refillMs: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rule: BucketRule,
    private readonly maxKeys = 10_000,
  ) {}

  /** Spends one attempt of `key`; false when none is left. */
  take(key: string, now: number): boolean {
    const bucket = this.refilled(key, now);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Whether `key` has an attempt left, without spending it. */
  allows(key: string, now: number): boolean {
    return this.refilled(key, now).tokens >= 1;
  }

  /** Milliseconds until `key` has an attempt again (0 when it has one). */
  waitMs(key: string, now: number): number {
    const bucket = this.refilled(key, now);
    return bucket.tokens >= 1 ? 0 : Math.ceil((1 - bucket.tokens) * this.rule.refillMs);
  }

  private refilled(key: string, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (bucket) {
      const earned = Math.max(0, now - bucket.at) / this.rule.refillMs;
      bucket.tokens = Math.min(this.rule.burst, bucket.tokens + earned);
      bucket.at = now;
      // re-insert: Map order is then "least recently used first"
      this.buckets.delete(key);
    } else {
      bucket = { tokens: this.rule.burst, at: now };
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    }
    this.buckets.set(key, bucket);
    return bucket;
  }
}
