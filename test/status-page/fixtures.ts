// Named builders for status page models: a sensible public page, changed field by field.
import type { CheckPageModel, DayBar, FeedModel, Incident, MaintenanceItem, PasswordPageModel, ProjectPageModel, PublicCheck } from "../../src/views/status-page-model.ts";

export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** 90 days ending today (UTC), all fully up unless changed. */
export function days(change: (i: number) => Partial<DayBar> = () => ({})): DayBar[] {
  const today = Math.floor(NOW / DAY) * DAY;
  return Array.from({ length: 90 }, (_, i) => ({ start: today - (89 - i) * DAY, uptime: 100, downtimeMs: 0, incidents: 0, ...change(i) }));
}

export function aPublicCheck(c: Partial<PublicCheck> = {}): PublicCheck {
  return {
    name: "Nightly backup",
    slug: "nightly-backup",
    status: "up",
    failing: false,
    inMaintenance: false,
    lastRun: { at: NOW - 5 * 60_000, durationMs: 125_000 },
    history: days(),
    uptime: { "1d": 100, "7d": 100, "30d": 99.95, "90d": 99.9 },
    ...c,
  };
}

export function anIncident(i: Partial<Incident> = {}): Incident {
  return { checkName: "Nightly backup", checkSlug: "nightly-backup", start: NOW - 3 * HOUR, end: NOW - 1 * HOUR, ...i };
}

export function aWindow(m: Partial<MaintenanceItem> = {}): MaintenanceItem {
  return { name: "Database upgrade", start: NOW + DAY, end: NOW + DAY + 2 * HOUR, checks: ["Nightly backup"], ...m };
}

export function aProjectPage(m: Partial<ProjectPageModel> = {}): ProjectPageModel {
  return {
    basePath: "",
    zone: "UTC",
    theme: "auto",
    generatedAt: NOW,
    project: { slug: "acme", title: "Acme status", description: "Jobs that keep Acme running.", logoUrl: null },
    embed: null,
    overall: "operational",
    groups: [{ name: "Storage", checks: [aPublicCheck()] }],
    incidents: [anIncident()],
    maintenance: { active: [], upcoming: [aWindow()] },
    ...m,
  };
}

export function aCheckPage(m: Partial<CheckPageModel> = {}): CheckPageModel {
  return {
    basePath: "",
    zone: "UTC",
    theme: "auto",
    generatedAt: NOW,
    project: { slug: "acme", title: "Acme status", description: "", logoUrl: null },
    group: "Storage",
    check: aPublicCheck(),
    incidents: [anIncident()],
    maintenance: { active: [], upcoming: [aWindow()] },
    runs: [
      { at: NOW - 5 * 60_000, kind: "success", durationMs: 125_000 },
      { at: NOW - 7 * 60_000, kind: "start", durationMs: null },
      { at: NOW - DAY, kind: "fail", durationMs: 3_000 },
    ],
    ...m,
  };
}

export function aPasswordPage(m: Partial<PasswordPageModel> = {}): PasswordPageModel {
  return { basePath: "", theme: "auto", project: { title: "Acme status", logoUrl: null }, path: "/status/acme", error: null, ...m };
}

export function aFeed(m: Partial<FeedModel> = {}): FeedModel {
  const page = aProjectPage();
  return { baseUrl: "https://status.example.org", project: page.project, overall: page.overall, groups: page.groups, incidents: page.incidents, maintenance: page.maintenance, zone: page.zone, generatedAt: page.generatedAt, ...m };
}
