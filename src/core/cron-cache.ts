// Compiled cron schedules shared by every check with the same expression and zone: parsing per
// ping or per deadline would dominate the hot path, and most installations reuse a few lines.
import { type CronSchedule, parseCron } from "./cron.ts";
import type { CheckState } from "./types.ts";

export class CronCache {
  private readonly compiled = new Map<string, CronSchedule | null>();

  /** The check's compiled schedule; null for simple checks and for expressions that do not parse. */
  forCheck(check: Pick<CheckState, "kind" | "schedule" | "tz">): CronSchedule | null {
    if (check.kind !== "cron") return null;
    const key = `${check.tz}\n${check.schedule}`;
    let cron = this.compiled.get(key);
    if (cron === undefined) {
      const parsed = parseCron(check.schedule, check.tz);
      cron = parsed.ok ? parsed.cron : null;
      this.compiled.set(key, cron);
    }
    return cron;
  }
}
