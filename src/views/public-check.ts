// The read model of one public check's page (SPEC §9 `/status/<project>/<check-slug>`): its state,
// 90-day bar and uptime, its incidents of those 90 days, the maintenance that selects it and its
// recent runs — kind, time and duration only, never a body, host or address. A check that is not
// public has no page: null, as for a slug that does not exist.
import { MaintenanceExclusions } from "../checks/check-extras.ts";
import type { Project, PublicRun, Tx } from "../store/store.ts";
import { BAR_DAYS, dayEdges } from "./public-history.ts";
import { publicMaintenance } from "./public-maintenance.ts";
import { incidentRows, nameOf, pageInstant, type PageAsk, projectHeader, publicCheck, type PublicReadDeps, recentIncidents } from "./public-status.ts";
import type { CheckPageModel, RecentRun, RunKind } from "./status-page-model.ts";

const DAY_MS = 86_400_000;
const CHECK_INCIDENTS = 50;
const RECENT_RUNS = 20;

export function checkStatus(tx: Tx, deps: PublicReadDeps, project: Project, slug: string, ask: Omit<PageAsk, "embed">, now: number): CheckPageModel | null {
  const check = tx.getPublicCheckBySlug(project.id, slug);
  if (!check) return null;
  const zone = project.statusPage.tz;
  const windows = tx.listWindows(project.id);
  const maintenance = publicMaintenance(windows, [check], nameOf, now);
  const history = deps.history.read(tx, [check], now).get(check.id);
  const view = publicCheck(check, history, {
    deps,
    exclusions: new MaintenanceExclusions(windows, now),
    edges: dayEdges(zone, BAR_DAYS, now),
    now,
    replicas: check.kind === "reporter" ? tx.listReplicas(check.id) : [],
    inMaintenance: maintenance.inMaintenance.has(check.id),
  });
  const rows = new Map([[check.id, tx.recentFlipsOfChecks([check.id], incidentRows(CHECK_INCIDENTS))]]);
  return {
    basePath: ask.basePath,
    theme: ask.theme,
    zone,
    generatedAt: pageInstant(now),
    project: projectHeader(project),
    group: check.group,
    check: view,
    incidents: recentIncidents([check], rows, now - BAR_DAYS * DAY_MS, CHECK_INCIDENTS, now),
    maintenance: { active: maintenance.active, upcoming: maintenance.upcoming },
    runs: tx.recentRuns(check.id, RECENT_RUNS).map(runOf),
  };
}

const RUN_KINDS: Readonly<Record<PublicRun["kind"], RunKind>> = { success: "success", fail: "fail", start: "start", log: "log", ign: "ign" };

function runOf(r: PublicRun): RecentRun {
  return { at: r.created, kind: RUN_KINDS[r.kind], durationMs: r.duration === null ? null : Math.round(r.duration * 1000) };
}
