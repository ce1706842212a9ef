// Query parameters of ping URLs (SPEC §5): validated and bounded. A bad rid, exit status or
// duration is refused (400) rather than stored as something the client did not mean; other text
// is cut to its limit.
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

/** SPEC §5: a reported duration is a decimal number of seconds from 0 to 10 000 000. */
export const MAX_DURATION_SECONDS = 10_000_000;
/** plain decimal notation only: Number() would also read "0x10", "1e3" or " 5" */
const DECIMAL = /^\d{1,12}(\.\d{1,12})?$/;
const EXIT_STATUS = /^\d{1,3}$/;

const text = (v: string | null, max: number): string | null => (v === null ? null : v.slice(0, max));

/** `usesExitStatus`: the path names no event, so `exit_code`/`status_code` decide it. */
export function parsePingQuery(q: URLSearchParams, route: PingRoute, usesExitStatus: boolean): QueryResult {
  const rid = q.get("rid");
  if (rid !== null && rid !== "" && !isUuid(rid)) return { ok: false, message: "invalid uuid format" };
  const kuma = route === "kuma";
  const exitText = q.get("exit_code") ?? q.get("status_code");
  const exitStatus = usesExitStatus && !kuma ? exitStatusOf(exitText) : null;
  if (exitStatus === "invalid") return { ok: false, message: "invalid exit status" };
  // Kuma reports its round-trip as `ping` in milliseconds, and what it sends is not the user's to fix
  const duration = kuma ? secondsOf(q.get("ping"), 1000) : secondsOf(q.get("duration"), 1);
  if (duration === "invalid" && !kuma) return { ok: false, message: "invalid duration" };
  return {
    ok: true,
    value: {
      rid: rid ? rid.toLowerCase() : null,
      msg: text(q.get("msg"), 1000),
      host: text(q.get("host"), 200),
      series: text(q.get("series"), 200),
      exitStatus,
      duration: duration === "invalid" ? null : duration,
      create: q.get("create") === "1",
      authKey: q.get("auth_key"),
      kumaStatus: kuma ? q.get("status") : null,
    },
  };
}

/** 0-255, as a process can exit; anything else would be stored as a status no process had. */
function exitStatusOf(v: string | null): number | null | "invalid" {
  if (v === null) return null;
  return EXIT_STATUS.test(v) && Number(v) <= 255 ? Number(v) : "invalid";
}

function secondsOf(v: string | null, per: number): number | null | "invalid" {
  if (v === null || v === "") return null;
  if (!DECIMAL.test(v)) return "invalid";
  const s = Number(v) / per;
  return s <= MAX_DURATION_SECONDS ? s : "invalid";
}
