// Every URL the dashboard renders, under the install's base path (SPEC §2: Tocsin served at
// https://example.org/tocsin links to /tocsin/app/...).
import type { ChecksFilter } from "../views/dashboard-checks.ts";
import { assetPath, normalizeBasePath } from "../web/base-path.ts";

export interface DashboardLinks {
  /** /app: the cookie's path too */
  readonly root: string;
  login(next?: string): string;
  readonly logout: string;
  /** GET form target of the project switcher */
  readonly switchProject: string;
  project(slug: string, filter?: Partial<ChecksFilter>, page?: number): string;
  projectEvents(slug: string, filter: ChecksFilter): string;
  check(uuid: string): string;
  checkEvents(uuid: string): string;
  checkAction(uuid: string, action: "pause" | "resume" | "mute" | "delete"): string;
  pingBody(uuid: string, n: number): string;
  asset(name: string): string;
  newCheck(project: string): string;
  editCheck(uuid: string): string;
  /** GET: the next fire times of ?schedule=&tz= as a fragment (the check form's live preview) */
  readonly schedulePreview: string;
  channels(project: string): string;
  newChannel(project: string, kind?: string): string;
  assignChannels(project: string): string;
  channel(id: string): string;
  channelAction(id: string, action: "test" | "delete"): string;
  maintenance(project: string): string;
  deleteWindow(project: string, id: string): string;
  settings(project: string): string;
  rotateKey(project: string): string;
  readonly newProject: string;
  /** the project's public status page (outside the dashboard) */
  statusPage(project: string): string;
}

export function dashboardLinks(basePath: string): DashboardLinks {
  const base = normalizeBasePath(basePath);
  const root = `${base}/app`;
  const project = (slug: string) => `${root}/projects/${encodeURIComponent(slug)}`;
  const check = (uuid: string) => `${root}/checks/${encodeURIComponent(uuid)}`;
  const channel = (id: string) => `${root}/channels/${encodeURIComponent(id)}`;
  return {
    root,
    login: (next) => `${root}/login${next ? `?next=${encodeURIComponent(next)}` : ""}`,
    logout: `${root}/logout`,
    switchProject: `${root}/projects`,
    project: (slug, filter = {}, page = 1) => project(slug) + filterQuery(filter, page),
    projectEvents: (slug, filter) => `${project(slug)}/events${filterQuery(filter)}`,
    check,
    checkEvents: (uuid) => `${check(uuid)}/events`,
    checkAction: (uuid, action) => `${check(uuid)}/${action}`,
    pingBody: (uuid, n) => `${check(uuid)}/pings/${n}/body`,
    asset: (name) => assetPath(base, name),
    newCheck: (slug) => `${project(slug)}/checks/new`,
    editCheck: (uuid) => `${check(uuid)}/edit`,
    schedulePreview: `${root}/schedule-preview`,
    channels: (slug) => `${project(slug)}/channels`,
    newChannel: (slug, kind) => `${project(slug)}/channels/new${kind ? `?kind=${encodeURIComponent(kind)}` : ""}`,
    assignChannels: (slug) => `${project(slug)}/channels/assign`,
    channel,
    channelAction: (id, action) => `${channel(id)}/${action}`,
    maintenance: (slug) => `${project(slug)}/maintenance`,
    deleteWindow: (slug, id) => `${project(slug)}/maintenance/${encodeURIComponent(id)}/delete`,
    settings: (slug) => `${project(slug)}/settings`,
    rotateKey: (slug) => `${project(slug)}/keys`,
    newProject: `${root}/new-project`,
    statusPage: (slug) => `${base}/status/${encodeURIComponent(slug)}`,
  };
}

function filterQuery(f: Partial<ChecksFilter>, page = 1): string {
  const q = new URLSearchParams();
  if (f.q) q.set("q", f.q);
  if (f.status) q.set("status", f.status);
  if (f.tag) q.set("tag", f.tag);
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s === "" ? "" : `?${s}`;
}

/**
 * Where a login may send the browser afterwards: only a dashboard path of this install, never
 * another site ("//evil.example", "/app\\@evil") or a path outside the dashboard.
 */
export function safeNext(next: string | null, links: DashboardLinks): string {
  if (next === null || next.length > 500) return links.root;
  const ok = (next === links.root || next.startsWith(`${links.root}/`) || next.startsWith(`${links.root}?`)) && /^[A-Za-z0-9/_.~%?=&+-]*$/.test(next);
  return ok && !next.includes("//") && !next.startsWith(`${links.root}/login`) ? next : links.root;
}
