import { describe, expect, test } from "bun:test";
import { parseEmbed } from "../../src/status-page/query.ts";
import { renderCheckPage, renderPasswordPage, renderProjectPage } from "../../src/status-page/render.ts";
import { aCheckPage, anIncident, aPasswordPage, aProjectPage, aPublicCheck, aWindow, days, NOW } from "./fixtures.ts";

const HOUR = 3_600_000;

/** Every URL the markup points at. */
function urls(page: string): string[] {
  return [...page.matchAll(/\s(?:href|src|action)="([^"]*)"/g)].map((m) => m[1]!);
}

const everyPage = [
  { name: "project page", render: () => renderProjectPage(aProjectPage()) },
  { name: "embedded project page", render: () => renderProjectPage(aProjectPage({ embed: parseEmbed("") })) },
  { name: "check page", render: () => renderCheckPage(aCheckPage()) },
  { name: "password page", render: () => renderPasswordPage(aPasswordPage({ error: "Wrong password." })) },
];

describe("every public page", () => {
  test.each(everyPage)("the $name has no script, no inline style and no external asset", ({ render }) => {
    const page = render();
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<style/i);
    expect(page).not.toMatch(/\sstyle=/i);
    expect(page).not.toMatch(/\son[a-z]+=/i);
    for (const url of urls(page)) expect(url.startsWith("/")).toBe(true);
    expect(page).toContain('<link rel="stylesheet" href="/static/status.css">');
  });

  test.each([
    { name: "project page", page: () => renderProjectPage(aProjectPage({ basePath: "/tocsin" })) },
    { name: "embedded project page", page: () => renderProjectPage(aProjectPage({ basePath: "/tocsin", embed: parseEmbed("") })) },
    { name: "check page", page: () => renderCheckPage(aCheckPage({ basePath: "/tocsin" })) },
    { name: "password page", page: () => renderPasswordPage(aPasswordPage({ basePath: "/tocsin/" })) },
  ])("the $name builds every link and asset under the base path", ({ page }) => {
    const html = page();
    expect(urls(html).length).toBeGreaterThan(1);
    for (const url of urls(html)) expect(url).toStartWith("/tocsin/");
  });

  test("a forced theme is set on the document and carried by links to other pages; auto leaves it to the visitor", () => {
    const dark = renderProjectPage(aProjectPage({ theme: "dark" }));
    expect(dark).toContain('<html lang="en" data-theme="dark">');
    expect(dark).toContain('<meta name="color-scheme" content="dark">');
    expect(dark).toContain('href="/status/acme/nightly-backup?theme=dark"');
    const auto = renderProjectPage(aProjectPage());
    expect(auto).toContain('<html lang="en">');
    expect(auto).toContain('<meta name="color-scheme" content="light dark">');
    expect(auto).not.toContain("theme=");
    expect(renderPasswordPage(aPasswordPage({ theme: "light" }))).toContain('data-theme="light"');
  });
});

describe("the project page", () => {
  const page = renderProjectPage(aProjectPage());

  test("has header, main and footer landmarks with a last-updated time, and refreshes every minute", () => {
    expect(page).toMatch(/<header class="site-header">[\s\S]*<main class="content">[\s\S]*<footer class="site-footer">/);
    expect(page).toContain('<meta http-equiv="refresh" content="60">');
    expect(page).toContain('Last updated <time datetime="2026-01-15T12:00:00+00:00">2026-01-15 12:00</time>');
    expect(page).toContain('<link rel="alternate" type="application/atom+xml" title="Atom feed" href="/status/acme/feed.atom">');
  });

  test("shows each check with its group, state in words, last run and its duration, linked to its page", () => {
    expect(page).toContain('<h2 id="group-0">Storage</h2>');
    expect(page).toContain('<h3 class="check-name"><a href="/status/acme/nightly-backup">Nightly backup</a></h3>');
    expect(page).toContain('<span class="dot" aria-hidden="true"></span>up</span>');
    expect(page).toContain('Last ran <time datetime="2026-01-15T11:55:00+00:00">2026-01-15 11:55</time>, took 2 min 5 s');
  });

  test("draws 90 labelled daily bars whose titles give date, uptime, downtime and incidents", () => {
    const history = days((i) => (i === 89 ? { uptime: 93.056, downtimeMs: 6_000_000, incidents: 2 } : i === 0 ? { uptime: null } : {}));
    const html = renderProjectPage(aProjectPage({ groups: [{ name: "", checks: [aPublicCheck({ history })] }] }));
    expect(html.match(/<rect class="day /g)).toHaveLength(90);
    expect(html).toContain('<rect class="day day-major" x="356" width="3" height="24"><title>2026-01-15: 93.05% up, down 1 h 40 min, 2 incidents</title></rect>');
    expect(html).toContain("<title>2025-10-18: no data</title>");
    expect(html).toContain("<title>2025-11-01: 100% up, no downtime</title>");
    expect(html).toContain('role="img" aria-labelledby="bars-0"');
    expect(html).toContain('<title id="bars-0">Last 90 days of Nightly backup: 88 days fully up, 1 with downtime, 1 without data</title>');
  });

  test("gives each bar its own label id", () => {
    const html = renderProjectPage(aProjectPage({ groups: [{ name: "A", checks: [aPublicCheck(), aPublicCheck()] }, { name: "B", checks: [aPublicCheck()] }] }));
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain("bars-2");
  });

  test("shows uptime over 24 h, 7, 30 and 90 days, and no data where nothing was monitored", () => {
    const html = renderProjectPage(aProjectPage({ groups: [{ name: "", checks: [aPublicCheck({ uptime: { "1d": null, "7d": 99.9999, "30d": 100, "90d": 87.5 } })] }] }));
    expect(html).toContain("<div><dt>24 h</dt><dd>no data</dd></div><div><dt>7 days</dt><dd>99.99%</dd></div><div><dt>30 days</dt><dd>100%</dd></div><div><dt>90 days</dt><dd>87.50%</dd></div>");
  });

  test("lists ongoing and resolved incidents with their length", () => {
    const incidents = [anIncident({ checkName: "Sync", checkSlug: null, start: NOW - 2 * HOUR - 5 * 60_000, end: null }), anIncident()];
    const html = renderProjectPage(aProjectPage({ incidents }));
    expect(html).toContain('ongoing</span> <strong class="event-name">Sync</strong> down since <time datetime="2026-01-15T09:55:00+00:00">2026-01-15 09:55</time> (2 h 5 min so far)');
    expect(html).toContain('resolved</span> <strong class="event-name"><a href="/status/acme/nightly-backup">Nightly backup</a></strong> down from');
    expect(html).toContain("(2 h)</li>");
  });

  test("says so when there are no incidents and no public checks", () => {
    const html = renderProjectPage(aProjectPage({ groups: [], incidents: [] }));
    expect(html).toContain("No recent incidents.");
    expect(html).toContain("No public checks yet.");
  });

  test("lists maintenance now and upcoming with the checks they affect", () => {
    const active = aWindow({ name: "Disk swap", start: NOW - HOUR, end: NOW + HOUR, checks: ["Backup", "Sync"] });
    const html = renderProjectPage(aProjectPage({ overall: "maintenance", maintenance: { active: [active], upcoming: [aWindow()] } }));
    expect(html).toContain('<strong class="event-name">Disk swap</strong> until <time datetime="2026-01-15T13:00:00+00:00">2026-01-15 13:00</time> · affects Backup, Sync');
    expect(html).toContain("Upcoming maintenance");
    expect(html).toContain('<strong class="event-name">Database upgrade</strong> from <time datetime="2026-01-16T12:00:00+00:00">');
  });

  test("names ungrouped checks, links nothing for a check without a slug, and shows an http(s) logo only", () => {
    const html = renderProjectPage(aProjectPage({ groups: [{ name: "", checks: [aPublicCheck({ slug: null, name: "No slug" })] }], project: { slug: "acme", title: "Acme", description: "", logoUrl: "https://example.org/logo.png" } }));
    expect(html).toContain('<h2 id="group-0">Checks</h2>');
    expect(html).toContain('<h3 class="check-name">No slug</h3>');
    expect(html).toContain('<img class="logo" src="https://example.org/logo.png" alt="" width="40" height="40">');
    for (const logoUrl of ["javascript:alert(1)", "data:image/svg+xml,<svg/>", "//evil.example/x.png"]) {
      const bad = renderProjectPage(aProjectPage({ project: { slug: "acme", title: "Acme", description: "", logoUrl } }));
      expect(bad).not.toContain("<img");
    }
  });
});

describe("embed mode", () => {
  test.each([
    { embed: "title", shown: ["site-title"], hidden: ["banner-headline", "check-name", "Recent incidents"] },
    { embed: "banner", shown: ["banner-headline"], hidden: ["site-title", "check-name", "Recent incidents"] },
    { embed: "checks", shown: ["check-name"], hidden: ["site-title", "banner-headline", "Recent incidents"] },
    { embed: "incidents,banner", shown: ["banner-headline", "Recent incidents", "Upcoming maintenance"], hidden: ["site-title", "check-name"] },
    { embed: "", shown: ["site-title", "banner-headline", "check-name", "Recent incidents"], hidden: [] },
  ])("?embed=$embed renders only its sections, without header chrome or footer", ({ embed, shown, hidden }) => {
    const html = renderProjectPage(aProjectPage({ embed: parseEmbed(embed) }));
    expect(html).toContain('<body class="layout-embed">');
    expect(html).not.toContain("site-footer");
    for (const s of shown) expect(html).toContain(s);
    for (const s of hidden) expect(html).not.toContain(s);
  });

  test("opens links in a new tab, keeps refreshing and respects the theme", () => {
    const html = renderProjectPage(aProjectPage({ embed: parseEmbed("checks"), theme: "dark" }));
    expect(html).toContain('<a href="/status/acme/nightly-backup?theme=dark" target="_blank" rel="noopener">Nightly backup</a>');
    expect(html).toContain('<meta http-equiv="refresh" content="60">');
    expect(html).toContain('data-theme="dark"');
  });
});

describe("a check's page", () => {
  const page = renderCheckPage(aCheckPage());

  test("shows the check's name, group, state, bar, uptime, incidents and maintenance, linking back to the project", () => {
    expect(page).toContain("<h1>Nightly backup</h1>");
    expect(page).toContain('<p class="check-group">Storage</p>');
    expect(page).toContain('<p class="site-title"><a href="/status/acme">Acme status</a></p>');
    expect(page).toContain('aria-labelledby="bars-check"');
    expect(page).toContain("<dt>90 days</dt><dd>99.90%</dd>");
    expect(page).toContain('resolved</span> down from <time datetime="2026-01-15T09:00:00+00:00">');
    expect(page).toContain("Upcoming maintenance");
    expect(page).toContain('<meta http-equiv="refresh" content="60">');
  });

  test("lists recent runs with their kind and duration", () => {
    expect(page).toContain('<th scope="col">When</th><th scope="col">Result</th><th scope="col">Duration</th>');
    expect(page).toContain('<td><span class="run run-success">succeeded</span></td><td>2 min 5 s</td>');
    expect(page).toContain('<td><span class="run run-start">started</span></td><td>—</td>');
    expect(page).toContain('<td><span class="run run-fail">failed</span></td><td>3 s</td>');
  });

  test("never says a check that ran has no runs yet, when none of its pings are kept", () => {
    const never = renderCheckPage(aCheckPage({ runs: [], check: aPublicCheck({ lastRun: null }) }));
    expect(never).toContain("No runs yet.");
    const ran = renderCheckPage(aCheckPage({ runs: [] }));
    expect(ran).toContain("Last ran");
    expect(ran).toContain("No run details are kept for this check.");
    expect(ran).not.toContain("No runs yet.");
  });
});

describe("the password page", () => {
  test("posts a password field back to the page that was asked for, without a token and without refreshing", () => {
    const page = renderPasswordPage(aPasswordPage({ basePath: "/tocsin", path: "/status/acme/nightly-backup" }));
    expect(page).toContain('<form class="login-form" method="post" action="/tocsin/status/acme/nightly-backup">');
    expect(page).toContain('<label for="password">Password</label>');
    expect(page).toContain('<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">');
    expect(page).not.toContain('type="hidden"');
    expect(page).not.toContain("http-equiv=\"refresh\"");
    expect(page).toContain('<meta name="robots" content="noindex">');
    expect(page).not.toContain("form-error");
  });

  test.each(["//evil.example/x", "/\\evil.example/x", "\\\\evil.example"])("never posts the password to another site, whatever the path (%s)", (path) => {
    const page = renderPasswordPage(aPasswordPage({ path }));
    expect(page).toMatch(/action="\/evil\.example/);
  });

  test("shows the error of the last attempt and ties it to the field", () => {
    const page = renderPasswordPage(aPasswordPage({ error: "Wrong password." }));
    expect(page).toContain('<p class="form-error" id="password-error" role="alert">Wrong password.</p>');
    expect(page).toContain('aria-describedby="password-error" aria-invalid="true"');
  });
});
