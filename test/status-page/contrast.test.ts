// Colours people must read: WCAG contrast of 4.5:1 for text and 3:1 for the bars, in both
// themes of public/status.css and in every badge.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { badgeSvg } from "../../src/status-page/badge.ts";
import { all, parseXml } from "./xml.ts";

const CSS = readFileSync(join(import.meta.dir, "../../public/status.css"), "utf8");

function luminance(hex: string): number {
  const full = hex.length === 4 ? `#${hex[1]}${hex[1]}${hex[2]}${hex[2]}${hex[3]}${hex[3]}` : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The custom properties declared in the block that opens with `selector {`. */
function palette(selector: string): Record<string, string> {
  const start = CSS.indexOf(`${selector} {`);
  expect(start).toBeGreaterThanOrEqual(0);
  const block = CSS.slice(start, CSS.indexOf("}", start));
  return Object.fromEntries([...block.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{3,6});/g)].map((m) => [m[1]!, m[2]!]));
}

const light = palette(":root");
const darkPreferred = palette(':root:not([data-theme="light"])');
const darkForced = palette(':root[data-theme="dark"]');

test("the dark palette is the same whether the system prefers it or ?theme=dark forces it", () => {
  expect(Object.keys(darkForced).length).toBeGreaterThan(10);
  expect(darkPreferred).toEqual(darkForced);
  expect(Object.keys(darkForced).sort()).toEqual(Object.keys(light).sort());
});

describe.each([
  { theme: "light", p: light },
  { theme: "dark", p: darkForced },
])("the $theme palette", ({ p }) => {
  test.each(["fg", "muted", "link", "ok", "late", "down", "maint"])("--%s text is readable on the page and its panels", (text) => {
    for (const bg of ["bg", "surface"]) expect(contrast(p[text]!, p[bg]!)).toBeGreaterThanOrEqual(4.5);
  });

  test.each(["ok-bg", "late-bg", "down-bg", "maint-bg"])("banner text is readable on --%s", (bg) => {
    for (const text of ["fg", "muted"]) expect(contrast(p[text]!, p[bg]!)).toBeGreaterThanOrEqual(4.5);
  });

  test("the day bars stand out from the page, and the button's text from the button", () => {
    for (const bar of ["none", "ok", "late", "down"]) expect(contrast(p[bar]!, p.bg!)).toBeGreaterThanOrEqual(3);
    expect(contrast(p.bg!, p.link!)).toBeGreaterThanOrEqual(4.5);
  });
});

describe("badge colours", () => {
  test.each(["light", "dark"] as const)("every text of every %s badge is readable on what is behind it", (theme) => {
    for (const status of ["up", "late", "down"] as const) {
      for (const variant of ["default", "outline"] as const) {
        const svg = parseXml(badgeSvg("label", status, { theme, variant }));
        const rects = all(svg, "rect");
        const [labelText, statusText] = all(svg, "text");
        const labelBg = variant === "outline" ? rects[0]!.attrs.fill! : rects[1]!.attrs.fill!;
        const statusBg = rects[0]!.attrs.fill!;
        expect(contrast(labelText!.attrs.fill!, labelBg)).toBeGreaterThanOrEqual(4.5);
        expect(contrast(statusText!.attrs.fill!, statusBg)).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
