import { describe, expect, test } from "bun:test";
import { z } from "zod";
import { renderAtomFeed } from "../../src/status-page/atom.ts";
import { jsonFeed, jsonFeedSchema } from "../../src/status-page/json-feed.ts";
import { aFeed, anIncident, aPublicCheck, aWindow, NOW } from "./fixtures.ts";
import { all, childText, parseXml } from "./xml.ts";

const HOUR = 3_600_000;
const ATOM = "http://www.w3.org/2005/Atom";

const busy = aFeed({
  overall: "outage",
  groups: [{ name: "Storage", checks: [aPublicCheck({ status: "down" }), aPublicCheck({ name: "Sync", slug: null })] }],
  incidents: [anIncident({ start: NOW - HOUR, end: null }), anIncident({ checkName: "Sync", checkSlug: null, start: NOW - 30 * HOUR, end: NOW - 29 * HOUR })],
  maintenance: { active: [aWindow({ name: "Disk swap", start: NOW - HOUR, end: NOW + HOUR })], upcoming: [aWindow()] },
});

describe("the Atom feed", () => {
  const feed = parseXml(renderAtomFeed(busy));

  test("is well-formed Atom 1.0 with an id, title, updated time, links and an author", () => {
    expect(feed.name).toBe("feed");
    expect(feed.attrs.xmlns).toBe(ATOM);
    expect(childText(feed, "id")).toBe("https://status.example.org/status/acme");
    expect(childText(feed, "title")).toBe("Acme status");
    expect(childText(feed, "updated")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    const links = feed.children.filter((c) => c.name === "link").map((l) => `${l.attrs.rel} ${l.attrs.href}`);
    expect(links).toEqual(["alternate https://status.example.org/status/acme", "self https://status.example.org/status/acme/feed.atom"]);
    expect(all(feed, "author").length).toBe(1);
  });

  test("has the current state, one entry per incident and one per maintenance window", () => {
    const entries = all(feed, "entry");
    expect(entries.map((e) => all(e, "category")[0]!.attrs.term)).toEqual(["state", "incident", "incident", "maintenance", "maintenance"]);
    expect(entries.map((e) => childText(e, "title"))).toEqual([
      "Some jobs are down",
      "Nightly backup is down",
      "Sync was down for 1 h",
      "Maintenance now: Disk swap",
      "Planned maintenance: Database upgrade",
    ]);
    for (const e of entries) {
      for (const field of ["id", "title", "updated", "published", "content"]) expect(childText(e, field)).not.toBe("");
      expect(all(e, "link")[0]!.attrs.href).toStartWith("https://status.example.org/status/acme");
    }
    const ids = entries.map((e) => childText(e, "id"));
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("gives an entry the same id on every fetch, so readers do not see it twice", () => {
    const later = parseXml(renderAtomFeed({ ...busy, generatedAt: NOW + 10 * 60_000 }));
    expect(all(later, "entry").map((e) => childText(e, "id"))).toEqual(all(feed, "entry").map((e) => childText(e, "id")));
  });

  test("dates the current state by its last change, and the feed by its latest entry up to now", () => {
    const state = all(feed, "entry")[0]!;
    expect(childText(state, "updated")).toBe("2026-01-15T11:00:00+00:00");
    expect(childText(feed, "updated")).toBe("2026-01-15T11:00:00+00:00");
    expect(childText(state, "content")).toContain("Nightly backup: down");
  });

  test("tells an incident's period in the page's zone", () => {
    const riga = parseXml(renderAtomFeed({ ...busy, zone: "Europe/Riga" }));
    expect(childText(all(riga, "entry")[2]!, "content")).toBe("Sync was down from 2026-01-14 08:00 (Europe/Riga) to 2026-01-14 09:00 (Europe/Riga): 1 h.");
  });
});

describe("the JSON feed", () => {
  const feed = jsonFeed(busy);

  test("parses with its schema after a JSON round trip", () => {
    const parsed = jsonFeedSchema.safeParse(JSON.parse(JSON.stringify(feed)));
    expect(parsed.success).toBe(true);
  });

  test("is a JSON Feed 1.1 with the same entries as the Atom feed", () => {
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.home_page_url).toBe("https://status.example.org/status/acme");
    expect(feed.feed_url).toBe("https://status.example.org/status/acme/feed.json");
    const atomIds = all(parseXml(renderAtomFeed(busy)), "entry").map((e) => childText(e, "id"));
    expect(feed.items.map((i) => i.id)).toEqual(atomIds);
    expect(feed.items[1]!._tocsin).toEqual({ kind: "incident", start: "2026-01-15T11:00:00+00:00", end: null, checks: ["Nightly backup"] });
  });

  test("carries the overall state and each public check's status word, page and uptime", () => {
    expect(feed._tocsin.status).toBe("outage");
    expect(feed._tocsin.checks).toEqual([
      { name: "Nightly backup", group: "Storage", url: "https://status.example.org/status/acme/nightly-backup", status: "down", label: "down", last_run: "2026-01-15T11:55:00+00:00", uptime: { "1d": 100, "7d": 100, "30d": 99.95, "90d": 99.9 } },
      { name: "Sync", group: "Storage", url: null, status: "up", label: "up", last_run: "2026-01-15T11:55:00+00:00", uptime: { "1d": 100, "7d": 100, "30d": 99.95, "90d": 99.9 } },
    ]);
  });

  test("its schema converts to JSON Schema for the OpenAPI document", () => {
    const schema = z.toJSONSchema(jsonFeedSchema) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["version", "items", "_tocsin"]));
  });

  test("the schema rejects a feed that lost a required field", () => {
    const { _tocsin: _, ...rest } = feed;
    expect(jsonFeedSchema.safeParse(rest).success).toBe(false);
  });

  test("a base URL with a path and a trailing slash gives links under that path", () => {
    const f = jsonFeed(aFeed({ baseUrl: "https://example.org/tocsin/" }));
    expect(f.feed_url).toBe("https://example.org/tocsin/status/acme/feed.json");
  });
});
