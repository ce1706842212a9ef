import { describe, expect, test } from "bun:test";
import type { DisplayStatus } from "../../src/core/status.ts";
import { badgeJson, badgeJsonSchema, badgeStatus, badgeSvg, parseBadgeOptions, shieldsJson, shieldsJsonSchema } from "../../src/status-page/badge.ts";
import { textWidth } from "../../src/status-page/text-width.ts";
import { all, parseXml, type XmlNode } from "./xml.ts";

/** The label's box, the label text and its declared length, read back from a rendered badge. */
function geometry(svg: XmlNode) {
  const texts = all(svg, "text");
  const labelBox = all(svg, "rect").find((r) => r.attrs.x === undefined && r.attrs.width !== svg.attrs.width);
  return { width: Number(svg.attrs.width), labelWidth: Number(labelBox?.attrs.width), label: texts[0]!, status: texts.at(-1)! };
}

describe("SVG badges", () => {
  test.each([
    { status: "up", theme: "light", size: "sm", variant: "default" },
    { status: "late", theme: "dark", size: "md", variant: "default" },
    { status: "down", theme: "light", size: "lg", variant: "outline" },
    { status: "up", theme: "dark", size: "xl", variant: "outline" },
  ] as const)("a $status badge ($theme, $size, $variant) is well-formed XML, an image with a title", ({ status, ...opts }) => {
    const svg = parseXml(badgeSvg("backups", status, opts));
    expect(svg.name).toBe("svg");
    expect(svg.attrs.role).toBe("img");
    expect(svg.attrs["aria-label"]).toBe(`backups: ${status}`);
    expect(svg.children.find((c) => c.name === "title")?.text).toBe(`backups: ${status}`);
    expect(all(svg, "text").map((t) => t.text)).toEqual(["backups", status]);
  });

  test.each([
    { size: "sm", height: 20 },
    { size: "md", height: 24 },
    { size: "lg", height: 28 },
    { size: "xl", height: 34 },
  ] as const)("size $size is $height px high and wider than the size below it", ({ size, height }) => {
    const svg = parseXml(badgeSvg("db", "up", { size }));
    expect(Number(svg.attrs.height)).toBe(height);
    expect(svg.attrs.viewBox).toBe(`0 0 ${svg.attrs.width} ${height}`);
  });

  test("the outline variant draws a border in the status colour on a plain background; the default fills", () => {
    const outline = parseXml(badgeSvg("db", "down", { variant: "outline", theme: "dark" }));
    const border = all(outline, "rect")[0]!;
    expect(border.attrs.fill).toBe("#0d1117");
    expect(border.attrs.stroke).toBe("#f85149");
    expect(all(outline, "text")[1]!.attrs.fill).toBe("#f85149");
    const filled = parseXml(badgeSvg("db", "down"));
    expect(all(filled, "rect").some((r) => r.attrs.stroke !== undefined)).toBe(false);
    expect(all(filled, "rect")[0]!.attrs.fill).toBe("#cf222e");
  });

  test.each([
    { name: "60 wide capitals", label: "W".repeat(60) },
    { name: "60 m's", label: "m".repeat(60) },
    { name: "a 60-character sentence", label: "Nightly PostgreSQL backup of the production cluster, EU-West" },
    { name: "60 accented capitals", label: "ŴÆ".repeat(30) },
    { name: "60 CJK characters", label: "監視".repeat(30) },
  ])("keeps a label of $name inside its box at every size", ({ label }) => {
    expect([...label]).toHaveLength(60);
    for (const size of ["sm", "md", "lg", "xl"] as const) {
      const g = geometry(parseXml(badgeSvg(label, "late", { size })));
      const font = Number(parseXml(badgeSvg(label, "late", { size })).children.find((c) => c.name === "g")!.attrs["font-size"]);
      const measured = textWidth(label, font);
      expect(Number(g.label.attrs.textLength)).toBeCloseTo(measured, 1);
      // the text, centred, plus padding on both sides fits in the label box
      expect(measured).toBeLessThan(g.labelWidth);
      expect(Number(g.label.attrs.x) + measured / 2).toBeLessThanOrEqual(g.labelWidth);
      expect(g.width).toBeGreaterThan(g.labelWidth);
    }
  });

  test("measures wide letters wider than narrow ones, as the font does (no fixed width per character)", () => {
    expect(textWidth("W".repeat(60), 11)).toBeGreaterThan(60 * 9.5);
    expect(textWidth("i".repeat(60), 11)).toBeLessThan(60 * 3.5);
    // DejaVu Sans: "W" is 2025 and "i" 569 units of 2048 per em
    expect(textWidth("Wi", 2048)).toBe(2025 + 569);
  });

  test("cuts labels longer than 100 characters", () => {
    const svg = parseXml(badgeSvg("x".repeat(500), "up"));
    expect([...all(svg, "text")[0]!.text]).toHaveLength(100);
    expect(all(svg, "text")[0]!.text.endsWith("…")).toBe(true);
  });

  test("an empty label gives a badge with the status alone", () => {
    const svg = parseXml(badgeSvg("", "down"));
    expect(all(svg, "text").map((t) => t.text)).toEqual(["down"]);
    expect(svg.attrs["aria-label"]).toBe("down");
  });
});

describe("badge options from the query", () => {
  test.each([
    { name: "nothing gives the defaults", q: {}, opts: { theme: "light", size: "sm", variant: "default" } },
    { name: "every option is taken", q: { theme: "dark", size: "xl", variant: "outline" }, opts: { theme: "dark", size: "xl", variant: "outline" } },
    { name: "letter case and spaces do not matter", q: { theme: "DARK", size: " LG " }, opts: { theme: "dark", size: "lg", variant: "default" } },
    { name: "unknown values fall back to the defaults", q: { theme: "neon", size: "huge", variant: "<x>" }, opts: { theme: "light", size: "sm", variant: "default" } },
  ])("$name", ({ q, opts }) => {
    expect(parseBadgeOptions(q)).toEqual(opts as ReturnType<typeof parseBadgeOptions>);
  });
});

describe("badge status of a set of checks", () => {
  test.each([
    { statuses: [], states: 3, status: "up" },
    { statuses: ["up", "new", "paused", "started"], states: 3, status: "up" },
    { statuses: ["up", "grace"], states: 3, status: "late" },
    { statuses: ["up", "grace"], states: 2, status: "up" },
    { statuses: ["grace", "down"], states: 3, status: "down" },
    { statuses: ["grace", "down"], states: 2, status: "down" },
  ] as const)("$statuses with $states states is $status", ({ statuses, states, status }) => {
    expect(badgeStatus(statuses as readonly DisplayStatus[], states)).toBe(status);
  });

  test("the JSON badge counts the checks, the late ones and the down ones, as Healthchecks does", () => {
    const statuses: DisplayStatus[] = ["up", "grace", "grace", "down", "paused"];
    expect(badgeJson(statuses, 3)).toEqual({ status: "down", total: 5, grace: 2, down: 1 });
    expect(badgeJson(["up", "grace"], 2)).toEqual({ status: "up", total: 2, grace: 1, down: 0 });
    expect(badgeJsonSchema.strict().safeParse(badgeJson(statuses, 3)).success).toBe(true);
  });
});

describe("Shields.io endpoint JSON", () => {
  test.each([
    { status: "up", color: "brightgreen" },
    { status: "late", color: "orange" },
    { status: "down", color: "red" },
  ] as const)("a $status badge matches the endpoint schema with colour $color", ({ status, color }) => {
    const json = shieldsJson("backups", status);
    expect(json).toEqual({ schemaVersion: 1, label: "backups", message: status, color });
    expect(shieldsJsonSchema.strict().safeParse(JSON.parse(JSON.stringify(json))).success).toBe(true);
  });
});
