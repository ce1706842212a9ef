// A CheckState for the pure core's tests, by named overrides.
import type { CheckState } from "../../src/core/types.ts";

/** A simple check: timeout 1 h, grace 5 min, new, never pinged. downAt is left as given. */
export function aCheck(overrides: Partial<CheckState> = {}): CheckState {
  return {
    kind: "simple",
    timeout: 3600,
    schedule: "",
    tz: "UTC",
    grace: 300,
    maxRuntime: null,
    failureThreshold: 1,
    manualResume: false,
    status: "new",
    lastPing: null,
    lastStart: null,
    lastStartRid: null,
    lastStartSeries: null,
    lastDuration: null,
    failStreak: 0,
    downAt: null,
    mutedUntil: null,
    rules: [],
    ...overrides,
  };
}
