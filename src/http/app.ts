// createApp(deps) builds the HTTP application from the route table; it never listens itself, so
// tests drive it with app.handle(new Request(...)) and the daemon decides where it is served.
import { publicFile } from "../assets.ts";
import { renderProjectPage } from "../status-page/render.ts";
import { publicStatus } from "../views/public-status.ts";
import { basePathOf } from "../web/base-path.ts";
import { htmlResponse } from "../web/headers.ts";
import { channelRoutes } from "./api/channels.ts";
import { checkReadRoutes } from "./api/check-reads.ts";
import { checkRoutes } from "./api/checks.ts";
import type { ApiDeps } from "./api/context.ts";
import { maintenanceRoutes } from "./api/maintenance-api.ts";
import { metricsRoute } from "./api/metrics.ts";
import { monitorRoutes } from "./api/monitors.ts";
import { openApiRoute } from "./api/openapi.ts";
import { projectRoutes } from "./api/project.ts";
import { type Call, route, type Route } from "./route.ts";
import { createRouter } from "./router.ts";
import { requestUrl } from "./request-url.ts";

export interface AppDeps extends ApiDeps {
  readonly statusAtRoot: boolean;
}

export interface App {
  readonly routes: readonly Route[];
  handle(req: Request): Promise<Response>;
}

export function createApp(deps: AppDeps): App {
  const routes: Route[] = [
    ...serviceRoutes(deps),
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
    handle: async (req) => {
      const url = requestUrl(req);
      if (url === null) return Response.json({ error: "malformed request URL or Host header" }, { status: 400 });
      return router(req, url);
    },
  };
}

function serviceRoutes(deps: AppDeps): Route[] {
  // links and assets live under the base URL's path (https://example.org/tocsin → /tocsin/static/...)
  const statusPage = (call: Call): Response =>
    htmlResponse(renderProjectPage({ ...deps.store.read((tx) => publicStatus(tx, deps.crons, deps.now())), basePath: basePathOf(call.baseUrl) }));
  const page = { description: "Server-rendered HTML", contentType: "text/html" };
  const routes: Route[] = [
    route({
      method: "GET",
      path: "/api/v3/status/",
      auth: "none",
      doc: {
        summary: "OK when the database answers and its last write succeeded",
        tag: "status",
        responses: { "200": { description: "OK", contentType: "text/plain" }, "503": { description: "`database unavailable`, or `database writes are failing: <reason>` (e.g. the disk is full)", contentType: "text/plain" } },
      },
      handle: () => {
        const noStore = { "Cache-Control": "no-store" };
        if (!deps.store.answers()) return new Response("database unavailable", { status: 503, headers: noStore });
        const writes = deps.store.writeHealth();
        if (!writes.ok) return new Response(`database writes are failing: ${writes.reason}`, { status: 503, headers: noStore });
        return new Response("OK", { headers: noStore });
      },
    }),
    route({ method: "GET", path: "/status", auth: "none", doc: { summary: "Public status page", tag: "status page", responses: { "200": page } }, handle: (call) => statusPage(call) }),
    route({
      method: "GET",
      path: "/static/:file",
      auth: "none",
      doc: { summary: "Web assets (CSS, SVG, JavaScript)", tag: "status page", responses: { "200": { description: "The file, with its content type" }, "404": { description: "not found", contentType: "text/plain" } } },
      handle: ({ params }) => fileResponse(params.file ?? ""),
    }),
    route({
      method: "GET",
      path: "/",
      auth: "none",
      doc: { summary: "The dashboard (/app), or the public status page when TOCSIN_STATUS_AT_ROOT=1", tag: "status page", responses: { "200": page, "303": { description: "to the dashboard", contentType: "text/plain" } } },
      handle: (call) => (deps.statusAtRoot ? statusPage(call) : new Response(null, { status: 303, headers: { Location: `${basePathOf(call.baseUrl)}/app` } })),
    }),
  ];
  return routes;
}

function fileResponse(name: string): Response {
  const file = publicFile(name);
  if (!file) return new Response("not found", { status: 404 });
  return new Response(file, { headers: { "Content-Type": file.type, "Cache-Control": "public, max-age=300" } });
}
