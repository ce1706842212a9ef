// `--url` / `--ping-url` / `--ping-key` / `--create` for the commands that send pings (ping, run).
import { baseUrlFrom, type Env, type FlagValues, pingBaseFrom, type Resolved, str } from "./options.ts";
import { type PingTarget, pingTargetFrom } from "./ping-target.ts";

export const PING_OPTIONS = {
  create: { type: "boolean" },
  url: { type: "string" },
  "ping-url": { type: "string" },
  "ping-key": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export const PING_HELP = [
  "  --create         create the slug in the project if it does not exist yet",
  "  --url URL        server base URL (default $TOCSIN_URL, else http://127.0.0.1:8000)",
  "  --ping-url URL   base of ping URLs (default $TOCSIN_PING_URL, else <url>/ping;",
  "                   https://hc-ping.com for Healthchecks.io)",
  "  --ping-key KEY   the project's ping key, needed for slugs (default $TOCSIN_PING_KEY)",
];

/** Where to ping the check `ref` (a uuid or slug) as the flags and environment say. */
export function pingTargetFromFlags(ref: string, values: FlagValues, env: Env): Resolved<PingTarget> {
  const baseUrl = baseUrlFrom(str(values.url), env);
  if (!baseUrl.ok) return baseUrl;
  const base = pingBaseFrom(str(values["ping-url"]), env, baseUrl.value);
  if (!base.ok) return base;
  return pingTargetFrom(ref, base.value, str(values["ping-key"]), env, values.create === true);
}
