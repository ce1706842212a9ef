// createApp(deps) builds the HTTP application; it never listens itself, so tests drive it with
// app.handle(new Request(...)) and main.ts decides where it is served.
import type { Database } from "bun:sqlite";
import { Elysia } from "elysia";
import { publicFile } from "../assets.ts";
import { statusPageResponse } from "../status-page/page.ts";
import { databaseAnswers } from "../store/db.ts";
import { channelsApi } from "./api/channels.ts";
import { checksApi } from "./api/checks.ts";
import type { ApiDeps } from "./api/context.ts";

export interface AppDeps extends ApiDeps {
  readonly statusAtRoot: boolean;
}

export function createApp(deps: AppDeps) {
  const statusPage = (): Response => statusPageResponse(deps.db, deps.crons, deps.now());
  const app = new Elysia()
    .onError(({ code, error }) => {
      // expected client errors get their status; anything else is logged and hidden
      if (code === "NOT_FOUND") return new Response("not found", { status: 404 });
      if (code === "PARSE") return Response.json({ error: "could not parse request body" }, { status: 400 });
      deps.log.error("request failed", { code: String(code), error });
      return Response.json({ error: "internal error" }, { status: 500 });
    })
    .get("/api/v3/status/", () => statusText(deps.db))
    .get("/api/v3/status", () => statusText(deps.db))
    .get("/status", statusPage)
    .get("/static/:file", ({ params }) => fileResponse(params.file))
    .use(checksApi(deps))
    .use(channelsApi(deps));
  if (deps.statusAtRoot) app.get("/", statusPage);
  return app;
}

function statusText(db: Database): Response {
  return databaseAnswers(db)
    ? new Response("OK", { headers: { "Cache-Control": "no-store" } })
    : new Response("database unavailable", { status: 503 });
}

function fileResponse(name: string): Response {
  const file = publicFile(name);
  if (!file) return new Response("not found", { status: 404 });
  return new Response(file, { headers: { "Content-Type": file.type, "Cache-Control": "public, max-age=300" } });
}
