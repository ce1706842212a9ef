// What a badge shows (SPEC §9): a label and the statuses it sums up — never which checks. A
// project's badge key opens its tag badges (every check with the tag, or every check for "*"),
// a check's badge key opens that check's badge. Keys are capabilities, like ping URLs: they work
// for private checks too, and a badge tells nothing but its label and status.
import type { CronCache } from "../core/cron-cache.ts";
import { displayStatus, type DisplayStatus } from "../core/status.ts";
import type { Check, Tx } from "../store/store.ts";
import { projectHeader } from "./public-status.ts";

export interface BadgeSubject {
  readonly label: string;
  readonly statuses: readonly DisplayStatus[];
}

/** The tag everything answers to: "*" is every check of the project. */
export const ALL_CHECKS = "*";

function statusOf(c: Check, crons: CronCache, now: number): DisplayStatus {
  return displayStatus(c, now, crons.forCheck(c));
}

function tagsOf(c: Check): string[] {
  return c.tags.split(/\s+/).filter((t) => t !== "");
}

/** A project's badge for `tag`; null when no project has this badge key. */
export function tagBadge(tx: Tx, crons: CronCache, projectBadgeKey: string, tag: string, now: number): BadgeSubject | null {
  const project = tx.findProjectByBadgeKey(projectBadgeKey);
  if (!project) return null;
  const checks = tx.listChecksOfProject(project.id).filter((c) => tag === ALL_CHECKS || tagsOf(c).includes(tag));
  const label = tag === ALL_CHECKS ? projectHeader(project).title : tag;
  return { label, statuses: checks.map((c) => statusOf(c, crons, now)) };
}

/** A check's own badge; null when no check has this badge key. */
export function checkBadge(tx: Tx, crons: CronCache, checkBadgeKey: string, now: number): BadgeSubject | null {
  const check = tx.getCheckByBadgeKey(checkBadgeKey);
  if (!check) return null;
  return { label: check.name || check.slug, statuses: [statusOf(check, crons, now)] };
}

/** Every tag of a project's checks, sorted, with "*" first: the badges GET /api/v3/badges/ lists. */
export function badgeTags(tx: Tx, projectId: number): string[] {
  const tags = new Set<string>();
  for (const c of tx.listChecksOfProject(projectId)) for (const t of tagsOf(c)) tags.add(t);
  return [ALL_CHECKS, ...[...tags].sort()];
}
