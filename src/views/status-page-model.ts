// The read models public pages are rendered from (SPEC §9). The renderers are pure functions of
// these, so whatever a model holds may end up in front of anyone: a model carries only what a
// visitor may see — names, statuses, instants and figures of PUBLIC checks — and never uuids,
// keys, ping bodies, hosts, IP addresses, descriptions or settings. Instants are UNIX epoch ms;
// the renderer formats them in the page's `zone`. Lists arrive in display order and bounded.
import { type StatusWord, statusWord } from "../core/format.ts";
import type { DisplayStatus } from "../core/status.ts";

export type Theme = "auto" | "light" | "dark";

/** Sections of the project page that embed mode (`?embed=`) can show; see parseEmbed(). */
export type EmbedSection = "title" | "banner" | "checks" | "incidents";
export const EMBED_SECTIONS: readonly EmbedSection[] = ["title", "banner", "checks", "incidents"];

/** The banner's state; overallStatus() computes it, with its precedence. */
export type Overall = "operational" | "degraded" | "outage" | "maintenance";

/** How a public page looks and where it lives. */
export interface PageLook {
  /**
   * URL path Tocsin is served under: "" at the root, "/tocsin" behind a prefix (no trailing
   * slash; basePathOf() derives it from a base URL). Every link and asset starts with it.
   */
  readonly basePath: string;
  /** from `?theme=` (parseTheme): auto follows the visitor's prefers-color-scheme */
  readonly theme: Theme;
}

/** What every page with times on it adds. */
export interface PageFrame extends PageLook {
  /** IANA zone instants are shown in: the project's status page `tz` (default UTC) */
  readonly zone: string;
  /** when the model was read: "last updated", and the `now` of relative times ("5 min ago") */
  readonly generatedAt: number;
}

export interface ProjectHeader {
  /** the project's slug: its pages are /status/<slug>/... */
  readonly slug: string;
  /** the status page title (the project's name when none is set) */
  readonly title: string;
  /** "" for none */
  readonly description: string;
  /** an http(s) URL or a path; anything else is not rendered. null for none */
  readonly logoUrl: string | null;
}

/** Uptime percentages 0-100 over rolling windows; null = nothing was monitored (no data). */
export interface UptimeFigures {
  readonly "1d": number | null;
  readonly "7d": number | null;
  readonly "30d": number | null;
  readonly "90d": number | null;
}

/** One day of the history bar, a calendar day in the page's zone. */
export interface DayBar {
  /** the instant the day starts (local midnight in the page's zone) */
  readonly start: number;
  /** percent of the day's monitored time up; null = nothing monitored (new, paused, maintenance) */
  readonly uptime: number | null;
  /** time down that day */
  readonly downtimeMs: number;
  /** down periods that began that day */
  readonly incidents: number;
}

export interface LastRun {
  /** when the last run reported (success or failure) */
  readonly at: number;
  /** how long it took; null when it was not timed (no start ping, no reported duration) */
  readonly durationMs: number | null;
}

/** A public check as its status page row shows it. */
export interface PublicCheck {
  readonly name: string;
  /** its own page is /status/<project>/<slug>; null when it has no slug (then no link) */
  readonly slug: string | null;
  readonly status: DisplayStatus;
  /** fail streak above zero, below the failure threshold: it failed but is not down ("sick") */
  readonly failing: boolean;
  /** a push reporter's replica reports load above the check's thresholds (SPEC §5.2); absent = no */
  readonly overloaded?: boolean;
  /** an active maintenance window selects it */
  readonly inMaintenance: boolean;
  /** null only when it never ran; a resumed check keeps the run it had */
  readonly lastRun: LastRun | null;
  /** oldest first: normally the 90 days ending with today in the page's zone */
  readonly history: readonly DayBar[];
  readonly uptime: UptimeFigures;
  /**
   * Opaque, never rendered: equal keys mean an equal `history`, so a page may reuse the markup
   * of a row it rendered before (status-page/row-memo.ts). Absent: the row is always rendered.
   */
  readonly historyKey?: string;
}

export interface CheckGroup {
  /** the checks' `group`; "" for checks without one */
  readonly name: string;
  readonly checks: readonly PublicCheck[];
}

/** A down period of a public check. Its length is computed: end (or generatedAt) minus start. */
export interface Incident {
  readonly checkName: string;
  readonly checkSlug: string | null;
  readonly start: number;
  /** null while it is ongoing */
  readonly end: number | null;
}

/** An occurrence of a maintenance window that selects at least one public check. */
export interface MaintenanceItem {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /** names of the public checks it selects (never private ones) */
  readonly checks: readonly string[];
}

export interface MaintenanceNowAndNext {
  /** occurrences open at generatedAt */
  readonly active: readonly MaintenanceItem[];
  /** the next occurrences, soonest first (e.g. within 30 days, a handful) */
  readonly upcoming: readonly MaintenanceItem[];
}

/** `/status/<project>`: the whole page, or in embed mode only some sections. */
export interface ProjectPageModel extends PageFrame {
  readonly project: ProjectHeader;
  /** null: the full page; a set: embed mode with only these sections (parseEmbed) */
  readonly embed: ReadonlySet<EmbedSection> | null;
  /** overallStatus(every public check, maintenance.active.length > 0) */
  readonly overall: Overall;
  readonly groups: readonly CheckGroup[];
  /** newest first, e.g. the last 30 days, at most 20 */
  readonly incidents: readonly Incident[];
  readonly maintenance: MaintenanceNowAndNext;
}

/** Ping kinds a visitor may see in a check's recent runs (kind and timing, never a body). */
export type RunKind = "success" | "fail" | "start" | "log" | "ign";

export interface RecentRun {
  readonly at: number;
  readonly kind: RunKind;
  /** the run's duration when this ping closed a timed run */
  readonly durationMs: number | null;
}

/** `/status/<project>/<check-slug>`: one public check's history. */
export interface CheckPageModel extends PageFrame {
  readonly project: ProjectHeader;
  /** its group name, "" for none */
  readonly group: string;
  readonly check: PublicCheck;
  /** this check's down periods, newest first */
  readonly incidents: readonly Incident[];
  /** windows that select this check */
  readonly maintenance: MaintenanceNowAndNext;
  /** newest first, e.g. the last 20 pings */
  readonly runs: readonly RecentRun[];
}

/** The form shown instead of a password-protected page. */
export interface PasswordPageModel extends PageLook {
  readonly project: Pick<ProjectHeader, "title" | "logoUrl">;
  /**
   * The path (under basePath) of the page that was asked for, e.g. "/status/default/backup":
   * the form posts back to it, so a successful login lands where the visitor wanted to go
   * and no redirect target is ever taken from the request.
   */
  readonly path: string;
  /** what went wrong with the last attempt ("Wrong password."), or null */
  readonly error: string | null;
}

/** A project's feeds (Atom and JSON): the project page's model plus an absolute base URL. */
export interface FeedModel extends Pick<ProjectPageModel, "project" | "overall" | "groups" | "incidents" | "maintenance" | "zone" | "generatedAt"> {
  /** absolute base URL, path included ("https://example.org/tocsin"): feed ids and links need it */
  readonly baseUrl: string;
}

export type CheckFacts = Pick<PublicCheck, "status" | "failing" | "overloaded" | "inMaintenance" | "lastRun">;

/** The status word of a public check (see STATUS_LABELS). */
export function wordOf(c: CheckFacts): StatusWord {
  return statusWord({ status: c.status, ran: c.lastRun !== null, failing: c.failing, overloaded: c.overloaded === true, inMaintenance: c.inMaintenance });
}

/**
 * The overall state, first match wins:
 * 1. outage — a check outside maintenance is down;
 * 2. degraded — a check outside maintenance is late, failing or overloaded ("sick");
 * 3. maintenance — a window is active (or selects a shown check);
 * 4. operational — everything else: up, running, paused, new, or no public check at all.
 * Checks inside an active window are left out of 1 and 2 (their alerts are held and their
 * downtime does not count), but a window never hides trouble elsewhere: planned work on one
 * job must not paint an unrelated outage as maintenance.
 */
export function overallStatus(checks: readonly CheckFacts[], maintenanceActive: boolean): Overall {
  const words = new Set(checks.map(wordOf));
  if (words.has("down")) return "outage";
  if (words.has("grace") || words.has("failing") || words.has("overloaded")) return "degraded";
  if (maintenanceActive || words.has("maintenance")) return "maintenance";
  return "operational";
}
