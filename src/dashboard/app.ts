// The dashboard (SPEC §12): server-rendered pages under /app, declared as a route table and served
// through one guard (guard.ts). It never listens itself: the services hand it every request under
// /app, after the ping paths and before the API.
import { createPathTable } from "../http/path-table.ts";
import { requestUrl } from "../http/request-url.ts";
import { PasswordVerifier } from "../sessions/password.ts";
import { basePathOf } from "../web/base-path.ts";
import { actionRoutes } from "./check-actions.ts";
import { checkEditRoutes } from "./check-edit.ts";
import { channelRoutes } from "./channel-routes.ts";
import { channelsRoutes } from "./channels-page.ts";
import { maintenanceRoutes } from "./maintenance-page.ts";
import { newProjectRoutes } from "./new-project.ts";
import { projectRoutes } from "./project-page.ts";
import { checkRoutes } from "./check-page.ts";
import { checksRoutes } from "./checks-page.ts";
import type { DashboardDeps, PageContext } from "./context.ts";
import { errorPage } from "./error-page.ts";
import { guarded } from "./guard.ts";
import { dashboardLinks } from "./links.ts";
import { liveRoutes, StreamCount } from "./live.ts";
import { LoginLimits } from "./login-limits.ts";
import { loginRoutes } from "./login.ts";
import type { PageRoute } from "./page-route.ts";
import { previewRoutes } from "./schedule-preview.ts";

export interface Dashboard {
  readonly routes: readonly PageRoute[];
  /** answers /app and every path under it; null for any other path */
  handle(req: Request, socketAddr: string): Promise<Response> | null;
  /** event streams open now */
  readonly streams: number;
}

export function isDashboardPath(pathname: string): boolean {
  return pathname === "/app" || pathname.startsWith("/app/");
}

export function createDashboard(deps: DashboardDeps): Dashboard {
  const ctx: PageContext = { ...deps, links: () => dashboardLinks(basePathOf(deps.baseUrl())), limits: new LoginLimits(), verifier: new PasswordVerifier() };
  const count = new StreamCount();
  const routes: PageRoute[] = [
    ...loginRoutes(ctx),
    ...checksRoutes(ctx),
    ...checkRoutes(ctx),
    ...actionRoutes(ctx),
    ...liveRoutes(ctx, count),
    ...checkEditRoutes(ctx),
    ...previewRoutes(),
    ...channelsRoutes(ctx),
    ...channelRoutes(ctx),
    ...maintenanceRoutes(ctx),
    ...projectRoutes(ctx),
    ...newProjectRoutes(ctx),
  ];
  const find = createPathTable(routes);
  const serve = async (req: Request, url: URL, socketAddr: string): Promise<Response> => {
    const found = find(url.pathname);
    if (!found) return errorPage(ctx.links(), 404, "There is no such page.");
    const method = req.method === "HEAD" ? "GET" : req.method;
    const route = found.candidates.find((r) => r.method === method);
    if (!route) {
      const res = errorPage(ctx.links(), 405, "This page does not take that method.");
      res.headers.set("Allow", found.candidates.map((r) => r.method).join(", "));
      return res;
    }
    try {
      return await guarded(ctx, route, req, url, { ...found.params }, socketAddr);
    } catch (error) {
      deps.log.error("dashboard request failed", { method: req.method, path: url.pathname, error });
      return errorPage(ctx.links(), 500, "The page could not be shown; the log has the details.");
    }
  };
  return {
    routes,
    handle: (req, socketAddr) => {
      const url = requestUrl(req);
      return url !== null && isDashboardPath(url.pathname) ? serve(req, url, socketAddr) : null;
    },
    get streams() {
      return count.open;
    },
  };
}
