// Read model of the dashboard's checks page (SPEC §12): a project's checks as rows a person scans
// — status word, name, tags, schedule in words, last ping, next expected — with tag, status and
// text filters, the project switcher and every tag. Three statements whatever the number of
// checks: projects, the project's checks, its maintenance windows.
import type { CronCache } from "../core/cron-cache.ts";
import { expectedAt } from "../core/deadline.ts";
import { STATUS_LABELS, type StatusWord, statusWord } from "../core/format.ts";
import { activeAt, type MaintenanceWindow, selectsCheck } from "../core/maintenance.ts";
import { isMuted } from "../core/mute.ts";
import { periodWords, scheduleWords } from "../core/schedule-words.ts";
import { displayStatus } from "../core/status.ts";
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
  /** "every day at 03:00 Europe/Berlin", "every 5 minutes" */
  readonly schedule: string;
  readonly lastPing: number | null;
  readonly nextExpected: number | null;
  readonly muted: boolean;
  readonly managed: boolean;
}

export interface ChecksPageModel {
  readonly projects: readonly ProjectRef[];
  readonly project: ProjectRef;
  readonly rows: readonly CheckRowModel[];
  /** checks in the project, before filters */
  readonly total: number;
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

/** The checks page of the project with `slug`, or null when there is no such project. */
export function checksPage(tx: Tx, crons: CronCache, slug: string, filter: ChecksFilter, now: number): ChecksPageModel | null {
  const projects = projectRefs(tx);
  const project = projects.find((p) => p.slug === slug);
  if (!project) return null;
  const all = checkRows(tx, crons, project.id, now);
  const tags = [...new Set(all.flatMap((r) => r.tags))].sort();
  return { projects, project, rows: all.filter((r) => matches(r, filter)), total: all.length, tags, filter, now };
}

/** Every check of a project as a row, oldest first (two statements). */
export function checkRows(tx: Tx, crons: CronCache, projectId: number, now: number): CheckRowModel[] {
  const checks = tx.listChecksOfProject(projectId);
  const active = tx.listWindows(projectId).filter((w) => activeAt(w, now));
  return checks.map((c) => rowOf(c, crons, active, now));
}

export function rowOf(c: Check, crons: CronCache, activeWindows: readonly MaintenanceWindow[], now: number): CheckRowModel {
  const cron = crons.forCheck(c);
  const status = displayStatus(c, now, cron);
  const word = statusWord({
    status,
    ran: c.lastPing !== null,
    failing: c.failStreak > 0 && status !== "down",
    inMaintenance: activeWindows.some((w) => selectsCheck(w, c)),
  });
  return {
    uuid: c.uuid,
    projectId: c.projectId,
    name: c.name || c.slug || "Unnamed check",
    slug: c.slug,
    tags: c.tags.split(" ").filter((t) => t !== ""),
    word,
    label: STATUS_LABELS[word],
    schedule: c.kind === "cron" ? scheduleWords(c.schedule, c.tz) : periodWords(c.timeout),
    lastPing: c.lastPing,
    nextExpected: status === "paused" || status === "down" ? null : expectedAt(c, cron),
    muted: isMuted(c, now),
    managed: c.managed,
  };
}

export function matches(row: CheckRowModel, f: ChecksFilter): boolean {
  if (f.tag !== null && !row.tags.includes(f.tag)) return false;
  if (f.status !== null && !(STATUS_FILTERS[f.status] as readonly StatusWord[]).includes(row.word)) return false;
  if (f.q === "") return true;
  const q = f.q.toLowerCase();
  return [row.name, row.slug, ...row.tags].some((s) => s.toLowerCase().includes(q));
}
