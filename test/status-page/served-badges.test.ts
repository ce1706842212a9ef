// Badges as served (SPEC §9): a project's tag badges, a check's keyed badges, their formats and
// options, the listing of GET /api/v3/badges/, and validators.
import { describe, expect, test } from "bun:test";
import { badgeJsonSchema, shieldsJsonSchema } from "../../src/status-page/badge.ts";
import { aStatusWorld } from "./served.ts";
import { all, parseXml } from "./xml.ts";

const BASE = "http://tocsin.test";

async function badgeWorld() {
  const w = aStatusWorld();
  const up = await w.check({ name: "Backup", slug: "backup", tags: "db prod", timeout: 3600, grace: 3600 });
  const late = await w.check({ name: "Reports", slug: "reports", tags: "prod", timeout: 60, grace: 3600 });
  const down = await w.check({ name: "Export", slug: "export", tags: "db" });
  await w.ping(up.uuid);
  await w.ping(late.uuid);
  await w.ping(down.uuid, "/fail");
  w.clock.advance(10 * 60_000);
  await w.ping(up.uuid);
  const project = w.tx.getProjectById(w.project.id)!;
  const keyOf = (c: { uuid: string }) => w.tx.getCheckByUuid(c.uuid)!.badgeKey!;
  return { ...w, up, late, down, projectKey: project.badgeKey, keyOf };
}

describe("tag badges", () => {
  test.each([
    { name: "3 states by default: late shows", path: "prod.json", json: { status: "late", total: 2, grace: 1, down: 0 } },
    { name: "2 states: late counts as up", path: "2/prod.json", json: { status: "up", total: 2, grace: 1, down: 0 } },
    { name: "a tag with a down check", path: "3/db.json", json: { status: "down", total: 2, grace: 0, down: 1 } },
    { name: "* is every check of the project", path: "*.json", json: { status: "down", total: 3, grace: 1, down: 1 } },
    { name: "a tag no check has", path: "nothing.json", json: { status: "up", total: 0, grace: 0, down: 0 } },
  ])("$name", async ({ path, json }) => {
    const w = await badgeWorld();
    const res = await w.visit(`/badge/${w.projectKey}/${path}`);
    expect(res.status).toBe(200);
    expect(badgeJsonSchema.parse(JSON.parse(res.text))).toEqual(json);
  });

  test("the Shields endpoint answers its schema with the tag as label", async () => {
    const w = await badgeWorld();
    const res = await w.visit(`/badge/${w.projectKey}/db.shields`);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(shieldsJsonSchema.strict().parse(JSON.parse(res.text))).toEqual({ schemaVersion: 1, label: "db", message: "down", color: "red" });
  });

  test.each(["/badge/not-a-key/prod.svg", "/badge/KEY/4/prod.svg", "/badge/KEY/prod.png", "/b/3/not-a-key.svg", "/b/1/KEY.svg"])("%s is a 404", async (path) => {
    const w = await badgeWorld();
    expect((await w.visit(path.replace("KEY", w.projectKey))).status).toBe(404);
  });
});

describe("SVG badges", () => {
  test.each([
    { query: "", height: "20" },
    { query: "?theme=dark&size=xl&variant=outline", height: "34" },
    { query: "?size=lg", height: "28" },
    { query: "?theme=nonsense&size=huge", height: "20" },
  ])("parse as XML with a title and both texts ($query)", async ({ query, height }) => {
    const w = await badgeWorld();
    const res = await w.visit(`/b/3/${w.keyOf(w.down)}.svg${query}`);
    expect(res.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toStartWith("default-src 'none'");
    const svg = parseXml(res.text);
    expect(svg.name).toBe("svg");
    expect(svg.attrs.height).toBe(height);
    expect(all(svg, "title")[0]!.text).toBe("Export: down");
    expect(all(svg, "text").map((t) => t.text)).toEqual(["Export", "down"]);
  });

  test("a long check name widens the badge by its measured text, so it never overflows", async () => {
    const w = await badgeWorld();
    const long = await w.check({ name: "W".repeat(60), slug: "long" });
    const short = await w.check({ name: "i".repeat(60), slug: "short" });
    const width = async (c: { uuid: string }) => {
      const svg = parseXml((await w.visit(`/b/2/${w.keyOf(c)}.svg`)).text);
      const label = all(svg, "text")[0]!;
      return { total: Number(svg.attrs.width), text: Number(label.attrs.textLength), x: Number(label.attrs.x) };
    };
    const wide = await width(long);
    const narrow = await width(short);
    expect(wide.text).toBeGreaterThan(3 * narrow.text);
    // the label's text, centred at x, fits inside the badge with room for the status
    for (const b of [wide, narrow]) expect(b.x + b.text / 2).toBeLessThan(b.total - 20);
  });
});

describe("keyed check badges", () => {
  test("show the check's state in 3 or 2 states", async () => {
    const w = await badgeWorld();
    const svg3 = parseXml((await w.visit(`/b/3/${w.keyOf(w.late)}.svg`)).text);
    const svg2 = parseXml((await w.visit(`/b/2/${w.keyOf(w.late)}.svg`)).text);
    expect(all(svg3, "text")[1]!.text).toBe("late");
    expect(all(svg2, "text")[1]!.text).toBe("up");
  });

  test("answer 304 to their ETag until the status changes", async () => {
    const w = await badgeWorld();
    const path = `/b/3/${w.keyOf(w.up)}.svg`;
    const etag = (await w.visit(path)).headers.get("etag")!;
    expect((await w.visit(path, { "If-None-Match": etag })).status).toBe(304);
    await w.ping(w.up.uuid, "/fail");
    const changed = await w.visit(path, { "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.text).toContain(">down</text>");
  });
});

describe("GET /api/v3/badges/", () => {
  test("lists every tag and * with Healthchecks' six URLs, each of which answers", async () => {
    const w = await badgeWorld();
    const res = await w.call("GET", "/api/v3/badges/", undefined, w.keys.apiKeyReadOnly);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json.badges)).toEqual(["*", "db", "prod"]);
    expect(res.json.badges.db).toEqual({
      svg: `${BASE}/badge/${w.projectKey}/2/db.svg`,
      svg3: `${BASE}/badge/${w.projectKey}/db.svg`,
      json: `${BASE}/badge/${w.projectKey}/2/db.json`,
      json3: `${BASE}/badge/${w.projectKey}/db.json`,
      shields: `${BASE}/badge/${w.projectKey}/2/db.shields`,
      shields3: `${BASE}/badge/${w.projectKey}/db.shields`,
    });
    for (const urls of Object.values(res.json.badges) as Record<string, string>[]) {
      for (const url of Object.values(urls)) expect({ url, status: (await w.visit(url.slice(BASE.length))).status }).toEqual({ url, status: 200 });
    }
    expect((await w.call("GET", "/api/v3/badges/", undefined, null)).status).toBe(401);
  });
});
