// Building one alert from what is stored at send time: the check, the flip the delivery is about,
// the last ping, the project's maintenance windows. A fixed number of statements per alert.
import { loadExtras } from "../checks/check-extras.ts";
import { receiverCheckJson } from "../checks/check-json.ts";
import type { CronCache } from "../core/cron-cache.ts";
import { type CronSchedule, nextFire } from "../core/cron.ts";
import { expectedAt, firstPingExpectedAt } from "../core/deadline.ts";
import { formatSchedule } from "../core/format.ts";
import { maintenanceEndsAt, occurrenceAt, selectsCheck } from "../core/maintenance.ts";
import type { CheckStatus, FlipReason } from "../core/types.ts";
import type { Check, Delivery, Tx } from "../store/store.ts";
import { checkLinks } from "../web/check-links.ts";
import type { Alert, AlertCheck, Held, LastPing, NeverRan } from "./alert.ts";

const BODY_EXCERPT = 1_000;

interface FlipFacts {
  /** the row's first change */
  readonly created: number;
  /** the row's last change: when the check entered the status the alert is about */
  readonly at: number;
  readonly reason: FlipReason;
  readonly oldStatus: CheckStatus;
}

/** The alert for one delivery, or null when its check is gone. */
export function buildAlert(tx: Tx, crons: CronCache, d: Delivery, now: number, baseUrl: string): Alert | null {
  const check = tx.getCheckById(d.checkId);
  if (!check) return null;
  const flip = d.flipId === null ? null : tx.getFlipFacts(d.flipId);
  let downtimeMs: number | null = null;
  if (d.message === "up" && d.flipId !== null && flip) {
    // a row may hold several changes: the check came back at its last one
    const wentDown = tx.downtimeStart(d.checkId, d.flipId);
    downtimeMs = wentDown === null ? null : Math.max(0, flip.at - wentDown);
  }
  const cron = crons.forCheck(check);
  const links = checkLinks(baseUrl, check, tx.getProjectById(check.projectId)?.slug ?? "");
  const down = d.message === "down";
  return {
    event: d.message,
    reminder: d.reminder,
    changes: d.changes,
    check: alertCheck(check),
    since: flip?.at ?? null,
    downtimeMs,
    reason: flip?.reason ?? "",
    // the failure that took it down is the ping at the row's last change
    rule: flip?.reason === "rule" ? tx.failMessageAt(check.id, flip.at) : null,
    from: flip?.oldStatus ?? null,
    lastPing: lastPing(tx, check.id),
    now,
    tz: check.tz,
    schedule: formatSchedule(check),
    expectedAt: down && flip ? missedAt(check, flip, cron) : null,
    nextExpected: nextExpected(check, d.message, cron, now),
    neverRan: down && flip ? neverRan(check, flip) : null,
    // a reminder repeats an alert already sent: what held that one is old news
    held: flip && !d.reminder ? heldBy(tx, check, flip.at, now) : null,
    links,
    link: links.dashboard,
    checkJson: receiverCheckJson(check, loadExtras(tx, check, now), { now, baseUrl, crons }),
    key: `tocsin-${d.id}`,
  };
}

/** A made-up alert for POST /channels/<id>/test: it says so in every field a person reads. */
export function testAlert(now: number, baseUrl: string, channelId: string): Alert {
  const check: AlertCheck = { uuid: "00000000-0000-4000-8000-000000000000", name: "Test notification from Tocsin", slug: "tocsin-test", tags: "test", desc: "", status: "down" };
  return {
    event: "test",
    reminder: false,
    changes: 1,
    check,
    since: now,
    downtimeMs: null,
    reason: "",
    from: null,
    lastPing: null,
    now,
    tz: "UTC",
    schedule: "",
    expectedAt: null,
    nextExpected: null,
    neverRan: null,
    held: null,
    links: { dashboard: `${baseUrl}/app`, statusPage: null },
    link: `${baseUrl}/app`,
    checkJson: { name: check.name, slug: check.slug, tags: check.tags, uuid: check.uuid, status: "down" },
    key: `tocsin-test-${channelId}-${now}`,
  };
}

function alertCheck(c: Check): AlertCheck {
  return { uuid: c.uuid, name: c.name, slug: c.slug, tags: c.tags, desc: c.desc, status: c.status };
}

function lastPing(tx: Tx, checkId: number): LastPing | null {
  const row = tx.lastPingOf(checkId);
  if (!row) return null;
  const body = row.body ? new TextDecoder().decode(row.body.subarray(0, BODY_EXCERPT * 4)).slice(0, BODY_EXCERPT) : "";
  return { at: row.created, kind: row.kind, exitStatus: row.exitStatus, msg: row.msg, body };
}

/**
 * Down by timeout: when the missing ping was due, from the state it went down from. Null when the
 * check has moved on since (a later ping), rather than a time that never was.
 */
function missedAt(check: Check, flip: FlipFacts, cron: CronSchedule | null): number | null {
  if (flip.reason !== "timeout") return null;
  const then = { ...check, status: flip.oldStatus };
  const d = flip.oldStatus === "new" ? firstPingExpectedAt(then, cron) : expectedAt(then, cron);
  return d !== null && d <= flip.created ? d : null;
}

/** Cron: the next fire after now. Simple: one period after the last ping once it is up again. */
function nextExpected(check: Check, message: "down" | "up", cron: CronSchedule | null, now: number): number | null {
  switch (check.kind) {
    case "cron":
      return cron === null ? null : nextFire(cron, now);
    case "simple":
      return message === "up" && check.status === "up" ? expectedAt(check, cron) : null;
    case "reporter":
      // each replica announces its own next report
      return check.replicasDue ?? null;
    default: {
      const unreachable: never = check.kind;
      throw new Error(`unknown check kind ${String(unreachable)}`);
    }
  }
}

/** Went down from new by timeout, with no ping since it became new. */
function neverRan(check: Check, flip: FlipFacts): NeverRan | null {
  if (flip.oldStatus !== "new" || flip.reason !== "timeout" || check.newSince === null) return null;
  if (check.lastPing !== null && check.lastPing >= check.newSince) return null;
  return { since: check.newSince, after: check.lastPing === null && check.newSince === check.created ? "created" : "resumed" };
}

/** What held the alert when the status changed: a mute, or a maintenance window selecting the check. */
function heldBy(tx: Tx, check: Check, at: number, now: number): Held | null {
  if (check.mutedUntil !== null && at < check.mutedUntil && check.mutedUntil <= now) return { by: "mute", until: check.mutedUntil };
  const windows = tx.listWindows(check.projectId);
  const covering = windows.find((w) => selectsCheck(w, check) && occurrenceAt(w, at) !== null);
  if (!covering) return null;
  const until = maintenanceEndsAt(windows, check, at);
  return until === null ? null : { by: "maintenance", window: covering.name, until };
}
