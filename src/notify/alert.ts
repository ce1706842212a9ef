// What every channel renders: one alert about one check, and the words shared by every channel.
// Alerts are built from the stored check, its flip and its last ping at send time (alert-build.ts),
// so a retry shows the same facts as the first attempt.
import { formatDuration, formatZonedTime } from "../core/format.ts";
import type { CheckStatus, FlipReason } from "../core/types.ts";
import type { CheckJson } from "../checks/check-json.ts";
import type { CheckLinks } from "../web/check-links.ts";
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

/** What kept the alert back before it was sent (SPEC §8): a maintenance window or a mute. */
export type Held =
  | { readonly by: "maintenance"; readonly window: string; readonly until: number }
  | { readonly by: "mute"; readonly until: number };

/** A check that went down waiting for its first ping (SPEC §4 alert_new). */
export interface NeverRan {
  readonly since: number;
  readonly after: "created" | "resumed";
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
  /** the status it went down from, when known */
  readonly from: CheckStatus | null;
  readonly lastPing: LastPing | null;
  readonly now: number;
  /** the check's IANA zone: every time is shown in it and in UTC */
  readonly tz: string;
  /** the schedule or period in words; "" for test messages */
  readonly schedule: string;
  /** down by timeout: when the ping that did not come was expected */
  readonly expectedAt: number | null;
  /** when the next run is expected, when that is known */
  readonly nextExpected: number | null;
  /** it went down without ever being pinged since it was created or resumed */
  readonly neverRan: NeverRan | null;
  readonly held: Held | null;
  readonly links: CheckLinks;
  /** where a person looks at the check: its dashboard page */
  readonly link: string;
  /** the check's API JSON as a read-only key sees it, plus its ping URL ($JSON in webhook templates) */
  readonly checkJson: Readonly<Partial<CheckJson>>;
  /** unique per message: idempotency keys (Matrix transaction ids) */
  readonly key: string;
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
      if (a.reminder) return `Reminder: "${name}" is still DOWN`;
      return a.neverRan ? `"${name}" is DOWN: it never ran` : `"${name}" is DOWN`;
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

/** Why it went down, in a sentence; "" when there is nothing to say. */
export function why(a: Alert): string {
  if (a.event !== "down") return "";
  if (a.neverRan) return `it never ran: no ping arrived since it was ${a.neverRan.after} (${formatZonedTime(a.neverRan.since, a.tz)})`;
  return a.reason === "rule" && a.rule ? `${REASONS.rule}: ${a.rule}` : REASONS[a.reason];
}

export function heldWords(h: Held, tz: string): string {
  switch (h.by) {
    case "maintenance":
      return `held by maintenance window "${h.window}" until ${formatZonedTime(h.until, tz)}`;
    case "mute":
      return `held while muted until ${formatZonedTime(h.until, tz)}`;
    default: {
      const unreachable: never = h;
      throw new Error(`unknown hold ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The facts, as label/value pairs, in reading order. */
export function facts(a: Alert): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  const at = (ms: number): string => formatZonedTime(ms, a.tz);
  if (a.event === "down" && a.since !== null) out.push({ label: "Down since", value: at(a.since) });
  if (why(a)) out.push({ label: "Why", value: why(a) });
  if (a.event === "down" && a.expectedAt !== null) out.push({ label: "Expected at", value: at(a.expectedAt) });
  if (a.event === "up" && a.since !== null) out.push({ label: "Up since", value: at(a.since) });
  if (a.event === "up" && a.downtimeMs !== null) out.push({ label: "Downtime", value: formatDuration(a.downtimeMs) });
  if (a.schedule) out.push({ label: "Schedule", value: a.schedule });
  if (a.nextExpected !== null) out.push({ label: "Next expected", value: at(a.nextExpected) });
  if (a.held) out.push({ label: "Held", value: heldWords(a.held, a.tz) });
  if (a.changes > 1) out.push({ label: "Flapping", value: `${a.changes} status changes since the last message` });
  if (a.check.desc) out.push({ label: "Description", value: a.check.desc });
  if (a.event !== "test") {
    const p = a.lastPing;
    out.push({ label: "Last ping", value: p ? `${at(p.at)} (${p.kind}${p.exitStatus !== null ? `, exit status ${p.exitStatus}` : ""})` : "never" });
    if (p?.msg) out.push({ label: "Message", value: p.msg });
  }
  if (a.check.tags) out.push({ label: "Tags", value: a.check.tags });
  if (a.links.statusPage) out.push({ label: "Status page", value: a.links.statusPage });
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
