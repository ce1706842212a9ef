// Read model of the dashboard's check page (SPEC §12): the check with its row facts, uptime, daily
// bars, next fire times, ping log (with body excerpts), recent run durations and flips — in a
// fixed number of statements: the check, projects, uptime buckets, channels, flips, windows, pings.
import { extrasOf, MaintenanceExclusions, openSegment, uptimeReadFrom } from "../checks/check-extras.ts";
import type { CronCache } from "../core/cron-cache.ts";
import { nextFires } from "../core/cron.ts";
import { type DayBar, dailyBars } from "../core/daily-bars.ts";
import { activeAt, nextOccurrence, selectsCheck } from "../core/maintenance.ts";
import type { Interval } from "../core/interval.ts";
import type { PingKind } from "../core/ping.ts";
import type { CheckStatus, FlipReason } from "../core/types.ts";
import { UPTIME_HORIZON_MS, type Uptime } from "../core/uptime.ts";
import type { Check, Project, Tx } from "../store/store.ts";
import { type CheckRowModel, type ProjectRef, rowOf } from "./dashboard-checks.ts";

/** What the ping log shows of each body inline; the whole body is a download away. */
export const EXCERPT_BYTES = 2_000;
export const PING_LOG_LIMIT = 100;
export const FLIP_LIMIT = 50;
export const BAR_DAYS = 30;
export const NEXT_FIRES = 5;

export interface PingEntry {
  readonly n: number;
  readonly at: number;
  readonly kind: PingKind;
  readonly scheme: string;
  readonly remoteAddr: string;
  readonly method: string;
  readonly ua: string;
  /** seconds the run took, when this ping closed a timed run or reported one */
  readonly duration: number | null;
  readonly exitStatus: number | null;
  readonly msg: string | null;
  readonly rid: string | null;
  readonly bodySize: number;
  /** the start of the body as text; null without a body or when it is not UTF-8 */
  readonly excerpt: string | null;
}

export interface FlipEntry {
  readonly at: number;
  readonly from: CheckStatus;
  readonly to: CheckStatus;
  readonly reason: FlipReason;
}

/** A day's bar: its local date and start, percent of the monitored time up (null when nothing was monitored), time down. */
export type DayUptime = Pick<DayBar, "date" | "start" | "uptime" | "downtimeMs">;

/** A maintenance window that selects the check: in force now, or when it next opens. */
export interface CheckWindow {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
  /** the occurrence in force, else the next one; null when it will not open again */
  readonly next: Interval | null;
}

export interface CheckPageModel {
  readonly projects: readonly ProjectRef[];
  readonly project: ProjectRef & { readonly pingKey: string };
  readonly check: Check;
  readonly row: CheckRowModel;
  readonly channels: readonly { readonly name: string; readonly kind: string }[];
  /** the project's maintenance windows that select this check */
  readonly windows: readonly CheckWindow[];
  readonly uptime: Uptime;
  /** the zone of the bars and fire times: the check's for cron checks, else UTC */
  readonly zone: string;
  readonly days: readonly DayUptime[];
  readonly nextFires: readonly number[];
  /** newest first */
  readonly pings: readonly PingEntry[];
  /** newest first */
  readonly flips: readonly FlipEntry[];
  readonly now: number;
}

export function checkPage(tx: Tx, crons: CronCache, uuid: string, now: number): CheckPageModel | null {
  const check = tx.getCheckByUuid(uuid);
  if (!check) return null;
  const projects = tx.listProjects();
  const project = projects.find((p) => p.id === check.projectId)!;
  const history = tx.uptimeHistory({ checkIds: [check.id] }, uptimeReadFrom(now)).get(check.id) ?? null;
  const flips = tx.listFlips(check.id, { start: now - UPTIME_HORIZON_MS });
  const windows = tx.listWindows(check.projectId);
  const exclusions = new MaintenanceExclusions(windows, now);
  const channels = tx.channelsOfCheck(check.id);
  const cron = crons.forCheck(check);
  const zone = check.kind === "cron" ? check.tz : "UTC";
  return {
    projects: projects.map((p) => ({ id: p.id, slug: p.slug, name: p.name })),
    project: { id: project.id, slug: project.slug, name: project.name, pingKey: project.pingKey },
    check,
    row: rowOf(check, crons, windows.filter((w) => activeAt(w, now)), now),
    channels: channels.map((c) => ({ name: c.name, kind: c.kind })),
    windows: windows.filter((w) => selectsCheck(w, check)).map((w) => ({ id: w.id, name: w.name, active: activeAt(w, now), next: nextOccurrence(w, now) })),
    uptime: extrasOf(check, [], history, exclusions, now).uptime,
    zone,
    days: dailyBars(history?.buckets ?? [], openSegment(check, history, exclusions, now), zone, BAR_DAYS, now),
    nextFires: cron === null ? [] : nextFires(cron, now, NEXT_FIRES),
    pings: tx.listPingsWithExcerpts(check.id, PING_LOG_LIMIT, EXCERPT_BYTES).map(pingEntry),
    flips: flips.slice(-FLIP_LIMIT).reverse().map((f) => ({ at: f.created, from: f.oldStatus, to: f.newStatus, reason: f.reason })),
    now,
  };
}

function pingEntry(p: ReturnType<Tx["listPingsWithExcerpts"]>[number]): PingEntry {
  return {
    n: p.n,
    at: p.created,
    kind: p.kind,
    scheme: p.scheme,
    remoteAddr: p.remoteAddr,
    method: p.method,
    ua: p.ua,
    duration: p.duration,
    exitStatus: p.exitStatus,
    msg: p.msg,
    rid: p.rid,
    bodySize: p.bodySize,
    excerpt: p.excerpt === null || p.excerpt.length === 0 ? null : utf8Text(p.excerpt, p.excerpt.length < p.bodySize),
  };
}

/** UTF-8 text, or null for binary; a cut excerpt may end inside a character, which is dropped. */
export function utf8Text(bytes: Uint8Array, cut: boolean): string | null {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (let drop = 0; drop <= (cut ? 3 : 0) && drop < bytes.length; drop++) {
    try {
      const text = decoder.decode(bytes.subarray(0, bytes.length - drop));
      return text.includes("\u0000") ? null : text;
    } catch {
      // try again without the last byte of a character the cut split
    }
  }
  return null;
}

/** The project a check belongs to (for operations, which act in a project's name), or null. */
export function projectOfCheck(tx: Tx, uuid: string): Project | null {
  const check = tx.getCheckByUuid(uuid);
  return check ? tx.getProjectById(check.projectId) : null;
}

/** A ping's whole body: undefined without such a check or ping, null for a ping without a body. */
export function pingBody(tx: Tx, uuid: string, n: number): Uint8Array | null | undefined {
  const check = tx.getCheckByUuid(uuid);
  return check ? tx.getPingBody(check.id, n) : undefined;
}
