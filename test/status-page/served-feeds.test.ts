// Feeds as served (SPEC §9): Atom that parses as XML with RFC 4287's required elements, and a JSON
// Feed that matches the schema the OpenAPI document publishes.
import { describe, expect, test } from "bun:test";
import { z } from "zod";
import { jsonFeedSchema } from "../../src/status-page/json-feed.ts";
import { aStatusWorld, HOUR } from "./served.ts";
import { all, childText, parseXml } from "./xml.ts";

const ATOM = "http://www.w3.org/2005/Atom";

async function feedWorld() {
  const w = aStatusWorld();
  await w.settings({ title: "Acme status", description: "Jobs of Acme." });
  const c = await w.check({ name: "Backup", slug: "backup", public: true, timeout: 86_400 });
  await w.ping(c.uuid);
  w.clock.advance(HOUR);
  await w.ping(c.uuid, "/fail");
  w.clock.advance(HOUR);
  await w.ping(c.uuid);
  const now = w.clock.now() / 1000;
  await w.call("POST", "/api/v3/maintenance/", { name: "Storage move", start: now + 3600, end: now + 7200, slugs: ["backup"] });
  return w;
}

describe("the Atom feed", () => {
  test("parses as XML and has the feed's and every entry's required elements", async () => {
    const w = await feedWorld();
    for (const path of ["/status/default/feed.atom", "/status/feed.atom"]) {
      const res = await w.visit(path);
      expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
      const feed = parseXml(res.text);
      expect(feed.name).toBe("feed");
      expect(res.text).toContain(`<feed xmlns="${ATOM}">`);
      for (const name of ["id", "title", "updated"]) expect({ name, text: childText(feed, name) !== "" }).toEqual({ name, text: true });
      expect(childText(feed, "title")).toBe("Acme status");
      expect(all(feed, "author").length).toBeGreaterThan(0);
      expect(feed.children.some((c) => c.name === "link" && c.attrs.rel === "self" && c.attrs.href === "http://tocsin.test/status/default/feed.atom")).toBe(true);
      const entries = all(feed, "entry");
      expect(entries.map((e) => e.children.find((c) => c.name === "category")!.attrs.term)).toEqual(["state", "incident", "maintenance"]);
      for (const e of entries) {
        for (const name of ["id", "title", "updated"]) expect({ name, text: childText(e, name) !== "" }).toEqual({ name, text: true });
        expect(childText(e, "updated")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
      }
      expect(childText(entries[1]!, "title")).toBe("Backup was down for 1 h");
    }
  });
});

describe("the JSON feed", () => {
  test("matches its schema, the one the OpenAPI document publishes for it", async () => {
    const w = await feedWorld();
    for (const path of ["/status/default/feed.json", "/status.json", "/status/feed.json"]) {
      const res = await w.visit(path);
      expect(res.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
      const feed = jsonFeedSchema.strict().parse(JSON.parse(res.text));
      expect(feed._tocsin.checks).toEqual([{ name: "Backup", group: "", url: "http://tocsin.test/status/default/backup", status: "up", label: "up", last_run: "2026-01-15T14:00:00+00:00", uptime: expect.any(Object) }]);
      expect(feed.items.map((i) => i._tocsin.kind)).toEqual(["state", "incident", "maintenance"]);
    }
    const doc = JSON.parse((await w.visit("/api/v3/openapi.json")).text);
    const published = doc.paths["/status/{project}/feed.json"].get.responses["200"].content["application/feed+json"].schema;
    const { $schema: _drop, ...expected } = z.toJSONSchema(jsonFeedSchema, { target: "draft-2020-12", io: "output", unrepresentable: "any" }) as Record<string, unknown>;
    expect(published).toEqual(expected);
  });
});
