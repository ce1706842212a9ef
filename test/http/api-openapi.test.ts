import { describe, expect, test } from "bun:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LatencyHistogram } from "../../src/http/api/latency-histogram.ts";
import { openApiRoute, openApiText } from "../../src/http/api/openapi.ts";
import { documentedApp } from "../../src/http/documented-app.ts";
import { createApp } from "../../src/http/app.ts";
import { silentLogger } from "../../src/log.ts";
import { anApi } from "../checks/api.ts";

const bare = (path: string): string => path.replace(/\/$/, "");

async function documentOf(a: ReturnType<typeof anApi>) {
  const res = await a.request("/api/v3/openapi.json");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/json");
  return (await res.json()) as { openapi: string; paths: Record<string, Record<string, { tags?: string[]; requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>>; servers: { url: string }[] };
}

describe("the OpenAPI document", () => {
  test("shipped in generated/openapi.json is the one the route table makes (npm run openapi rewrites it)", () => {
    const shipped = readFileSync(join(import.meta.dir, "../../generated/openapi.json"), "utf8");
    expect(shipped === openApiText(documentedApp().routes) ? "current" : "stale: run npm run openapi").toBe("current");
  });

  test("is served with the base URL of the request in servers, from the shipped file or, without it, built from the routes", async () => {
    const routes = documentedApp().routes;
    for (const shipped of [() => openApiText(routes), () => null]) {
      const r = openApiRoute(() => routes, shipped);
      const call = { baseUrl: 'http://h.test/sub"path' } as Parameters<typeof r.handle>[0];
      const doc = (await (await r.handle(call)).json()) as { servers: { url: string }[]; paths: Record<string, unknown> };
      expect(doc.servers).toEqual([{ url: 'http://h.test/sub"path' }]);
      expect(Object.keys(doc.paths).length).toBeGreaterThan(25);
    }
  });

  test("is a valid OpenAPI 3.1 document", async () => {
    const doc = await documentOf(anApi());
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers[0]!.url).toBe("http://tocsin.test");
  });

  test("documents every method of every route the app serves, and no route it does not serve", async () => {
    const a = anApi();
    const doc = await documentOf(a);
    const app = createApp({
      store: a.store,
      log: silentLogger,
      now: a.clock.now,
      crons: a.services.crons,
      publish: a.services.publish,
      baseUrl: () => "http://tocsin.test",
      emailDomain: null,
      testChannel: async () => ({ status: "ok", error: "", durationMs: 0, attemptId: 0 }),
      metrics: { pingCounts: new Map(), commitLatency: new LatencyHistogram(), notifications: () => [], deadlines: () => 0 },
      // serves the status page at / as well
      statusAtRoot: true,
    });
    const served = new Set<string>();
    for (const route of app.routes) {
      // the router says what each path accepts in its CORS preflight
      const probe = route.path.replace(/:code/g, crypto.randomUUID()).replace(/:(\w+)/g, "1");
      const res = await app.handle(new Request(`http://tocsin.test${probe}`, { method: "OPTIONS" }));
      const methods = (res.headers.get("access-control-allow-methods") ?? "").split(", ").filter((m) => m !== "OPTIONS");
      expect(methods).toContain(route.method);
      for (const m of methods) served.add(`${m.toLowerCase()} ${bare(route.path.replace(/:(\w+)/g, "{$1}"))}`);
    }
    // the router serves every path with and without its trailing slash
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${bare(path)}`)));
    expect(served.size).toBeGreaterThan(25);
    expect([...served].filter((r) => !documented.has(r))).toEqual([]);
    // the ping routes are served before the router (see the next test); everything else must be
    const pings = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => op.tags?.includes("pings")).map(([m]) => `${m} ${bare(path)}`)));
    expect([...documented].filter((r) => !served.has(r) && !pings.has(r))).toEqual([]);
  });

  test("documents the ping routes, which are served outside the router", async () => {
    const doc = await documentOf(anApi());
    for (const path of ["/ping/{uuid}", "/ping/{uuid}/{event}", "/ping/{ping_key}/{slug}/{event}", "/api/push/{push_token}", "/api/v1/ping/{uuid}/{event}", "/api/ping/{uuid}", "/p/{ping_key}/{slug}"]) {
      expect(doc.paths[path]?.get).toBeDefined();
    }
  });

  test("describes request bodies with the schemas the handlers validate with", async () => {
    const doc = await documentOf(anApi());
    const create = doc.paths["/api/v3/checks/"]!.post!.requestBody!.content["application/json"]!.schema.properties;
    for (const field of ["name", "slug", "timeout", "schedule", "tz", "channels", "unique", "uuid", "max_runtime", "failure_threshold"]) expect(create[field]).toBeDefined();
    expect(create.timeout).toMatchObject({ type: "integer", minimum: 1 });
    const body = (path: string) => Object.keys(doc.paths[path]!.post!.requestBody!.content["application/json"]!.schema.properties).sort();
    expect(body("/api/v3/channels/")).toEqual(["kind", "name", "settings"]);
    expect(body("/api/v3/maintenance/")).toEqual(["cron", "duration", "end", "name", "slugs", "start", "tags", "tz"]);
    expect(body("/api/v3/project")).toEqual(["check_limit", "description", "logo_url", "name", "password", "ping_auth", "ping_create", "status_page", "title", "tz"]);
    expect(body("/api/v1/monitors")).toEqual(["group", "heartbeat_grace_period", "heartbeat_interval", "maintenance_windows", "monitor_type", "name", "paused", "public", "slug"]);
    expect(create.rules).toMatchObject({ type: "array", maxItems: 20 });
  });
});
