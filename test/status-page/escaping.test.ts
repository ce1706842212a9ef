// Hostile text in every field a person can set reaches every output as text, never as markup.
import { describe, expect, test } from "bun:test";
import { renderAtomFeed } from "../../src/status-page/atom.ts";
import { badgeSvg, shieldsJson } from "../../src/status-page/badge.ts";
import { jsonFeed } from "../../src/status-page/json-feed.ts";
import { renderCheckPage, renderPasswordPage, renderProjectPage } from "../../src/status-page/render.ts";
import { aCheckPage, aFeed, anIncident, aPasswordPage, aProjectPage, aPublicCheck, aWindow } from "./fixtures.ts";
import { all, childText, parseXml } from "./xml.ts";

const HOSTILE = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>', "' onmouseover='alert(1)", "a & b < c", "ctrl\u0001\u001bchars\uFFFF"];

/** A model whose every free text is the hostile string. */
function hostile(h: string) {
  const check = aPublicCheck({ name: h, slug: h });
  const project = { slug: h, title: h, description: h, logoUrl: `https://example.org/${h}` };
  const incidents = [anIncident({ checkName: h, checkSlug: h, end: null })];
  const maintenance = { active: [aWindow({ name: h, checks: [h] })], upcoming: [aWindow({ name: h, checks: [h] })] };
  return { check, project, incidents, maintenance, groups: [{ name: h, checks: [check] }] };
}

/** No script or img element and no event-handler attribute came out of the text. */
function expectNoMarkupFrom(out: string): void {
  expect(out).not.toMatch(/<script/i);
  expect(out).not.toMatch(/<img src=x/i);
  for (const tag of out.match(/<[a-z][^>]*>/gi) ?? []) {
    // attribute values are quoted; what is left outside the quotes are the attribute names
    expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/\son[a-z]+\s*=/i);
  }
}

describe.each(HOSTILE.map((h) => ({ h })))("the text $h", ({ h }) => {
  const m = hostile(h);

  test("stays text on the project page, embedded or not", () => {
    for (const embed of [null, new Set(["title", "banner", "checks", "incidents"] as const)]) {
      const page = renderProjectPage(aProjectPage({ project: m.project, groups: m.groups, incidents: m.incidents, maintenance: m.maintenance, embed }));
      expectNoMarkupFrom(page);
    }
  });

  test("stays text on the check page and the password page", () => {
    expectNoMarkupFrom(renderCheckPage(aCheckPage({ project: m.project, group: h, check: m.check, incidents: m.incidents, maintenance: m.maintenance })));
    expectNoMarkupFrom(renderPasswordPage(aPasswordPage({ project: m.project, error: h, path: `/status/${h}` })));
  });

  test("stays text in the Atom feed, which still parses", () => {
    const atom = renderAtomFeed(aFeed({ project: m.project, groups: m.groups, incidents: m.incidents, maintenance: m.maintenance }));
    expectNoMarkupFrom(atom);
    const feed = parseXml(atom);
    const visible = h.replace(/[\u0000-\u001f\uFFFF]/g, "");
    expect(childText(feed, "title")).toBe(visible);
    expect(all(feed, "entry").some((e) => childText(e, "title").includes(visible))).toBe(true);
  });

  test("stays text in an SVG badge, which still parses", () => {
    const svg = badgeSvg(h, "down", { variant: "outline" });
    expectNoMarkupFrom(svg);
    expect(all(parseXml(svg), "text")[0]!.text).toBe(h.replace(/[\u0000-\u001f\uFFFF]/g, ""));
  });

  test("is kept as data in the JSON feed and the Shields JSON", () => {
    const json = jsonFeed(aFeed({ project: m.project, groups: m.groups, incidents: m.incidents, maintenance: m.maintenance }));
    expect(JSON.parse(JSON.stringify(json)).title).toBe(h);
    expect(shieldsJson(h, "up").label).toBe(h.replace(/[\u0000-\u001f\uFFFF]/g, ""));
  });
});

test("escapes a hostile name into entities, attribute quotes included", () => {
  const page = renderProjectPage(aProjectPage({ groups: [{ name: "a&b", checks: [aPublicCheck({ name: '<script>alert("x")</script>', slug: '"x' })] }] }));
  expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  expect(page).toContain("a&amp;b");
  expect(page).toContain('href="/status/acme/%22x"');
});
