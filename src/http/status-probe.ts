// GET /api/v3/status/ (SPEC §2): OK when the database answers and its last write succeeded. The
// application's route and the daemon's fast path (served before the web part is loaded) share it.
import type { Store } from "../store/store.ts";

export const STATUS_PROBE_PATH = "/api/v3/status/";

export function probeAnswer(store: Store): Response {
  const noStore = { "Cache-Control": "no-store" };
  if (!store.answers()) return new Response("database unavailable", { status: 503, headers: noStore });
  const writes = store.writeHealth();
  if (!writes.ok) return new Response(`database writes are failing: ${writes.reason}`, { status: 503, headers: noStore });
  return new Response("OK", { headers: noStore });
}

/** The probe's answer for a GET or HEAD of its exact path, else null. */
export function statusProbe(store: Store, req: Request): Promise<Response> | null {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  // the path is between the authority and the query: no URL object for the other paths
  const start = req.url.indexOf("/", req.url.indexOf("//") + 2);
  if (start < 0) return null;
  const end = req.url.indexOf("?", start);
  const path = end < 0 ? req.url.slice(start) : req.url.slice(start, end);
  return path === STATUS_PROBE_PATH ? Promise.resolve(probeAnswer(store)) : null;
}
