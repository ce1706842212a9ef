// createApp(deps) builds the HTTP application from the route table; it never listens itself, so
// tests drive it with app.handle(new Request(...)) and the daemon decides where it is served.
import { publicFile } from "../assets.ts";
import { PasswordVerifier } from "../sessions/password.ts";
import { RowMemo } from "../status-page/render.ts";
import { HistoryCache } from "../views/history-cache.ts";
import { channelRoutes } from "./api/channels.ts";
import { checkReadRoutes } from "./api/check-reads.ts";
import { checkRoutes } from "./api/checks.ts";
import type { ApiDeps } from "./api/context.ts";
import { maintenanceRoutes } from "./api/maintenance-api.ts";
import { metricsRoute } from "./api/metrics.ts";
import { monitorRoutes } from "./api/monitors.ts";
import { openApiRoute } from "./api/openapi.ts";
import { projectRoutes } from "./api/project.ts";
import { route, type Route } from "./route.ts";
import { createRouter } from "./router.ts";
import { requestUrl } from "./request-url.ts";
import { probeAnswer, STATUS_PROBE_PATH } from "./status-probe.ts";
import { StatusAccess } from "./status-pages/access.ts";
import { badgeRoutes } from "./status-pages/badge-routes.ts";
import { feedRoutes } from "./status-pages/feed-routes.ts";
import type { StatusPageDeps } from "./status-pages/gate.ts";
import { statusPageRoutes } from "./status-pages/page-routes.ts";

export interface AppDeps extends ApiDeps {
  readonly statusAtRoot: boolean;
  /** TOCSIN_TRUST_PROXY: status pages take client addresses and https from the proxy's headers */
  readonly trustProxy?: boolean;
}

export interface App {
  readonly routes: readonly Route[];
  /** `socketAddr`: the client's socket address (password attempts are limited per address) */
  handle(req: Request, socketAddr?: string): Promise<Response>;
}

export function createApp(deps: AppDeps): App {
  // status pages keep their checks' final history between requests, and verify passwords one at a time
  const status: StatusPageDeps = {
    store: deps.store,
    crons: deps.crons,
    now: deps.now,
    trustProxy: deps.trustProxy ?? false,
    statusAtRoot: deps.statusAtRoot,
    history: new HistoryCache(),
    rows: new RowMemo(),
    access: new StatusAccess(deps.store, new PasswordVerifier()),
  };
  const routes: Route[] = [
    ...serviceRoutes(deps),
    ...statusPageRoutes(status),
    ...feedRoutes(status),
    ...badgeRoutes(status),
    ...checkRoutes(deps),
    ...checkReadRoutes(deps),
    ...channelRoutes(deps),
    ...maintenanceRoutes(deps),
    ...projectRoutes(deps),
    ...monitorRoutes(deps),
    metricsRoute(deps),
  ];
  routes.push(openApiRoute(() => routes));
  const router = createRouter(routes, deps);
  return {
    routes,
    handle: async (req, socketAddr = "") => {
      const url = requestUrl(req);
      if (url === null) return Response.json({ error: "malformed request URL or Host header" }, { status: 400 });
      return router(req, url, socketAddr);
    },
  };
}

function serviceRoutes(deps: AppDeps): Route[] {
  const routes: Route[] = [
    route({
      method: "GET",
      path: STATUS_PROBE_PATH,
      auth: "none",
      doc: {
        summary: "OK when the database answers and its last write succeeded",
        tag: "status",
        responses: { "200": { description: "OK", contentType: "text/plain" }, "503": { description: "`database unavailable`, or `database writes are failing: <reason>` (e.g. the disk is full)", contentType: "text/plain" } },
      },
      handle: () => probeAnswer(deps.store),
    }),
    route({
      method: "GET",
      path: "/static/:file",
      auth: "none",
      doc: { summary: "Web assets (CSS, SVG, JavaScript)", tag: "status page", responses: { "200": { description: "The file, with its content type" }, "404": { description: "not found", contentType: "text/plain" } } },
      handle: ({ params }) => fileResponse(params.file ?? ""),
    }),
  ];
  return routes;
}

function fileResponse(name: string): Response {
  const file = publicFile(name);
  if (!file) return new Response("not found", { status: 404 });
  return new Response(file, { headers: { "Content-Type": file.type, "Cache-Control": "public, max-age=300" } });
}
