// The status pages as served (SPEC §9): one per project, their settings, history in the page's
// zone, a check's own page, maintenance, embed mode, the base path and validators.
import { describe, expect, test } from "bun:test";
import { formatPercent } from "../../src/core/format.ts";
import { aStatusWorld, DAY, HOUR } from "./served.ts";

const MIN = 60_000;

describe("pages per project", () => {
  test("/status is the default project's page and /status/<project> each project's own, with its title, description and logo", async () => {
    const w = aStatusWorld();
    await w.check({ name: "Default job", slug: "default-job", public: true });
    const ops = w.store.write((tx) => tx.createProject("ops", "Operations", w.clock.now()));
    await w.call("POST", "/api/v3/checks/", { name: "Ops job", slug: "ops-job", public: true }, ops.apiKey);
    await w.call("POST", "/api/v3/project", { title: "Ops status", description: "Night shift jobs.", logo_url: "https://cdn.example.org/ops.png" }, ops.apiKey);
    const home = await w.visit("/status");
    expect(home.text).toContain("Default job");
    expect(home.text).not.toContain("Ops job");
    const page = await w.visit("/status/ops");
    expect(page.text).toContain("<title>Ops status · Operational</title>");
    expect(page.text).toContain('<p class="site-description">Night shift jobs.</p>');
    expect(page.text).toContain('<img class="logo" src="https://cdn.example.org/ops.png"');
    // the logo's origin, and only it, may be loaded
    expect(page.headers.get("content-security-policy")).toContain("img-src 'self' data: https://cdn.example.org;");
    expect(page.text).toContain("Ops job");
    expect(page.text).not.toContain("Default job");
  });

  test("a page set to off answers 404 for the page, its checks, its feeds and its embed", async () => {
    const w = aStatusWorld();
    await w.check({ name: "Backup", slug: "backup", public: true });
    await w.settings({ status_page: "off" });
    for (const path of ["/status", "/status/default", "/status/default/backup", "/status/default?embed=banner", "/status/default/feed.atom", "/status/default/feed.json", "/status.json", "/status/feed.atom"]) {
      const { status, text } = await w.visit(path);
      expect({ path, status, shows: text.includes("Backup") }).toEqual({ path, status: 404, shows: false });
    }
    expect((await w.visit("/status/nobody")).status).toBe(404);
  });

  test("a check that is not public has no page, answered like a check that does not exist", async () => {
    const w = aStatusWorld();
    await w.check({ name: "Payroll", slug: "payroll", public: false });
    const hidden = await w.visit("/status/default/payroll");
    const missing = await w.visit("/status/default/nothing-here");
    expect(hidden.status).toBe(404);
    expect(hidden.text).toBe(missing.text);
    expect(hidden.text).not.toContain("Payroll");
  });
});

describe("history", () => {
  test("daily bars are days of the page's zone", async () => {
    const w = aStatusWorld();
    await w.settings({ tz: "Pacific/Kiritimati" }); // UTC+14: 13:00 UTC on the 15th is 03:00 on the 16th
    const c = await w.check({ name: "Backup", slug: "backup", public: true, timeout: 86_400 });
    await w.ping(c.uuid);
    w.clock.advance(HOUR);
    await w.ping(c.uuid, "/fail");
    w.clock.advance(10 * MIN);
    await w.ping(c.uuid);
    w.clock.advance(HOUR);
    const { text } = await w.visit("/status/default");
    expect(text).toContain("<title>2026-01-16: ");
    expect(text).toMatch(/<title>2026-01-16: [\d.]+% up, down 10 min 0 s, 1 incident<\/title>/);
    expect(text).not.toMatch(/2026-01-15: [\d.]+% up, down/);
    expect(text).toContain("times in Pacific/Kiritimati (UTC+14:00)");
  });

  test("uptime on the page is the uptime the API answers", async () => {
    const w = aStatusWorld();
    const c = await w.check({ name: "Backup", slug: "backup", public: true, timeout: 86_400 });
    await w.ping(c.uuid);
    w.clock.advance(2 * DAY);
    await w.ping(c.uuid, "/fail");
    w.clock.advance(37 * MIN);
    await w.ping(c.uuid);
    w.clock.advance(5 * HOUR);
    const api = (await w.call("GET", `/api/v3/checks/${c.uuid}`)).json.uptime;
    const { text } = await w.visit("/status/default/backup");
    for (const [key, name] of [["1d", "24 h"], ["7d", "7 days"], ["30d", "30 days"], ["90d", "90 days"]]) {
      expect(text).toContain(`<dt>${name}</dt><dd>${formatPercent(api[key!])}</dd>`);
    }
    expect(api["1d"]).toBeLessThan(100);
  });
});

describe("a check's page", () => {
  test("shows its state, last run, history and recent runs with durations, never a body, host or address", async () => {
    const w = aStatusWorld();
    const c = await w.check({ name: "Nightly backup", slug: "backup", public: true, group: "Storage" });
    await w.ping(c.uuid, "/start?rid=5b9b5b4a-8a07-4f38-9b68-6a4f1c2d3e4f");
    w.clock.advance(125_000);
    await w.ping(c.uuid, "?rid=5b9b5b4a-8a07-4f38-9b68-6a4f1c2d3e4f&host=db-primary.internal&msg=SECRET-MESSAGE", { method: "POST", body: "SECRET-BODY rows=12" });
    w.clock.advance(MIN);
    const { status, text } = await w.visit("/status/default/backup");
    expect(status).toBe(200);
    expect(text).toContain("<h1>Nightly backup</h1>");
    expect(text).toContain('<p class="check-group">Storage</p>');
    expect(text).toContain("took 2 min 5 s");
    expect(text).toContain('<span class="run run-success">succeeded</span></td><td>2 min 5 s</td>');
    expect(text).toContain('<span class="run run-start">started</span>');
    for (const secret of ["SECRET-BODY", "SECRET-MESSAGE", "db-primary.internal", "192.0.2.7", "5b9b5b4a", c.uuid]) expect({ secret, shown: text.includes(secret) }).toEqual({ secret, shown: false });
  });

  test("a resumed check that ran before says when it last ran, never that it waits for its first run", async () => {
    const w = aStatusWorld();
    const c = await w.check({ name: "Backup", slug: "backup", public: true });
    await w.ping(c.uuid);
    w.clock.advance(HOUR);
    await w.call("POST", `/api/v3/checks/${c.uuid}/pause`);
    await w.call("POST", `/api/v3/checks/${c.uuid}/resume`);
    for (const path of ["/status", "/status/default/backup"]) {
      const { text } = await w.visit(path);
      expect(text).toContain("waiting for next run");
      expect(text).toContain("Last ran <time");
      expect(text).not.toContain("waiting for first run");
    }
  });
});

describe("maintenance", () => {
  test("shows the windows open now and the next ones, naming only public checks", async () => {
    const w = aStatusWorld();
    await w.check({ name: "Backup", slug: "backup", public: true });
    await w.check({ name: "Payroll export", slug: "payroll", public: false });
    const now = w.clock.now() / 1000;
    const window = (body: Record<string, unknown>) => w.call("POST", "/api/v3/maintenance/", body);
    await window({ name: "Storage move", start: now - 600, end: now + 3600, slugs: ["backup", "payroll"] });
    await window({ name: "Database upgrade", start: now + DAY / 1000, end: now + DAY / 1000 + 7200, slugs: ["backup"] });
    await window({ name: "Secret payroll migration", start: now - 60, end: now + 60, slugs: ["payroll"] });
    const { text } = await w.visit("/status");
    expect(text).toContain('class="banner banner-maintenance"');
    expect(text).toContain("Maintenance now");
    expect(text).toContain("<strong class=\"event-name\">Storage move</strong> until <time");
    expect(text).toContain("Upcoming maintenance");
    expect(text).toContain("<strong class=\"event-name\">Database upgrade</strong> from <time");
    expect(text).toContain("affects Backup");
    expect(text).not.toContain("Payroll");
    expect(text).not.toContain("Secret payroll migration");
  });
});

describe("embed mode", () => {
  test("renders only the chosen sections, chromeless, and only it may be framed", async () => {
    const w = aStatusWorld();
    await w.check({ name: "Backup", slug: "backup", public: true });
    const embed = await w.visit("/status/default?embed=banner,INCIDENTS,nonsense&theme=dark");
    expect(embed.text).toContain('class="banner banner-operational"');
    expect(embed.text).toContain("Recent incidents");
    expect(embed.text).not.toContain('class="checks"');
    expect(embed.text).not.toContain("site-footer");
    expect(embed.text).toContain('<html lang="en" data-theme="dark">');
    expect(embed.headers.get("content-security-policy")).toContain("frame-ancestors *");
    expect(embed.headers.get("x-frame-options")).toBeNull();
    for (const path of ["/status", "/status/default", "/status/default/backup"]) {
      const page = await w.visit(path);
      expect({ path, csp: page.headers.get("content-security-policy")?.includes("frame-ancestors 'none'"), xfo: page.headers.get("x-frame-options") }).toEqual({ path, csp: true, xfo: "DENY" });
    }
  });
});

describe("behind a reverse proxy under a path", () => {
  test("every link and asset of pages and feeds is under the base URL's path", async () => {
    const w = aStatusWorld({ baseUrl: "https://example.org/tocsin" });
    await w.check({ name: "Backup", slug: "backup", public: true });
    const { text } = await w.visit("/status");
    expect(text).toContain('href="/tocsin/static/status.css"');
    expect(text).toContain('href="/tocsin/static/favicon.svg"');
    expect(text).toContain('<a href="/tocsin/status/default/backup">Backup</a>');
    expect(text).toContain('href="/tocsin/status/default/feed.atom"');
    const hrefs = [...text.matchAll(/(?:href|src|action)="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.filter((h) => !h.startsWith("/tocsin/"))).toEqual([]);
    const atom = await w.visit("/status/default/feed.atom");
    expect(atom.text).toContain('<link rel="alternate" type="text/html" href="https://example.org/tocsin/status/default"/>');
  });
});

describe("validators", () => {
  test("a page read again with its ETag is a 304 without a body, until something on it changes", async () => {
    const w = aStatusWorld();
    const c = await w.check({ name: "Backup", slug: "backup", public: true });
    await w.ping(c.uuid);
    for (const path of ["/status", "/status/default/backup", "/status/default/feed.atom", "/status.json"]) {
      const first = await w.visit(path);
      const etag = first.headers.get("etag")!;
      expect(etag).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);
      const again = await w.visit(path, { "If-None-Match": etag });
      expect({ path, status: again.status, body: again.text }).toEqual({ path, status: 304, body: "" });
    }
    const before = (await w.visit("/status")).headers.get("etag")!;
    await w.ping(c.uuid, "/fail");
    const after = await w.visit("/status", { "If-None-Match": before });
    expect(after.status).toBe(200);
    expect(after.text).toContain("banner-outage");
  });
});
