// Answers of the ping routes, in each client's own dialect (SPEC §5, §5.1).
import type { DisplayStatus } from "../core/status.ts";
import type { PingKind } from "../core/ping.ts";
import type { PingRoute } from "./ping-url.ts";

export interface PingSummary {
  readonly name: string;
  readonly uuid: string;
  readonly rid: string | null;
  readonly kind: PingKind;
  readonly status: DisplayStatus;
  readonly paused: boolean;
  readonly nextExpected: number | null;
  readonly nextExpectedIso: string | null;
  readonly nowIso: string;
}

const TEXT = "text/plain; charset=utf-8";
const JSON_TYPE = "application/json";

function headers(bodyLimit: number, contentType: string): Record<string, string> {
  return {
    "Content-Type": contentType,
    "Access-Control-Allow-Origin": "*",
    "Cache-Control": "no-store",
    "Ping-Body-Limit": String(bodyLimit),
  };
}

/** The answers of one ping handler, whose body limit every answer names. */
export class PingReplies {
  // The plain answer's headers are built once: a Response copies the Headers it is given, which
  // costs about half of building them from an object on every ping.
  private readonly plain: Headers;

  constructor(private readonly bodyLimit: number) {
    this.plain = new Headers(headers(bodyLimit, TEXT));
  }

  preflight(): Response {
    return new Response(null, {
      status: 204,
      headers: {
        ...headers(this.bodyLimit, TEXT),
        "Access-Control-Allow-Methods": "GET, POST, PUT, HEAD, OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type, X-Ping-Key, X-API-Key",
        "Access-Control-Max-Age": "86400",
      },
    });
  }

  error(route: PingRoute, status: number, message: string): Response {
    const json = (body: unknown): Response => new Response(JSON.stringify(body), { status, headers: headers(this.bodyLimit, JSON_TYPE) });
    switch (route) {
      case "uuid":
      case "slug":
        return new Response(message, { status, headers: this.plain });
      case "kuma":
        return json({ ok: false, msg: status === 404 ? "Monitor not found or not active." : message });
      case "crontify":
        return json({ success: false, error: message });
      case "rooster":
        return json({ ok: false, error: message });
      default: {
        const unreachable: never = route;
        throw new Error(`unknown ping route ${String(unreachable)}`);
      }
    }
  }

  /** `summary` is called only by the answers that show it: the plain OK most clients get needs none of it. */
  ok(route: PingRoute, req: Request, created: boolean, summary: () => PingSummary): Response {
    const status = created ? 201 : 200;
    const json = (body: unknown): Response => new Response(JSON.stringify(body), { status, headers: headers(this.bodyLimit, JSON_TYPE) });
    switch (route) {
      case "uuid":
      case "slug":
        if ((req.headers.get("accept") ?? "").includes("application/json")) {
          const s = summary();
          return json({ ok: true, status: s.status, check: s.name, next_expected_before: s.nextExpectedIso });
        }
        return new Response(created ? "Created" : "OK", { status, headers: this.plain });
      case "kuma":
        return json({ ok: true });
      case "crontify": {
        const s = summary();
        return json({ success: true, data: { received: true, monitorId: s.uuid, runId: s.rid, status: CRONTIFY_STATUS[s.kind], timestamp: s.nowIso } });
      }
      case "rooster": {
        const s = summary();
        if (s.paused) return json({ ok: true, status: "paused", message: "Monitor is paused — ping recorded but not tracked" });
        return json({ ok: true, status: s.status, monitor: s.name, next_expected_before: s.nextExpected === null ? null : s.nextExpected / 1000 });
      }
      default: {
        const unreachable: never = route;
        throw new Error(`unknown ping route ${String(unreachable)}`);
      }
    }
  }
}

const CRONTIFY_STATUS: Readonly<Record<PingKind, string>> = {
  start: "running",
  success: "success",
  fail: "failed",
  log: "logged",
  ign: "ignored",
};
