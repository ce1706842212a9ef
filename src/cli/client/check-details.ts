// The text of `checks show`: what the dashboard's check page shows, one labelled line per fact,
// facts the server does not send (an older Healthchecks) left out.
import { formatInZone } from "../../core/cron.ts";
import { durationInWords, formatDuration } from "../../core/duration.ts";
import { isCron, type RemoteCheck, uuidOf } from "./check-json.ts";
import { instantOf, nextExpected, relativeTime, scheduleInWords, upcomingFires } from "./check-text.ts";
import { runTime } from "./history-text.ts";

export interface DetailContext {
  readonly now: number;
  /** channel names by id, when the key may read channels */
  readonly channelNames: ReadonlyMap<string, string> | null;
  /** how many fire times of a cron check to show */
  readonly fires: number;
}

const LABEL = 19;
const line = (label: string, value: string): string => `  ${label.padEnd(LABEL)}${value}`;

export function detailLines(c: RemoteCheck, ctx: DetailContext): string[] {
  const { now } = ctx;
  const out: string[] = [`${c.name || "(unnamed)"}${c.slug ? ` (${c.slug})` : ""}`];
  const add = (label: string, value: string | null | undefined): void => {
    if (value !== null && value !== undefined && value !== "") out.push(line(label, value));
  };
  add("status", statusText(c, now));
  add("uuid", uuidOf(c) ?? c.unique_key);
  add("tags", c.tags);
  if (c.desc !== "") for (const [i, text] of c.desc.split("\n").entries()) add(i === 0 ? "description" : "", text || " ");
  if (isCron(c)) {
    add("schedule", `${c.schedule ?? "?"} in ${c.tz ?? "UTC"}`);
    add("", scheduleInWords(c));
  }
  else if (c.timeout !== undefined) add("period", wordsAndShort(c.timeout));
  if (c.grace !== undefined) add("grace", wordsAndShort(c.grace));
  if (c.max_runtime !== undefined) add("max runtime", wordsAndShort(c.max_runtime));
  if (c.failure_threshold !== undefined) add("failure threshold", c.failure_threshold === 1 ? "1 (the first failure)" : `${c.failure_threshold} failures in a row`);
  const last = instantOf(c.last_ping);
  add("last ping", last === null ? "never" : `${relativeTime(last, now)} (${formatInZone(last, c.tz ?? "UTC")})`);
  if (c.last_duration !== undefined) add("last run took", runTime(c.last_duration));
  add("next expected", nextText(c, now));
  const fires = upcomingFires(c, now, ctx.fires);
  for (const [i, at] of fires.entries()) add(i === 0 ? "next fire times" : "", `${formatInZone(at, c.tz ?? "UTC")}  (${relativeTime(at, now)})`);
  if (c.n_pings !== undefined) add("pings", `${c.n_pings} in all`);
  if (c.uptime) add("uptime", Object.entries(c.uptime).map(([span, pct]) => `${span} ${Number(pct.toFixed(2))}%`).join("  "));
  add("manual resume", yesNo(c.manual_resume));
  add("methods", c.methods === undefined ? undefined : c.methods === "POST" ? "POST only" : "any");
  add("keywords", keywordText(c));
  if (c.public !== undefined) add("status page", c.public ? `shown${c.group ? ` in group "${c.group}"` : ""}` : "not shown");
  if (c.reminder_interval !== undefined) add("reminders", c.reminder_interval === 0 ? "off" : `every ${durationInWords(c.reminder_interval)}`);
  add("channels", channelText(c.channels, ctx.channelNames));
  if (c.managed) add("managed", "by the config file (the API cannot change it)");
  add("ping URL", c.ping_url);
  add("slug URL", c.slug_url);
  add("push URL", c.push_url);
  const ref = c.slug || uuidOf(c);
  if (ref) add("wrap a job", `tocsin run ${ref} -- <command>`);
  return out;
}

function statusText(c: RemoteCheck, now: number): string {
  const muted = instantOf(c.muted_until);
  const parts = [c.status || "?"];
  if (c.started) parts.push("a run is open");
  if (muted !== null && muted > now) parts.push(`alerts muted until ${formatInZone(muted, "UTC")} (${relativeTime(muted, now)})`);
  return parts.join(", ");
}

function nextText(c: RemoteCheck, now: number): string {
  if (c.status === "paused") return "nothing while paused";
  if (c.status === "down") return "nothing: down until the next success";
  const at = nextExpected(c, now);
  if (at === null) return c.last_ping === null ? "after the first ping" : "-";
  return `${relativeTime(at, now)} (${formatInZone(at, c.tz ?? "UTC")})`;
}

function wordsAndShort(seconds: number): string {
  return seconds === 0 ? "0" : `${durationInWords(seconds)} (${formatDuration(seconds)})`;
}

function yesNo(v: boolean | undefined): string | undefined {
  return v === undefined ? undefined : v ? "yes" : "no";
}

function keywordText(c: RemoteCheck): string {
  const where = [c.filter_subject && "subject", c.filter_body && "email body", c.filter_http_body && "HTTP body"].filter((x): x is string => typeof x === "string");
  const words = [c.start_kw && `start: ${c.start_kw}`, c.success_kw && `success: ${c.success_kw}`, c.failure_kw && `failure: ${c.failure_kw}`].filter((x): x is string => typeof x === "string" && x !== "");
  if (where.length === 0 && words.length === 0) return "";
  const otherwise = c.filter_default_fail ? "; no match is a failure" : "";
  return `${words.join(", ") || "none"} in ${where.join(", ") || "nothing"}${otherwise}`;
}

function channelText(ids: string | undefined, names: ReadonlyMap<string, string> | null): string | undefined {
  if (ids === undefined) return undefined;
  if (ids === "") return "none";
  return ids
    .split(",")
    .map((id) => names?.get(id) || id)
    .join(", ");
}
