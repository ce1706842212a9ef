// A flag for every check field (SPEC §3), shared by `checks add` and `checks edit`: one table gives
// the parseArgs options, the help lines and the API fields. Durations take the one syntax of
// core/duration.ts; switches come in pairs (--public / --no-public) so that edit can turn them off.
import { formatInZone, isValidTimeZone } from "../../core/cron.ts";
import { parseDuration } from "../../core/duration.ts";
import { didYouMean, nearestZone } from "../../core/nearest.ts";
import type { CheckFields } from "./api.ts";
import { optionLines, type Options } from "./command.ts";
import type { FlagValues, Resolved } from "./options.ts";

/** How a flag's text becomes a field's value; keyed registry below. */
type FlagKind = "text" | "duration" | "count" | "zone" | "methods" | "mute" | "switch";

interface FieldFlag {
  readonly flag: string;
  /** the API's field name */
  readonly field: string;
  readonly kind: FlagKind;
  /** what the help shows after the flag */
  readonly value: string;
  readonly help: string;
  /** `name` is add's argument, so only edit has the flag */
  readonly editOnly?: true;
}

export const CHECK_FLAGS: readonly FieldFlag[] = [
  { flag: "name", field: "name", kind: "text", value: "TEXT", help: "new name", editOnly: true },
  { flag: "slug", field: "slug", kind: "text", value: "S", help: "slug for /ping/<ping-key>/<slug> URLs (a-z 0-9 _ -)" },
  { flag: "tags", field: "tags", kind: "text", value: '"a b"', help: "space-separated tags" },
  { flag: "desc", field: "desc", kind: "text", value: "TEXT", help: "description" },
  { flag: "timeout", field: "timeout", kind: "duration", value: "T", help: "period of a simple check: seconds or 90s, 5m, 1h30m, 2d, 1w" },
  { flag: "schedule", field: "schedule", kind: "text", value: "EXPR", help: "cron expression of a cron check, e.g. \"0 3 * * *\"" },
  { flag: "tz", field: "tz", kind: "zone", value: "ZONE", help: "IANA time zone of the schedule (default UTC)" },
  { flag: "grace", field: "grace", kind: "duration", value: "T", help: "how late a ping may be before the check goes down" },
  { flag: "max-runtime", field: "max_runtime", kind: "duration", value: "T", help: "how long a started run may take (0: as grace)" },
  { flag: "failure-threshold", field: "failure_threshold", kind: "count", value: "N", help: "consecutive failures before the check goes down (1-1000)" },
  { flag: "manual-resume", field: "manual_resume", kind: "switch", value: "", help: "a paused check ignores pings until resumed" },
  { flag: "methods", field: "methods", kind: "methods", value: "POST|any", help: "POST: ignore pings sent with other HTTP methods" },
  { flag: "start-kw", field: "start_kw", kind: "text", value: "WORDS", help: "comma-separated keywords that make an email a start" },
  { flag: "success-kw", field: "success_kw", kind: "text", value: "WORDS", help: "comma-separated keywords that make an email a success" },
  { flag: "failure-kw", field: "failure_kw", kind: "text", value: "WORDS", help: "comma-separated keywords that make an email a failure" },
  { flag: "filter-subject", field: "filter_subject", kind: "switch", value: "", help: "look for the keywords in email subjects" },
  { flag: "filter-body", field: "filter_body", kind: "switch", value: "", help: "look for the keywords in email bodies" },
  { flag: "filter-http-body", field: "filter_http_body", kind: "switch", value: "", help: "look for the keywords in HTTP ping bodies" },
  { flag: "filter-default-fail", field: "filter_default_fail", kind: "switch", value: "", help: "a message matching no keyword is a failure" },
  { flag: "public", field: "public", kind: "switch", value: "", help: "show the check on the status page" },
  { flag: "group", field: "group", kind: "text", value: "NAME", help: "its section on the status page" },
  { flag: "reminder-interval", field: "reminder_interval", kind: "duration", value: "T", help: "repeat alerts while down, at least 5m (0: off)" },
  { flag: "channels", field: "channels", kind: "text", value: "LIST", help: '"*" every channel, "" none, or ids or names, comma-separated' },
  { flag: "muted-until", field: "muted_until", kind: "mute", value: "WHEN", help: 'hold alerts until an ISO 8601 instant or for a time (2h); "" unmutes' },
  { flag: "push-token", field: "push_token", kind: "text", value: "TOKEN", help: "token of the Uptime Kuma push URL" },
];

export type CheckOp = "add" | "edit";

const flagsOf = (op: CheckOp): readonly FieldFlag[] => CHECK_FLAGS.filter((f) => op === "edit" || !f.editOnly);

export function checkFlagOptions(op: CheckOp): Options {
  const options: Options = {};
  for (const f of flagsOf(op)) {
    if (f.kind === "switch") {
      options[f.flag] = { type: "boolean" };
      options[`no-${f.flag}`] = { type: "boolean" };
    } else options[f.flag] = { type: "string" };
  }
  return options;
}

export function checkFlagHelp(op: CheckOp): string[] {
  return flagsOf(op).flatMap((f) => optionLines(f.kind === "switch" ? `--[no-]${f.flag}` : `--${f.flag} ${f.value}`, f.help));
}

type Parse = (text: string, now: number) => Resolved<string | number>;

/** An IANA zone, or the nearest one in the error: "Europe/Berln" → did you mean "Europe/Berlin"? */
export function parseZone(text: string): Resolved<string> {
  if (isValidTimeZone(text)) return { ok: true, value: text };
  const hint = didYouMean(nearestZone(text, Intl.supportedValuesOf("timeZone")));
  return { ok: false, error: `not a known IANA time zone${hint ? `; ${hint}` : ""}` };
}

const PARSERS: Readonly<Record<Exclude<FlagKind, "switch">, Parse>> = {
  text: (text) => ({ ok: true, value: text }),
  duration: (text) => {
    const parsed = parseDuration(text);
    return parsed.ok ? { ok: true, value: parsed.seconds } : { ok: false, error: parsed.error };
  },
  count: (text) => (/^\d{1,4}$/.test(text) ? { ok: true, value: Number(text) } : { ok: false, error: "must be a whole number" }),
  zone: (text) => parseZone(text),
  methods: (text) => {
    if (text.toUpperCase() === "POST") return { ok: true, value: "POST" };
    return text === "" || text.toLowerCase() === "any" ? { ok: true, value: "" } : { ok: false, error: 'must be POST or any' };
  },
  mute: (text, now) => {
    if (text === "" || text === "0") return { ok: true, value: "" };
    const d = parseDuration(text);
    if (d.ok) return { ok: true, value: formatInZone(now + d.seconds * 1000, "UTC") };
    return /^\d{4}-\d{2}-\d{2}T/.test(text) ? { ok: true, value: text } : { ok: false, error: "must be an ISO 8601 instant with an offset, a duration like 2h, or \"\"" };
  },
};

/** The API fields the flags name; `now` turns `--muted-until 2h` into an instant. */
export function checkFieldsFromFlags(values: FlagValues, op: CheckOp, now: number): Resolved<CheckFields> {
  const fields: CheckFields = {};
  for (const f of flagsOf(op)) {
    if (f.kind === "switch") {
      const on = values[f.flag] === true;
      const off = values[`no-${f.flag}`] === true;
      if (on && off) return { ok: false, error: `--${f.flag} and --no-${f.flag} exclude each other` };
      if (on || off) fields[f.field] = on;
      continue;
    }
    const text = values[f.flag];
    if (typeof text !== "string") continue;
    const parsed = PARSERS[f.kind](text, now);
    if (!parsed.ok) return { ok: false, error: `--${f.flag} ${JSON.stringify(text)}: ${parsed.error}` };
    fields[f.field] = parsed.value;
  }
  if (fields.timeout !== undefined && fields.schedule !== undefined) return { ok: false, error: "--timeout and --schedule exclude each other: a check is either simple or cron" };
  if (op === "add" && fields.tz !== undefined && fields.schedule === undefined) return { ok: false, error: "--tz applies to --schedule only" };
  if (op === "add" && fields.schedule !== undefined && fields.tz === undefined) fields.tz = "UTC";
  return { ok: true, value: fields };
}
