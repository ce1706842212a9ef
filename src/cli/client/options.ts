// Flags and environment shared by the client commands: where the server is and which keys to use.
import { parseArgs, type ParseArgsConfig } from "node:util";

export const DEFAULT_URL = "http://127.0.0.1:8000";

/** Exit statuses of the client commands. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

type Options = NonNullable<ParseArgsConfig["options"]>;
export type FlagValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export type Parsed =
  | { readonly ok: true; readonly values: FlagValues; readonly positionals: string[] }
  | { readonly ok: false; readonly error: string };

/** parseArgs without exceptions; its messages are user-facing but may span lines. */
export function parseFlags(args: string[], options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    return { ok: true, values: values as FlagValues, positionals };
  } catch (e) {
    return { ok: false, error: (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "bad arguments" };
  }
}

export const str = (v: FlagValues[string]): string | undefined => (typeof v === "string" ? v : undefined);
export const strs = (v: FlagValues[string]): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : []);

export type Env = Readonly<Record<string, string | undefined>>;
export type Resolved<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** `--url`, else TOCSIN_URL, else the daemon's default address; without a trailing slash. */
export function baseUrlFrom(flag: string | undefined, env: Env, name = "--url"): Resolved<string> {
  return httpUrl(flag ?? nonEmpty(env.TOCSIN_URL) ?? DEFAULT_URL, flag !== undefined ? name : "TOCSIN_URL");
}

/**
 * Where pings go: `--ping-url`, else TOCSIN_PING_URL, else `<url>/ping`. Healthchecks.io serves
 * pings from another host (https://hc-ping.com) than its API, hence a separate setting.
 */
export function pingBaseFrom(flag: string | undefined, env: Env, baseUrl: string): Resolved<string> {
  const given = flag ?? nonEmpty(env.TOCSIN_PING_URL);
  return given === undefined ? { ok: true, value: `${baseUrl}/ping` } : httpUrl(given, flag !== undefined ? "--ping-url" : "TOCSIN_PING_URL");
}

export function apiKeyFrom(flag: string | undefined, env: Env): Resolved<string> {
  const key = flag ?? nonEmpty(env.TOCSIN_API_KEY);
  return key === undefined || key === "" ? { ok: false, error: "an API key is needed: --api-key or TOCSIN_API_KEY" } : { ok: true, value: key };
}

export function pingKeyFrom(flag: string | undefined, env: Env): string | undefined {
  return flag ?? nonEmpty(env.TOCSIN_PING_KEY);
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === "" ? undefined : v.trim();
}

function httpUrl(text: string, source: string): Resolved<string> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: `${source}: not a URL: "${text}"` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, error: `${source}: must be an http:// or https:// URL, got "${text}"` };
  if (url.search !== "" || url.hash !== "") return { ok: false, error: `${source}: must not carry a query or fragment: "${text}"` };
  return { ok: true, value: url.href.replace(/\/+$/, "") };
}

/** Slugs as Tocsin and Healthchecks make them. */
export const SLUG = /^[a-z0-9_-]{1,100}$/;
