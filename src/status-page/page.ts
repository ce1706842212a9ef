// Builds the status page's model from the database: public checks only, and only the fields a
// visitor may see (no uuids, keys, bodies or hosts).
import type { Database } from "bun:sqlite";
import { formatInZone } from "../core/cron.ts";
import { displayStatus } from "../core/status.ts";
import type { CronCache } from "../scheduler/cron-cache.ts";
import { listPublicChecks } from "../store/checks.ts";
import { renderStatusPage, type StatusModel } from "./render.ts";

export function statusModel(db: Database, crons: CronCache, now: number): StatusModel {
  return {
    title: "Status",
    generated: formatInZone(now, "UTC"),
    checks: listPublicChecks(db).map((c) => ({
      name: c.name || c.slug || "Unnamed check",
      group: c.group,
      status: displayStatus(c, now, crons.forCheck(c)),
      lastPing: c.lastPing === null ? null : formatInZone(c.lastPing, "UTC"),
    })),
  };
}

export function statusPageResponse(db: Database, crons: CronCache, now: number): Response {
  return new Response(renderStatusPage(statusModel(db, crons, now)), {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" },
  });
}
