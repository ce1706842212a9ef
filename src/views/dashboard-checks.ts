// Read model of the dashboard's checks page (SPEC §12): a project's checks as rows a person scans
// — status word, name, tags, schedule in words, last ping, next expected — with tag, status and
// text filters, pages of PAGE_SIZE rows, the project switcher and every tag. Three statements
// whatever the number of checks: projects, the project's checks, its maintenance windows.
import type { CronCache } from "../core/cron-cache.ts";
import { expectedAt } from "../core/deadline.ts";
import { formatScheduleShort, STATUS_LABELS, type StatusWord, statusWord } from "../core/format.ts";
import { activeAt, type MaintenanceWindow, selectsCheck } from "../core/maintenance.ts";
import { isMuted } from "../core/mute.ts";
import { type DisplayStatus, displayStatus } from "../core/status.ts";
import type { Check, Project, Tx } from "../store/store.ts";

/** The status filter's choices, each a set of status words. */
export const STATUS_FILTERS = {
  down: ["down"],
  late: ["grace"],
  failing: ["failing"],
  running: ["started"],
  up: ["up"],
  new: ["new", "waiting"],
  paused: ["paused"],
  maintenance: ["maintenance"],
} as const satisfies Record<string, readonly StatusWord[]>;
export type StatusFilter = keyof typeof STATUS_FILTERS;

export function isStatusFilter(s: string | null): s is StatusFilter {
  return s !== null && Object.hasOwn(STATUS_FILTERS, s);
}

export interface ChecksFilter {
  readonly tag: string | null;
  readonly status: StatusFilter | null;
  /** case-insensitive text found in the name, slug or tags; "" for none */
  readonly q: string;
}

export const NO_FILTER: ChecksFilter = { tag: null, status: null, q: "" };

export interface ProjectRef {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
}

export interface CheckRowModel {
  readonly uuid: string;
  readonly projectId: number;
  /** the name, else the slug, else "Unnamed check" */
  readonly name: string;
  readonly slug: string;
  readonly tags: readonly string[];
  readonly word: StatusWord;
  readonly label: string;
  /** "at 03:00 every day (Europe/Berlin)", "every 5 min" */
  readonly schedule: string;
  readonly lastPing: number | null;
  readonly nextExpected: number | null;
  readonly muted: boolean;
  readonly managed: boolean;
}

/** Rows on one page: the page stays fast (and its HTML small) however many checks a project has. */
export const PAGE_SIZE = 1_000;

export interface ChecksPageModel {
  readonly projects: readonly ProjectRef[];
  readonly project: ProjectRef;
  /** the rows of this page, at most PAGE_SIZE */
  readonly rows: readonly CheckRowModel[];
  /** checks in the project, before filters */
  readonly total: number;
  /** checks that match the filter, on every page */
  readonly matching: number;
  /** 1-based; pages = ceil(matching / PAGE_SIZE), at least 1 */
  readonly page: number;
  readonly pages: number;
  /** every tag of the project's checks, sorted */
  readonly tags: readonly string[];
  readonly filter: ChecksFilter;
  readonly now: number;
}

export function projectRefs(tx: Tx): ProjectRef[] {
  return tx.listProjects().map(refOf);
}

function refOf(p: Pick<Project, "id" | "slug" | "name">): ProjectRef {
  return { id: p.id, slug: p.slug, name: p.name };
}

/** Page `page` (1-based) of the checks page of the project with `slug`, or null when there is no such project. */
export function checksPage(tx: Tx, crons: CronCache, slug: string, filter: ChecksFilter, now: number, page = 1): ChecksPageModel | null {
  const projects = projectRefs(tx);
  const project = projects.find((p) => p.slug === slug);
  if (!project) return null;
  const all = checkFacts(tx, crons, project.id, now);
  const tags = [...new Set(all.flatMap((f) => f.tags))].sort();
  const matching = all.filter((f) => matches(f, filter));
  const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  const shown = Math.min(Math.max(1, Math.floor(page)), pages);
  // schedules in words and next fire times cost the most: only for the rows on the page
  const rows = matching.slice((shown - 1) * PAGE_SIZE, shown * PAGE_SIZE).map((f) => rowOfFacts(f, crons, now));
  return { projects, project, rows, total: all.length, matching: matching.length, page: shown, pages, tags, filter, now };
}

/** The rows of a project's checks whose uuid is in `uuids` (a live update), oldest first. */
export function checkRows(tx: Tx, crons: CronCache, projectId: number, now: number, uuids: ReadonlySet<string>): CheckRowModel[] {
  return checkFacts(tx, crons, projectId, now, uuids).map((f) => rowOfFacts(f, crons, now));
}

/** What filters look at: cheap to compute for every check of a project. */
interface RowFacts extends Pick<CheckRowModel, "name" | "slug" | "tags" | "word"> {
  readonly check: Check;
  readonly status: DisplayStatus;
}

function checkFacts(tx: Tx, crons: CronCache, projectId: number, now: number, only?: ReadonlySet<string>): RowFacts[] {
  const checks = tx.listChecksOfProject(projectId);
  const active = tx.listWindows(projectId).filter((w) => activeAt(w, now));
  return (only ? checks.filter((c) => only.has(c.uuid)) : checks).map((c) => factsOf(c, crons, active, now));
}

function factsOf(c: Check, crons: CronCache, activeWindows: readonly MaintenanceWindow[], now: number): RowFacts {
  const status = displayStatus(c, now, crons.forCheck(c));
  const word = statusWord({
    status,
    ran: c.lastPing !== null,
    failing: c.failStreak > 0 && status !== "down",
    inMaintenance: activeWindows.some((w) => selectsCheck(w, c)),
  });
  return { check: c, status, word, name: c.name || c.slug || "Unnamed check", slug: c.slug, tags: c.tags.split(" ").filter((t) => t !== "") };
}

function rowOfFacts(f: RowFacts, crons: CronCache, now: number): CheckRowModel {
  const c = f.check;
  return {
    uuid: c.uuid,
    projectId: c.projectId,
    name: f.name,
    slug: f.slug,
    tags: f.tags,
    word: f.word,
    label: STATUS_LABELS[f.word],
    schedule: formatScheduleShort(c),
    lastPing: c.lastPing,
    nextExpected: f.status === "paused" || f.status === "down" ? null : expectedAt(c, crons.forCheck(c)),
    muted: isMuted(c, now),
    managed: c.managed,
  };
}

/** One check's row (its page shows the same facts). */
export function rowOf(c: Check, crons: CronCache, activeWindows: readonly MaintenanceWindow[], now: number): CheckRowModel {
  return rowOfFacts(factsOf(c, crons, activeWindows, now), crons, now);
}

export function matches(row: Pick<CheckRowModel, "name" | "slug" | "tags" | "word">, f: ChecksFilter): boolean {
  if (f.tag !== null && !row.tags.includes(f.tag)) return false;
  if (f.status !== null && !(STATUS_FILTERS[f.status] as readonly StatusWord[]).includes(row.word)) return false;
  if (f.q === "") return true;
  const q = f.q.toLowerCase();
  return [row.name, row.slug, ...row.tags].some((s) => s.toLowerCase().includes(q));
}
