// What public answers never show (SPEC §9): private checks, ping bodies, hosts, addresses, uuids
// and keys — on pages, feeds, badges and embeds, also once a check turns private — and names that
// stay text wherever they go.
import { describe, expect, test } from "bun:test";
import { badgeJsonSchema, shieldsJsonSchema } from "../../src/status-page/badge.ts";
import { jsonFeedSchema } from "../../src/status-page/json-feed.ts";
import { aStatusWorld, HOUR } from "./served.ts";
import { all, parseXml } from "./xml.ts";

/** A world with a public and a private check, both pinged with everything a ping can carry. */
async function worldWithSecrets() {
  const w = aStatusWorld();
  const shown = await w.check({ name: "Nightly backup", slug: "backup", public: true, tags: "prod", desc: "SECRET-DESCRIPTION", push_token: "SECRET-PUSH-TOKEN-0001" });
  const hidden = await w.check({ name: "Payroll export", slug: "payroll", public: false, tags: "prod" });
  for (const c of [shown, hidden]) {
    await w.ping(c.uuid, "/start?rid=0b7c2a4e-1f3d-4e5a-9b6c-7d8e9f0a1b2c");
    await w.ping(c.uuid, "/fail?rid=0b7c2a4e-1f3d-4e5a-9b6c-7d8e9f0a1b2c&host=SECRET-HOST.internal&msg=SECRET-MSG&env=SECRET-ENV", { method: "POST", body: "SECRET-BODY password=hunter2", headers: { "User-Agent": "SECRET-UA/1.0" } });
  }
  w.clock.advance(HOUR);
  await w.ping(shown.uuid);
  const keys = w.store.read((tx) => ({ project: tx.getProjectById(w.project.id)!, shownKey: tx.getCheckByUuid(shown.uuid)!.badgeKey!, hiddenKey: tx.getCheckByUuid(hidden.uuid)!.badgeKey! }));
  const secrets = [
    shown.uuid,
    hidden.uuid,
    w.keys.apiKey,
    w.keys.apiKeyReadOnly,
    w.keys.reporterToken,
    w.project.pingKey,
    keys.project.badgeKey,
    keys.shownKey,
    keys.hiddenKey,
    "SECRET-PUSH-TOKEN-0001",
    "SECRET-DESCRIPTION",
    "SECRET-BODY",
    "hunter2",
    "SECRET-HOST",
    "SECRET-MSG",
    "SECRET-ENV",
    "SECRET-UA",
    "0b7c2a4e",
    "192.0.2.7",
    "Payroll export",
    "payroll",
  ];
  const answers = async (): Promise<{ path: string; text: string }[]> => {
    const paths = [
      "/status",
      "/status/default",
      "/status/default?embed",
      "/status/default?embed=checks,incidents",
      "/status/default/backup",
      "/status/default/feed.atom",
      "/status/default/feed.json",
      "/status.json",
      "/status/feed.atom",
      `/badge/${keys.project.badgeKey}/prod.svg`,
      `/badge/${keys.project.badgeKey}/*.json`,
      `/badge/${keys.project.badgeKey}/2/prod.shields`,
      `/b/3/${keys.shownKey}.svg`,
      `/b/2/${keys.shownKey}.json`,
    ];
    return Promise.all(paths.map(async (path) => ({ path, text: (await w.visit(path)).text })));
  };
  return { w, shown, hidden, keys, secrets, answers };
}

describe("public answers", () => {
  test("never show a private check, a ping's body, host, message, address, a uuid or a key", async () => {
    const { secrets, answers } = await worldWithSecrets();
    for (const { path, text } of await answers()) {
      expect(text.length).toBeGreaterThan(20);
      // the badge key in its own URL is the capability the visitor already has
      const shown = secrets.filter((s) => text.includes(s) && !path.includes(s));
      expect({ path, shown }).toEqual({ path, shown: [] });
    }
  });

  test("forget a check as soon as it turns private: pages, feeds and embeds; its own page is gone", async () => {
    const { w, shown, answers } = await worldWithSecrets();
    const before = await w.visit("/status/default/feed.json");
    expect(before.text).toContain("Nightly backup");
    await w.call("POST", `/api/v3/checks/${shown.uuid}`, { public: false });
    for (const { path, text } of (await answers()).filter((a) => !a.path.startsWith("/b"))) {
      expect({ path, shown: text.includes("Nightly backup") || text.includes("/status/default/backup") }).toEqual({ path, shown: false });
    }
    expect((await w.visit("/status/default/backup")).status).toBe(404);
  });

  test("keyed badges work for private checks too, and show only their label and status", async () => {
    const { w, hidden, keys } = await worldWithSecrets();
    const svg = await w.visit(`/b/3/${keys.hiddenKey}.svg`);
    expect(svg.status).toBe(200);
    const root = parseXml(svg.text);
    expect(all(root, "text").map((t) => t.text)).toEqual(["Payroll export", "down"]);
    expect(svg.text).not.toContain(hidden.uuid);
    const json = JSON.parse((await w.visit(`/b/3/${keys.hiddenKey}.json`)).text);
    expect(badgeJsonSchema.parse(json)).toEqual({ status: "down", total: 1, grace: 0, down: 1 });
    const shields = JSON.parse((await w.visit(`/b/2/${keys.hiddenKey}.shields`)).text);
    expect(shieldsJsonSchema.parse(shields)).toEqual({ schemaVersion: 1, label: "Payroll export", message: "down", color: "red" });
  });
});

const HOSTILE = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>'];

describe("hostile names", () => {
  test.each(HOSTILE)("stay text on every page, feed and badge: %s", async (name) => {
    const w = aStatusWorld();
    await w.settings({ title: `${name} status`, description: `About ${name}` });
    const c = await w.check({ name, slug: "hostile", public: true, group: name, tags: "tag" });
    await w.call("POST", "/api/v3/maintenance/", { name, start: w.clock.now() / 1000 + 3600, end: w.clock.now() / 1000 + 7200, slugs: ["hostile"] });
    await w.ping(c.uuid, "/fail");
    const badgeKey = w.store.read((tx) => tx.getCheckByUuid(c.uuid)!.badgeKey!);
    for (const path of ["/status", "/status/default?embed", "/status/default/hostile", "/status/default/feed.atom", `/b/3/${badgeKey}.svg`]) {
      const { text } = await w.visit(path);
      expect({ path, raw: text.includes(name) }).toEqual({ path, raw: false });
      expect({ path, escaped: text.includes(name.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;")) }).toEqual({ path, escaped: true });
    }
    // the Atom feed and the SVG still parse, and give the name back as text
    const atom = parseXml((await w.visit("/status/default/feed.atom")).text);
    expect(all(atom, "title").some((t) => t.text.includes(name))).toBe(true);
    expect(all(parseXml((await w.visit(`/b/3/${badgeKey}.svg`)).text), "text")[0]!.text).toBe(name);
    // JSON keeps it as data
    const feed = jsonFeedSchema.parse(JSON.parse((await w.visit("/status/default/feed.json")).text));
    expect(feed._tocsin.checks[0]!.name).toBe(name);
    expect(feed.title).toBe(`${name} status`);
  });
});
