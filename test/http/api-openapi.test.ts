import { describe, expect, test } from "bun:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { LatencyHistogram } from "../../src/http/api/metrics.ts";
import { checksApi } from "../../src/http/api/checks.ts";
import { silentLogger } from "../../src/log.ts";
import { anApi } from "../checks/api.ts";

const bare = (path: string): string => path.replace(/\/$/, "");

async function documentOf(a: ReturnType<typeof anApi>) {
  const res = await a.request("/api/v3/openapi.json");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/json");
  return (await res.json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>>; servers: { url: string }[] };
}

describe("the OpenAPI document", () => {
  test("is a valid OpenAPI 3.1 document", async () => {
    const doc = await documentOf(anApi());
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers[0]!.url).toBe("http://tocsin.test");
  });

  // The channels/maintenance routes join this check when their RouteDocs are in apiRouteDocs().
  test("documents every method of every checks, status, OpenAPI and metrics route", async () => {
    const a = anApi();
    const doc = await documentOf(a);
    const app = checksApi({
      db: a.db,
      log: silentLogger,
      now: a.clock.now,
      crons: a.services.crons,
      scheduler: a.services.scheduler,
      index: a.services.index,
      baseUrl: () => "http://tocsin.test",
      flipCommitted: () => {},
      metrics: { pingCounts: new Map(), commitLatency: new LatencyHistogram() },
    });
    const served: string[] = ["get /api/v3/status"];
    for (const route of app.routes) {
      if (!route.path.startsWith("/api/") && route.path !== "/metrics") continue;
      let methods = [route.method];
      if (route.method === "ALL") {
        // endpoints that dispatch themselves say what they accept in their CORS preflight
        const probe = route.path.replace(/:code/g, crypto.randomUUID()).replace(/:(\w+)/g, "1");
        const res = await a.request(probe, { method: "OPTIONS" });
        methods = (res.headers.get("access-control-allow-methods") ?? "").split(", ").filter((m) => m !== "OPTIONS");
      }
      for (const m of methods) served.push(`${m.toLowerCase()} ${bare(route.path.replace(/:(\w+)/g, "{$1}"))}`);
    }
    // the router serves every path with and without its trailing slash
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${bare(path)}`));
    expect(served.length).toBeGreaterThan(10);
    for (const route of served) expect(documented).toContain(route);
  });

  test("documents the ping routes, which are served outside the router", async () => {
    const doc = await documentOf(anApi());
    for (const path of ["/ping/{uuid}", "/ping/{uuid}/{event}", "/ping/{ping_key}/{slug}/{event}", "/api/push/{push_token}", "/api/v1/ping/{uuid}/{event}", "/api/ping/{uuid}"]) {
      expect(doc.paths[path]?.get).toBeDefined();
    }
  });

  test("describes request bodies with the schemas the handlers validate with", async () => {
    const doc = await documentOf(anApi());
    const create = doc.paths["/api/v3/checks/"]!.post!.requestBody!.content["application/json"]!.schema.properties;
    for (const field of ["name", "slug", "timeout", "schedule", "tz", "channels", "unique", "uuid", "max_runtime", "failure_threshold"]) expect(create[field]).toBeDefined();
    expect(create.timeout).toMatchObject({ type: "integer", minimum: 1 });
  });
});
