// The banner's one state for a whole project (SPEC §9) and the words of each check.
import { type StatusWord, statusWord } from "../core/format.ts";
import type { Overall, PublicCheck } from "./model.ts";

export type CheckFacts = Pick<PublicCheck, "status" | "failing" | "inMaintenance" | "lastRun">;

/** The status word of a public check (see STATUS_LABELS). */
export function wordOf(c: CheckFacts): StatusWord {
  return statusWord({ status: c.status, ran: c.lastRun !== null, failing: c.failing, inMaintenance: c.inMaintenance });
}

/**
 * The overall state, first match wins:
 * 1. outage — a check outside maintenance is down;
 * 2. degraded — a check outside maintenance is late or failing ("sick");
 * 3. maintenance — a window is active (or selects a shown check);
 * 4. operational — everything else: up, running, paused, new, or no public check at all.
 * Checks inside an active window are left out of 1 and 2 (their alerts are held and their
 * downtime does not count), but a window never hides trouble elsewhere: planned work on one
 * job must not paint an unrelated outage as maintenance.
 */
export function overallStatus(checks: readonly CheckFacts[], maintenanceActive: boolean): Overall {
  const words = new Set(checks.map(wordOf));
  if (words.has("down")) return "outage";
  if (words.has("grace") || words.has("failing")) return "degraded";
  if (maintenanceActive || words.has("maintenance")) return "maintenance";
  return "operational";
}

export const OVERALL_HEADLINES: Readonly<Record<Overall, string>> = {
  operational: "All systems operational",
  degraded: "Some jobs are late or failing",
  outage: "Some jobs are down",
  maintenance: "Maintenance in progress",
};

/** Short words for a browser tab or a feed title. */
export const OVERALL_WORDS: Readonly<Record<Overall, string>> = {
  operational: "Operational",
  degraded: "Degraded",
  outage: "Outage",
  maintenance: "Maintenance",
};

/** "2 down · 1 late", counting what the banner is about; "" when all is well. */
export function overallDetail(checks: readonly CheckFacts[]): string {
  const counts = new Map<StatusWord, number>();
  for (const c of checks) counts.set(wordOf(c), (counts.get(wordOf(c)) ?? 0) + 1);
  const parts: string[] = [];
  const told: readonly [StatusWord, string][] = [["down", "down"], ["grace", "late"], ["failing", "failing"], ["maintenance", "in maintenance"]];
  for (const [word, text] of told) {
    const n = counts.get(word) ?? 0;
    if (n > 0) parts.push(`${n} ${text}`);
  }
  return parts.length === 0 ? "" : `${parts.join(" · ")} of ${checks.length} ${checks.length === 1 ? "check" : "checks"}`;
}
