// What every channel renders: one alert about one check, built from the stored check, its flip
// and its last ping at send time (so a retry shows the same facts as the first attempt).
import { loadExtras } from "../checks/check-extras.ts";
import { type CheckJson, receiverCheckJson } from "../checks/check-json.ts";
import type { CronCache } from "../core/cron-cache.ts";
import { formatDuration } from "../core/format.ts";
import { iso } from "../core/iso.ts";
import type { FlipReason } from "../core/types.ts";
import type { Check, Delivery, Tx } from "../store/store.ts";
import { escapeHtml } from "../web/html.ts";

export type AlertEvent = "down" | "up" | "test";

export interface AlertCheck {
  readonly uuid: string;
  readonly name: string;
  readonly slug: string;
  readonly tags: string;
  readonly desc: string;
  readonly status: string;
}

export interface LastPing {
  readonly at: number;
  readonly kind: string;
  readonly exitStatus: number | null;
  readonly msg: string | null;
  /** the body as text, cut to BODY_EXCERPT characters */
  readonly body: string;
}

export interface Alert {
  readonly event: AlertEvent;
  readonly reminder: boolean;
  /** status changes folded into this message by damping (> 1: a summary of the last minute) */
  readonly changes: number;
  readonly check: AlertCheck;
  /** down: when it went down; up: when it came back */
  readonly since: number | null;
  /** up: how long it was down */
  readonly downtimeMs: number | null;
  readonly reason: FlipReason;
  /** reason `rule`: the rule that matched and the value seen (`rows_processed < 1: got 0`) */
  readonly rule?: string | null;
  readonly lastPing: LastPing | null;
  readonly now: number;
  /** where a person can look at the check */
  readonly link: string;
  /** the check's API JSON as a read-only key sees it, plus its ping URL ($JSON in webhook templates) */
  readonly checkJson: Readonly<Partial<CheckJson>>;
  /** unique per message: idempotency keys (Matrix transaction ids) */
  readonly key: string;
}

const BODY_EXCERPT = 1_000;

/** The alert for one delivery, or null when its check is gone. */
export function buildAlert(tx: Tx, crons: CronCache, d: Delivery, now: number, baseUrl: string): Alert | null {
  const check = tx.getCheckById(d.checkId);
  if (!check) return null;
  const flip = d.flipId === null ? null : tx.getFlipFacts(d.flipId);
  let downtimeMs: number | null = null;
  if (d.message === "up" && d.flipId !== null && flip) {
    const wentDown = tx.wentDownBefore(d.checkId, d.flipId);
    downtimeMs = wentDown === null ? null : flip.created - wentDown;
  }
  const project = tx.getProjectById(check.projectId);
  return {
    event: d.message,
    reminder: d.reminder,
    changes: d.changes,
    check: alertCheck(check),
    since: flip?.created ?? null,
    downtimeMs,
    reason: flip?.reason ?? "",
    rule: flip?.reason === "rule" ? tx.failMessageAt(check.id, flip.created) : null,
    lastPing: lastPing(tx, check.id),
    now,
    link: linkTo(check, project?.slug ?? "", baseUrl),
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
    lastPing: null,
    now,
    link: baseUrl,
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

function linkTo(check: Check, projectSlug: string, baseUrl: string): string {
  // only public checks have a page a person can open without an API key
  if (check.public && check.slug !== "" && projectSlug !== "") return `${baseUrl}/status/${projectSlug}/${check.slug}`;
  return `${baseUrl}/api/v3/checks/${check.uuid}`;
}

// ---- words shared by every channel ---------------------------------------------------------

export function displayName(a: Alert): string {
  return a.check.name || a.check.slug || a.check.uuid;
}

/** "DOWN", "UP", "TEST" */
export function statusWord(a: Alert): string {
  return a.event.toUpperCase();
}

/** One line: what happened. */
export function headline(a: Alert): string {
  const name = displayName(a);
  switch (a.event) {
    case "test":
      return `Test notification from Tocsin: this channel works.`;
    case "down":
      return a.reminder ? `Reminder: "${name}" is still DOWN` : `"${name}" is DOWN`;
    case "up":
      return `"${name}" is UP again`;
    default: {
      const unreachable: never = a.event;
      throw new Error(`unknown alert event ${String(unreachable)}`);
    }
  }
}

/** Subject-like title: "DOWN: backup". */
export function title(a: Alert): string {
  return `${a.reminder ? "Reminder — " : ""}${statusWord(a)}: ${displayName(a)}`;
}

const REASONS: Record<FlipReason, string> = {
  timeout: "the expected ping did not arrive in time",
  runtime: "the run took longer than its max_runtime",
  fail: "the job reported a failure",
  rule: "a rule on the run's metrics matched",
  ok: "",
  pause: "",
  resume: "",
  "": "",
};

/** The facts, as label/value pairs, in reading order. */
export function facts(a: Alert): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  if (a.event === "down" && a.since !== null) out.push({ label: "Down since", value: iso(a.since) });
  if (a.event === "down" && REASONS[a.reason]) out.push({ label: "Why", value: a.rule ? `${REASONS[a.reason]}: ${a.rule}` : REASONS[a.reason] });
  if (a.event === "up" && a.since !== null) out.push({ label: "Up since", value: iso(a.since) });
  if (a.event === "up" && a.downtimeMs !== null) out.push({ label: "Downtime", value: formatDuration(a.downtimeMs) });
  if (a.changes > 1) out.push({ label: "Flapping", value: `${a.changes} status changes since the last message` });
  const p = a.lastPing;
  out.push({ label: "Last ping", value: p ? `${iso(p.at)} (${p.kind}${p.exitStatus !== null ? `, exit status ${p.exitStatus}` : ""})` : "never" });
  if (p?.msg) out.push({ label: "Message", value: p.msg });
  if (a.check.tags) out.push({ label: "Tags", value: a.check.tags });
  return out;
}

/** Plain text body: headline, facts, body excerpt, link. */
export function plainText(a: Alert): string {
  const lines = [headline(a), "", ...facts(a).map((f) => `${f.label}: ${f.value}`)];
  if (a.lastPing?.body) lines.push("", "Last ping body:", a.lastPing.body);
  lines.push("", a.link);
  return lines.join("\n");
}

/** The headline in bold, the facts, and a link: HTML lines for Telegram and Matrix to join. */
export function htmlLines(a: Alert): string[] {
  return [`<b>${escapeHtml(headline(a))}</b>`, ...facts(a).map((f) => `${escapeHtml(f.label)}: ${escapeHtml(f.value)}`), `<a href="${escapeHtml(a.link)}">Open</a>`];
}
