// The words of the banner's overall state (SPEC §9); the state itself is decided by the read model.
import type { StatusWord } from "../core/format.ts";
import { type CheckFacts, type Overall, wordOf } from "../views/status-page-model.ts";

export { type CheckFacts, overallStatus, wordOf } from "../views/status-page-model.ts";

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
  const told: readonly [StatusWord, string][] = [["down", "down"], ["grace", "late"], ["failing", "failing"], ["overloaded", "overloaded"], ["maintenance", "in maintenance"]];
  for (const [word, text] of told) {
    const n = counts.get(word) ?? 0;
    if (n > 0) parts.push(`${n} ${text}`);
  }
  return parts.length === 0 ? "" : `${parts.join(" · ")} of ${checks.length} ${checks.length === 1 ? "check" : "checks"}`;
}
