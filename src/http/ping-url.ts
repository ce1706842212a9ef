// Parsing of every ping URL form (SPEC §5, §5.1) into who is pinged and what it means.
import type { PingAction } from "../core/ping.ts";
import { MAX_SLUG, slugOfKey } from "../core/slug.ts";
import { isUuid } from "../core/uuid.ts";


export type PingRoute = "uuid" | "slug" | "kuma" | "crontify" | "rooster";

export type PingTargetRef =
  | { readonly by: "uuid"; readonly uuid: string }
  /**
   * `key` is the path segment as received: a slug, or in Cronitor's form a monitor key that
   * slugTarget() normalises; `telemetry` is set on Cronitor's `/p/` URL
   */
  | { readonly by: "slug"; readonly pingKey: string; readonly key: string; readonly telemetry: boolean }
  | { readonly by: "push"; readonly token: string };

export type ParsedPingUrl =
  | { readonly ok: true; readonly route: PingRoute; readonly target: PingTargetRef; readonly action: PingAction }
  | { readonly ok: false; readonly route: PingRoute; readonly status: 400 | 404; readonly message: string };

const PING_KEY = /^[A-Za-z0-9_-]{16,64}$/;
const SLUG = /^[a-z0-9_-]{1,100}$/;
const PUSH_TOKEN = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_MUTE_HOURS = 100_000;

const notFound = (route: PingRoute): ParsedPingUrl => ({ ok: false, route, status: 404, message: "not found" });
const badUrl = (route: PingRoute): ParsedPingUrl => ({ ok: false, route, status: 400, message: "invalid url format" });

/** `pathname` as received (percent-encoded); returns null when the path is not a ping path at all. */
export function parsePingUrl(pathname: string): ParsedPingUrl | null {
  const parts = pathname.split("/").slice(1);
  // a trailing slash is tolerated: "/ping/<uuid>/" is "/ping/<uuid>"
  if (parts.length > 1 && parts.at(-1) === "") parts.pop();
  if (parts[0] === "ping") return parseHealthchecks(parts.slice(1));
  // Cronitor's telemetry URL: an alias of /ping/<ping_key>/<slug>
  if (parts[0] === "p") return parseSlugForm(parts.slice(1), true);
  if (parts[0] !== "api") return null;
  if (parts[1] === "push" && parts.length === 3) {
    return PUSH_TOKEN.test(parts[2]!) ? { ok: true, route: "kuma", target: { by: "push", token: parts[2]! }, action: { type: "auto" } } : notFound("kuma");
  }
  if (parts[1] === "ping" && parts.length === 3) {
    return isUuid(parts[2]!) ? { ok: true, route: "rooster", target: uuidTarget(parts[2]!), action: { type: "success" } } : notFound("rooster");
  }
  if (parts[1] === "v1" && parts[2] === "ping" && parts.length === 5) {
    const action = CRONTIFY_ACTIONS[parts[4]!];
    return isUuid(parts[3]!) && action ? { ok: true, route: "crontify", target: uuidTarget(parts[3]!), action } : notFound("crontify");
  }
  return null;
}

const CRONTIFY_ACTIONS: Readonly<Record<string, PingAction>> = {
  start: { type: "start" },
  success: { type: "success" },
  fail: { type: "fail" },
};

function parseHealthchecks(parts: string[]): ParsedPingUrl {
  const [first, ...rest] = parts;
  if (first === undefined || first === "") return notFound("uuid");
  if (isUuid(first)) return withSuffix("uuid", uuidTarget(first), rest);
  return parseSlugForm(parts, false);
}

function parseSlugForm(parts: string[], telemetry: boolean): ParsedPingUrl {
  const [pingKey, key, ...suffix] = parts;
  if (pingKey === undefined || !PING_KEY.test(pingKey) || key === undefined) return notFound(telemetry ? "slug" : "uuid");
  if (key === "") return badUrl("slug");
  return withSuffix("slug", { by: "slug", pingKey, key, telemetry }, suffix);
}

/**
 * The check a slug URL names. In Cronitor's form (its `/p/` URL, a Cronitor parameter, or Basic
 * auth: SPEC §5) the monitor key is percent-decoded and normalised to a slug, and a check created
 * for it is named with the key as given; otherwise the key must already be a slug. Null: 400.
 */
export function slugTarget(key: string, cronitorForm: boolean): { readonly slug: string; readonly name: string } | null {
  if (!cronitorForm) return SLUG.test(key) ? { slug: key, name: key } : null;
  let name: string;
  try {
    name = decodeURIComponent(key);
  } catch {
    return null;
  }
  const slug = slugOfKey(name);
  // the slug is at most 100 characters, so the name is too (an emoji is one "-")
  return slug === null ? null : { slug, name: [...name].slice(0, MAX_SLUG).join("") };
}

function uuidTarget(uuid: string): PingTargetRef {
  return { by: "uuid", uuid: uuid.toLowerCase() };
}

function withSuffix(route: PingRoute, target: PingTargetRef, suffix: string[]): ParsedPingUrl {
  const action = parseSuffix(suffix);
  if (action === "bad") return badUrl(route);
  if (action === null) return notFound(route);
  return { ok: true, route, target, action };
}

const WORDS: Readonly<Record<string, PingAction>> = {
  start: { type: "start" },
  run: { type: "start" },
  r: { type: "start" },
  fail: { type: "fail" },
  f: { type: "fail" },
  log: { type: "log" },
  success: { type: "success" },
  complete: { type: "success" },
  c: { type: "success" },
  ok: { type: "ok" },
};

function parseSuffix(suffix: string[]): PingAction | "bad" | null {
  if (suffix.length === 0) return { type: "auto" };
  const [word, arg, ...extra] = suffix;
  if (extra.length > 0) return null;
  if (word === "pause" || word === "p") {
    if (arg === undefined || !/^\d{1,6}$/.test(arg) || Number(arg) > MAX_MUTE_HOURS) return "bad";
    return { type: "mute", hours: Number(arg) };
  }
  if (arg !== undefined) return null;
  if (/^\d+$/.test(word!)) {
    // exit statuses are 0-255; anything larger cannot come from a process
    return word!.length <= 3 && Number(word) <= 255 ? { type: "exit", status: Number(word) } : "bad";
  }
  return Object.hasOwn(WORDS, word!) ? WORDS[word!]! : null;
}
