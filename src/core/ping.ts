// Ping classification (SPEC §4, §5, §7): what a received ping means for its check. Pure.
import { ignoresPings } from "./transition.ts";
import type { CheckEvent, CheckState } from "./types.ts";

export type PingKind = "success" | "start" | "fail" | "log" | "ign";

/** What the URL (or mail address) asked for. `auto` is the bare ping URL: success unless told otherwise. */
export type PingAction =
  | { readonly type: "auto" }
  | { readonly type: "success" }
  | { readonly type: "start" }
  | { readonly type: "fail" }
  | { readonly type: "log" }
  | { readonly type: "exit"; readonly status: number }
  | { readonly type: "ok" }
  | { readonly type: "mute"; readonly hours: number }
  /** a push reporter's replica reported (SPEC §5.2): stored as a success */
  | { readonly type: "report" };

/** The check settings classification reads. */
export type Filters = Pick<CheckState, "status" | "manualResume"> & {
  readonly methods: "" | "POST";
  readonly startKw: string;
  readonly successKw: string;
  readonly failureKw: string;
  readonly filterHttpBody: boolean;
  readonly filterSubject: boolean;
  readonly filterBody: boolean;
  readonly filterDefaultFail: boolean;
};

/** What a mail said, decoded, for the subject and body keyword filters (SPEC §7). */
export interface MailText {
  readonly subject: string;
  readonly text: string;
}

export interface PingFacts {
  readonly action: PingAction;
  readonly method: string;
  /** exit status from `status_code`/`exit_code`; used only when the path names no event */
  readonly queryExitStatus: number | null;
  /** the body as text, for keyword filters (only read when the check filters HTTP bodies) */
  readonly bodyText: () => string;
  readonly rid: string | null;
  /** Cronitor's series: pairs a start with its end when neither carries a rid */
  readonly series?: string | null;
  /** the ping's numeric metrics and reported duration (seconds): what a success's rules read */
  readonly metrics?: Readonly<Record<string, number>> | null;
  readonly duration?: number | null;
  /** set for email pings, which the HTTP filters (methods, filter_http_body) do not apply to */
  readonly mail?: MailText | null;
}

export interface Classified {
  /** stored as the ping's kind */
  readonly kind: PingKind;
  /** applied to the state machine; null leaves the check alone (log, ign, mute) */
  readonly event: CheckEvent | null;
  readonly exitStatus: number | null;
}

export function classifyPing(check: Filters, facts: PingFacts): Classified {
  const exitStatus = facts.action.type === "exit" ? facts.action.status : facts.action.type === "auto" ? facts.queryExitStatus : null;
  const kind = pingKind(check, facts, exitStatus);
  return { kind, event: eventFor(kind, facts), exitStatus };
}

function pingKind(check: Filters, facts: PingFacts, exitStatus: number | null): PingKind {
  // a paused check with manual_resume only records; POST-only checks ignore other methods
  if (ignoresPings(check)) return "ign";
  if (check.methods === "POST" && !facts.mail && facts.method !== "POST") return "ign";
  const a = facts.action;
  switch (a.type) {
    case "success":
    case "ok":
    case "report":
      return "success";
    case "start":
      return "start";
    case "fail":
      return "fail";
    case "log":
    case "mute":
      return "log";
    case "exit":
      return a.status === 0 ? "success" : "fail";
    case "auto":
      if (exitStatus !== null) return exitStatus === 0 ? "success" : "fail";
      if (facts.mail) return mailKind(check, facts.mail);
      return check.filterHttpBody ? byKeywords(check, facts.bodyText()) : "success";
    default: {
      const unreachable: never = a;
      throw new Error(`unknown ping action ${JSON.stringify(unreachable)}`);
    }
  }
}

function eventFor(kind: PingKind, facts: PingFacts): CheckEvent | null {
  if (facts.action.type === "ok" && kind === "success") return { type: "ok" };
  if (facts.action.type === "report" && kind === "success") return { type: "report" };
  switch (kind) {
    case "success":
      return { type: kind, rid: facts.rid, series: facts.series ?? null, metrics: facts.metrics ?? null, duration: facts.duration ?? null };
    case "start":
    case "fail":
      return { type: kind, rid: facts.rid, series: facts.series ?? null };
    case "log":
    case "ign":
      return null;
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown ping kind ${String(unreachable)}`);
    }
  }
}

/**
 * Without subject or body filters every mail is a success, as in Healthchecks: cron mails only
 * when a job prints, so a MAILTO check that must see failures turns the filters on.
 */
function mailKind(check: Filters, mail: MailText): PingKind {
  if (!check.filterSubject && !check.filterBody) return "success";
  const searched = [check.filterSubject ? mail.subject : null, check.filterBody ? mail.text : null];
  return byKeywords(check, searched.filter((t) => t !== null).join("\n"));
}

/** Keyword filters in Healthchecks' order: failure, then success, then start; else fail or ignore. */
export function byKeywords(check: Filters, text: string): PingKind {
  if (matchesAny(text, check.failureKw)) return "fail";
  if (matchesAny(text, check.successKw)) return "success";
  if (matchesAny(text, check.startKw)) return "start";
  return check.filterDefaultFail ? "fail" : "ign";
}

/** Keywords are a comma-separated list, matched case-insensitively as substrings. */
function matchesAny(text: string, keywords: string): boolean {
  if (keywords.trim() === "") return false;
  const haystack = text.toLowerCase();
  return keywords.split(",").some((k) => {
    const needle = k.trim().toLowerCase();
    return needle !== "" && haystack.includes(needle);
  });
}
