// The status shown to people (API, status page, badges): the stored status refined by the clock.
// `grace` = late (past D, before down_at); `started` = a run is open. A check whose down_at has
// passed shows `down` even before the scheduler has written the flip (SPEC §0: down when
// now ≥ down_at), so pages never show "up" for a check that is already overdue.
import type { CronSchedule } from "./cron.ts";
import { expectedAt, firstPingExpectedAt } from "./deadline.ts";
import type { CheckState } from "./types.ts";

export type DisplayStatus = "new" | "up" | "grace" | "down" | "paused" | "started";

export function displayStatus(
  check: CheckState,
  now: number,
  cron: CronSchedule | null,
): DisplayStatus {
  // The stored downAt is what the scheduler acts on (it may carry the startup grace), so it
  // decides "down"; D is only needed to tell "grace" from "up".
  const overdue = check.downAt !== null && now >= check.downAt;
  switch (check.status) {
    case "down":
      return "down";
    case "paused":
      return overdue && check.lastStart !== null ? "down" : "paused";
    case "new": {
      if (overdue && (check.lastStart !== null || check.alertNew === true)) return "down";
      if (check.lastStart !== null) return "started";
      // alert_new: late once its first ping is overdue, like any check past D
      const first = firstPingExpectedAt(check, cron);
      return first !== null && now >= first ? "grace" : "new";
    }
    case "up": {
      if (overdue) return "down";
      if (check.lastStart !== null) return "started";
      const d = expectedAt(check, cron);
      return d !== null && now >= d ? "grace" : "up";
    }
    default: {
      const unreachable: never = check.status;
      throw new Error(`unknown check status ${String(unreachable)}`);
    }
  }
}
