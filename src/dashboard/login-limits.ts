// Login rate limits (SPEC §12): per client address and for the whole install, so that neither one
// address nor many can try passwords quickly. Every attempt spends from both (web/attempt-limits.ts,
// which the status pages' passwords use too); the verifier's queue (sessions/password.ts) bounds
// the CPU and memory the attempts that pass may cost.
import { AttemptLimits } from "../web/attempt-limits.ts";

/** 5 attempts at once from one address, then one every 30 s. */
export const PER_ADDRESS = { burst: 5, refillMs: 30_000 } as const;
/** 20 at once from everywhere together, then one every 3 s. */
export const OVERALL = { burst: 20, refillMs: 3_000 } as const;

export class LoginLimits {
  private readonly limits = new AttemptLimits({ address: PER_ADDRESS, install: OVERALL });

  /** Spends one attempt; returns 0 when allowed, else the milliseconds to wait. */
  take(addr: string, now: number): number {
    return this.limits.take({ address: addr, install: "*" }, now);
  }
}
