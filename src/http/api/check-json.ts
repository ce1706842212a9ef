// JSON shapes of the checks API: Healthchecks v3 field names and formats, plus Tocsin's fields.
// Timestamps are ISO 8601 with `+00:00` and second precision (SPEC §0); ping dates keep
// milliseconds when they have them.
import type { Database } from "bun:sqlite";
import { formatInZone } from "../../core/cron.ts";
import { effectiveMaxRuntime, expectedAt } from "../../core/deadline.ts";
import { displayStatus } from "../../core/status.ts";
import { type Uptime, UPTIME_HORIZON_MS, uptimeWindows } from "../../core/uptime.ts";
import type { CronCache } from "../../scheduler/cron-cache.ts";
import { channelsOfCheck } from "../../store/channels.ts";
import type { Check } from "../../store/checks.ts";
import { listFlips, type StoredFlip } from "../../store/flips.ts";
import type { StoredPing } from "../../store/pings.ts";

export interface JsonContext {
  readonly now: number;
  /** public base URL without a trailing slash */
  readonly baseUrl: string;
  readonly readOnly: boolean;
  /** the ping key of the check's project, for slug_url */
  readonly pingKey: string;
  readonly crons: CronCache;
}

/** What a check's JSON needs besides the row: its channels and its uptime. */
export interface CheckExtras {
  readonly channelIds: readonly string[];
  readonly uptime: Uptime;
}

export function iso(ms: number | null): string | null {
  return ms === null ? null : formatInZone(ms, "UTC");
}

/** ISO 8601 keeping milliseconds when there are any (ping dates). */
export function isoPrecise(ms: number): string {
  const base = formatInZone(ms, "UTC");
  const frac = ((ms % 1000) + 1000) % 1000;
  return frac === 0 ? base : base.replace(/\+00:00$/, `.${String(frac).padStart(3, "0")}+00:00`);
}

/** Healthchecks' read-only identifier: SHA-1 of the first 16 hex digits of the uuid. */
export function uniqueKey(uuid: string): string {
  return Bun.SHA1.hash(uuid.replaceAll("-", "").toLowerCase().slice(0, 16), "hex");
}

export function loadExtras(db: Database, check: Check, now: number): CheckExtras {
  const flips: StoredFlip[] = listFlips(db, check.id, { start: now - UPTIME_HORIZON_MS });
  return {
    channelIds: channelsOfCheck(db, check.id).map((c) => c.id).sort(),
    uptime: uptimeWindows({ since: check.created, status: check.status, flips }, now),
  };
}

export function checkJson(c: Check, extras: CheckExtras, ctx: JsonContext): Record<string, unknown> {
  const cron = ctx.crons.forCheck(c);
  const base = ctx.baseUrl;
  const out: Record<string, unknown> = {
    name: c.name,
    slug: c.slug,
    tags: c.tags,
    desc: c.desc,
    grace: c.grace,
    n_pings: c.nPings,
    status: displayStatus(c, ctx.now, cron),
    started: c.lastStart !== null,
    last_ping: iso(c.lastPing),
    next_ping: c.status === "up" ? iso(expectedAt(c, cron)) : null,
    manual_resume: c.manualResume,
    methods: c.methods,
    subject: c.filterSubject ? c.successKw : "",
    subject_fail: c.filterSubject ? c.failureKw : "",
    start_kw: c.startKw,
    success_kw: c.successKw,
    failure_kw: c.failureKw,
    filter_subject: c.filterSubject,
    filter_body: c.filterBody,
    filter_http_body: c.filterHttpBody,
    filter_default_fail: c.filterDefaultFail,
  };
  if (c.lastDuration !== null) out.last_duration = Math.round(c.lastDuration);
  if (ctx.readOnly) {
    out.unique_key = uniqueKey(c.uuid);
  } else {
    out.uuid = c.uuid;
    out.ping_url = `${base}/ping/${c.uuid}`;
    out.update_url = `${base}/api/v3/checks/${c.uuid}`;
    out.pause_url = `${base}/api/v3/checks/${c.uuid}/pause`;
    out.resume_url = `${base}/api/v3/checks/${c.uuid}/resume`;
    out.channels = extras.channelIds.join(",");
    out.push_url = c.pushToken === null ? null : `${base}/api/push/${c.pushToken}`;
    out.slug_url = c.slug === "" ? null : `${base}/ping/${ctx.pingKey}/${c.slug}`;
  }
  if (c.badgeKey !== null) out.badge_url = `${base}/b/3/${c.badgeKey}.svg`;
  if (c.kind === "simple") out.timeout = c.timeout;
  else {
    out.schedule = c.schedule;
    out.tz = c.tz;
  }
  out.max_runtime = effectiveMaxRuntime(c);
  out.failure_threshold = c.failureThreshold;
  out.public = c.public;
  out.group = c.group;
  out.reminder_interval = c.reminderInterval ?? 0;
  out.muted_until = iso(c.mutedUntil);
  out.managed = c.managed;
  out.uptime = extras.uptime;
  return out;
}

export function pingJson(p: StoredPing, uuid: string, baseUrl: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: p.kind,
    date: isoPrecise(p.created),
    n: p.n,
    scheme: p.scheme,
    remote_addr: p.remoteAddr,
    method: p.method,
    ua: p.ua,
    rid: p.rid,
  };
  if (p.duration !== null) out.duration = p.duration;
  if (p.bodySize > 0) out.body_url = `${baseUrl}/api/v3/checks/${uuid}/pings/${p.n}/body`;
  if (p.exitStatus !== null) out.exitstatus = p.exitStatus;
  if (p.msg !== null) out.msg = p.msg;
  if (p.host !== null) out.host = p.host;
  if (p.series !== null) out.series = p.series;
  if (p.metrics !== null) out.metrics = p.metrics;
  return out;
}

export function flipJson(f: StoredFlip): Record<string, unknown> {
  return {
    timestamp: iso(f.created),
    up: f.newStatus === "up" ? 1 : 0,
    old_status: f.oldStatus,
    new_status: f.newStatus,
    reason: f.reason,
  };
}
