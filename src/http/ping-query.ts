// Query parameters of ping URLs (SPEC §5): validated, bounded, never fatal except a bad rid.
import type { PingRoute } from "./ping-url.ts";
import { isUuid } from "../core/uuid.ts";

export interface PingQuery {
  readonly rid: string | null;
  readonly msg: string | null;
  readonly host: string | null;
  readonly series: string | null;
  readonly exitStatus: number | null;
  /** seconds */
  readonly duration: number | null;
  readonly create: boolean;
  readonly authKey: string | null;
  /** Uptime Kuma's `status` */
  readonly kumaStatus: string | null;
}

export type QueryResult = { readonly ok: true; readonly value: PingQuery } | { readonly ok: false; readonly message: string };

const text = (v: string | null, max: number): string | null => (v === null ? null : v.slice(0, max));

export function parsePingQuery(q: URLSearchParams, route: PingRoute): QueryResult {
  const rid = q.get("rid");
  if (rid !== null && rid !== "" && !isUuid(rid)) return { ok: false, message: "invalid uuid format" };
  const kuma = route === "kuma";
  return {
    ok: true,
    value: {
      rid: rid ? rid.toLowerCase() : null,
      msg: text(q.get("msg"), 1000),
      host: text(q.get("host"), 200),
      series: text(q.get("series"), 200),
      exitStatus: integer(q.get("exit_code") ?? q.get("status_code")),
      // Kuma reports its round-trip as `ping` in milliseconds
      duration: kuma ? seconds(q.get("ping"), 1000) : seconds(q.get("duration"), 1),
      create: q.get("create") === "1",
      authKey: q.get("auth_key"),
      kumaStatus: kuma ? q.get("status") : null,
    },
  };
}

function integer(v: string | null): number | null {
  return v !== null && /^-?\d{1,10}$/.test(v) ? Number(v) : null;
}

function seconds(v: string | null, per: number): number | null {
  if (v === null || v.trim() === "") return null;
  const n = Number(v);
  // a year caps what a client may claim; anything else is noise
  return Number.isFinite(n) && n >= 0 && n / per <= 31_536_000 ? n / per : null;
}
