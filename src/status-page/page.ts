// Interim glue from the database to the status page's model, until the read models in
// src/views/ produce it: public checks only, their state and uptime; no history bars, incidents
// or maintenance yet (every day shows "no data"), the default project's page at /status.
import type { Database } from "bun:sqlite";
import { displayStatus } from "../core/status.ts";
import { UPTIME_HORIZON_MS, uptimeWindows } from "../core/uptime.ts";
import type { CronCache } from "../scheduler/cron-cache.ts";
import { type Check, listPublicChecks } from "../store/checks.ts";
import { listFlips } from "../store/flips.ts";
import type { DayBar, ProjectPageModel, PublicCheck } from "./model.ts";
import { overallStatus } from "./overall.ts";
import { renderProjectPage } from "./render.ts";

const DAY_MS = 86_400_000;

export function statusModel(db: Database, crons: CronCache, now: number): ProjectPageModel {
  const groups: { name: string; checks: PublicCheck[] }[] = [];
  for (const c of listPublicChecks(db)) {
    let group = groups.at(-1);
    if (group?.name !== c.group) {
      group = { name: c.group, checks: [] };
      groups.push(group);
    }
    group.checks.push(publicCheck(db, c, crons, now));
  }
  const all = groups.flatMap((g) => g.checks);
  return {
    basePath: "",
    zone: "UTC",
    theme: "auto",
    generatedAt: now,
    project: { slug: "default", title: "Status", description: "", logoUrl: null },
    embed: null,
    overall: overallStatus(all, false),
    groups,
    incidents: [],
    maintenance: { active: [], upcoming: [] },
  };
}

function publicCheck(db: Database, c: Check, crons: CronCache, now: number): PublicCheck {
  const flips = listFlips(db, c.id, { start: now - UPTIME_HORIZON_MS });
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const history: DayBar[] = Array.from({ length: 90 }, (_, i) => ({ start: today - (89 - i) * DAY_MS, uptime: null, downtimeMs: 0, incidents: 0 }));
  const status = displayStatus(c, now, crons.forCheck(c));
  return {
    name: c.name || c.slug || "Unnamed check",
    slug: c.slug || null,
    status,
    failing: c.failStreak > 0 && status !== "down",
    inMaintenance: false,
    lastRun: c.lastPing === null ? null : { at: c.lastPing, durationMs: c.lastDuration === null ? null : c.lastDuration * 1000 },
    history,
    uptime: uptimeWindows({ since: c.created, status: c.status, flips }, now),
  };
}

export function statusPageResponse(db: Database, crons: CronCache, now: number): Response {
  return new Response(renderProjectPage(statusModel(db, crons, now)), {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" },
  });
}
