import { describe, expect, test } from "bun:test";
import { anApi } from "../checks/api.ts";
import { aConfiguredWorld } from "../config-file/support.ts";

describe("reporter checks in the management API", () => {
  test("are created with kind reporter, a replica policy and load thresholds, and shown without timeout or schedule", async () => {
    const a = anApi();
    const res = await a.call("POST", "/api/v3/checks/", { name: "API nodes", slug: "api", kind: "reporter", grace: 30, replica_policy: "all", load_max: { cpu: 2.5, ram: 0.9 } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ kind: "reporter", replica_policy: "all", load_max: { cpu: 2.5, ram: 0.9 }, sick: false, replicas: [], grace: 30, status: "new", next_ping: null });
    expect(res.json.timeout).toBeUndefined();
    expect(res.json.schedule).toBeUndefined();
    expect(a.rows("checks")).toMatchObject([{ kind: "reporter", replica_policy: "all", load_max_cpu: 2.5, load_max_ram: 0.9 }]);
  });

  test("a threshold left out keeps its value, null clears one, and load_max null clears both", async () => {
    const a = anApi();
    const { json } = await a.call("POST", "/api/v3/checks/", { slug: "api", kind: "reporter", load_max: { cpu: 2, ram: 0.8 } });
    const update = (body: unknown) => a.call("POST", `/api/v3/checks/${json.uuid}`, body);
    expect((await update({ load_max: { ram: 0.5 } })).json.load_max).toEqual({ cpu: 2, ram: 0.5 });
    expect((await update({ load_max: { cpu: null } })).json.load_max).toEqual({ cpu: null, ram: 0.5 });
    expect((await update({ load_max: null })).json.load_max).toEqual({ cpu: null, ram: null });
  });

  test.each([
    { name: "an unknown kind", body: { kind: "probe" }, field: "kind" },
    { name: "an unknown replica policy", body: { kind: "reporter", replica_policy: "most" }, field: "replica_policy" },
    { name: "a ram threshold above 1", body: { kind: "reporter", load_max: { ram: 1.5 } }, field: "load_max" },
    { name: "a negative cpu threshold", body: { kind: "reporter", load_max: { cpu: -1 } }, field: "load_max" },
  ])("refuses $name with 400 naming the field", async ({ body, field }) => {
    const a = anApi();
    const res = await a.call("POST", "/api/v3/checks/", body);
    expect(res.status).toBe(400);
    expect(res.json.error).toContain(field);
    expect(a.count("checks")).toBe(0);
  });

  test("a timeout given later makes a reporter a simple check again, as it does a cron check", async () => {
    const a = anApi();
    const { json } = await a.call("POST", "/api/v3/checks/", { slug: "api", kind: "reporter" });
    const res = await a.call("POST", `/api/v3/checks/${json.uuid}`, { timeout: 600 });
    expect(res.json.kind).toBeUndefined();
    expect(res.json.timeout).toBe(600);
  });

  test("the OpenAPI document describes both report routes, their body and the reporter fields", async () => {
    const a = anApi();
    const doc = (await (await a.request("/api/v3/openapi.json")).json()) as { paths: Record<string, Record<string, any>> };
    for (const path of ["/reporter/{project}/{check}", "/v1/report/{project}/{check}/"]) {
      const post = doc.paths[path]?.post;
      expect(post?.requestBody.content["application/json"].schema.required).toEqual(["replica_id", "interval"]);
      expect(Object.keys(post?.responses ?? {})).toEqual(["200", "400", "401", "404", "413"]);
    }
    const create = doc.paths["/api/v3/checks/"]!.post.requestBody.content["application/json"].schema.properties;
    expect(Object.keys(create)).toEqual(expect.arrayContaining(["kind", "replica_policy", "load_max"]));
    const shown = doc.paths["/api/v3/checks/{code}"]!.get.responses["200"].content["application/json"].schema.properties;
    expect(Object.keys(shown)).toEqual(expect.arrayContaining(["kind", "replica_policy", "load_max", "sick", "replicas"]));
  });
});

describe("reporter checks in the config file", () => {
  test("are declared with kind, replica_policy and load_max and take reports", async () => {
    const w = aConfiguredWorld();
    const result = w.apply(`
[[checks]]
slug = "api"
name = "API nodes"
kind = "reporter"
grace = 60
replica_policy = "all"
load_max = { cpu = 4.0, ram = 0.95 }
`);
    expect(result.ok).toBe(true);
    expect(await w.checkBySlug("api")).toMatchObject({ kind: "reporter", replica_policy: "all", load_max: { cpu: 4, ram: 0.95 }, grace: 60, managed: true });
    const res = await w.request("/reporter/default/api", {
      method: "POST",
      headers: { Authorization: `Basic ${Buffer.from(`:${w.keys.reporterToken}`).toString("base64")}` },
      body: JSON.stringify({ replica_id: "web-1", interval: 30 }),
    });
    expect(res.status).toBe(200);
    expect((await w.checkBySlug("api")).replicas).toMatchObject([{ replica_id: "web-1", interval: 30, load: { cpu: null, ram: null } }]);
  });

  test("a bad replica policy is a problem naming its key path", () => {
    const w = aConfiguredWorld();
    const result = w.apply(`
[[checks]]
slug = "api"
kind = "reporter"
replica_policy = "most"
`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join("\n")).toContain("checks[0].replica_policy");
  });
});
