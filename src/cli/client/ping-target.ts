// Ping URLs as Tocsin and Healthchecks accept them: /ping/<uuid>[/suffix] or
// /ping/<ping-key>/<slug>[/suffix], with the run id and message as query parameters.
import { isUuid } from "../../core/uuid.ts";
import { type Env, pingKeyFrom, type Resolved, SLUG } from "./options.ts";

export type PingEvent =
  | { readonly type: "success" }
  | { readonly type: "start" }
  | { readonly type: "fail" }
  | { readonly type: "log" }
  | { readonly type: "exit"; readonly status: number };

export interface PingTarget {
  /** e.g. http://127.0.0.1:8000/ping or https://hc-ping.com, without a trailing slash */
  readonly base: string;
  /** the path after the base: "<uuid>" or "<ping-key>/<slug>" */
  readonly path: string;
  /** sent as X-Ping-Key too, for projects that require ping authentication */
  readonly pingKey: string | undefined;
  /** ?create=1: a slug the project does not know yet is created */
  readonly create: boolean;
}

export function pingTargetFrom(text: string, base: string, pingKeyFlag: string | undefined, env: Env, create: boolean): Resolved<PingTarget> {
  const pingKey = pingKeyFrom(pingKeyFlag, env);
  if (isUuid(text)) {
    if (create) return { ok: false, error: "--create applies to slugs only" };
    return { ok: true, value: { base, path: text.toLowerCase(), pingKey, create: false } };
  }
  if (!SLUG.test(text)) return { ok: false, error: `"${text}": expected a check's uuid or slug (lowercase letters, digits, - and _)` };
  if (pingKey === undefined) return { ok: false, error: `pinging by slug needs the project's ping key: --ping-key or TOCSIN_PING_KEY (or give the check's uuid)` };
  return { ok: true, value: { base, path: `${encodeURIComponent(pingKey)}/${text}`, pingKey, create } };
}

function suffix(event: PingEvent): string {
  switch (event.type) {
    case "success":
      return "";
    case "start":
    case "fail":
    case "log":
      return `/${event.type}`;
    case "exit":
      return `/${event.status}`;
    default: {
      const never: never = event;
      return never;
    }
  }
}

export function pingUrl(target: PingTarget, event: PingEvent, query: Readonly<Record<string, string | undefined>> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, v);
  if (target.create) params.set("create", "1");
  const qs = params.size > 0 ? `?${params}` : "";
  return `${target.base}/${target.path}${suffix(event)}${qs}`;
}
