// The read model of a project's public status page: public checks only, and only the fields a
// visitor may see (no uuids, keys, bodies or hosts), in a fixed number of queries.
import type { CronCache } from "../core/cron-cache.ts";
import { isOverloaded, type Replica } from "../core/reporter.ts";
import { displayStatus } from "../core/status.ts";
import { UPTIME_HORIZON_MS, uptimeWindows } from "../core/uptime.ts";
import type { Check, StoredFlip, Tx } from "../store/store.ts";
import { type DayBar, overallStatus, type ProjectPageModel, type PublicCheck } from "./status-page-model.ts";

const DAY_MS = 86_400_000;

export function publicStatus(tx: Tx, crons: CronCache, now: number): ProjectPageModel {
  const checks = tx.listPublicChecks();
  const flips = new Map<number, StoredFlip[]>();
  for (const c of checks) flips.set(c.id, tx.listFlips(c.id, { start: now - UPTIME_HORIZON_MS }));
  const replicas = checks.some((c) => c.kind === "reporter") ? tx.replicasOfPublicChecks() : new Map<number, Replica[]>();
  const groups: { name: string; checks: PublicCheck[] }[] = [];
  for (const c of checks) {
    let group = groups.at(-1);
    if (group?.name !== c.group) {
      group = { name: c.group, checks: [] };
      groups.push(group);
    }
    group.checks.push(publicCheck(c, flips.get(c.id) ?? [], replicas.get(c.id) ?? [], crons, now));
  }
  return {
    basePath: "",
    zone: "UTC",
    theme: "auto",
    generatedAt: now,
    project: { slug: "default", title: "Status", description: "", logoUrl: null },
    embed: null,
    overall: overallStatus(groups.flatMap((g) => g.checks), false),
    groups,
    incidents: [],
    maintenance: { active: [], upcoming: [] },
  };
}

function publicCheck(c: Check, flips: readonly StoredFlip[], replicas: readonly Replica[], crons: CronCache, now: number): PublicCheck {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const history: DayBar[] = Array.from({ length: 90 }, (_, i) => ({ start: today - (89 - i) * DAY_MS, uptime: null, downtimeMs: 0, incidents: 0 }));
  const status = displayStatus(c, now, crons.forCheck(c));
  return {
    name: c.name || c.slug || "Unnamed check",
    slug: c.slug || null,
    status,
    failing: c.failStreak > 0 && status !== "down",
    overloaded: isOverloaded(replicas, { cpu: c.loadMaxCpu, ram: c.loadMaxRam }),
    inMaintenance: false,
    lastRun: c.lastPing === null ? null : { at: c.lastPing, durationMs: c.lastDuration === null ? null : c.lastDuration * 1000 },
    history,
    uptime: uptimeWindows({ since: c.created, status: c.status, flips }, now),
  };
}
