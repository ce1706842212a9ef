import { describe, expect, test } from "bun:test";
import { parseEmbed, parseTheme } from "../../src/status-page/query.ts";

const ALL = ["title", "banner", "checks", "incidents"];

describe("parseEmbed", () => {
  test.each([
    { name: "absent: the full page", value: null, sections: null },
    { name: "empty: every section", value: "", sections: ALL },
    { name: "one section", value: "banner", sections: ["banner"] },
    { name: "several, in any order", value: "incidents,title", sections: ["incidents", "title"] },
    { name: "any letter case", value: "Title,BANNER", sections: ["title", "banner"] },
    { name: "spaces around keys", value: " checks , banner ", sections: ["checks", "banner"] },
    { name: "unknown keys ignored", value: "banner,feed,components", sections: ["banner"] },
    { name: "nothing valid: every section", value: "unknown", sections: ALL },
    { name: "only commas: every section", value: ",,", sections: ALL },
    { name: "'all': every section", value: "all", sections: ALL },
    { name: "a key twice counts once", value: "checks,checks", sections: ["checks"] },
  ])("$name", ({ value, sections }) => {
    const parsed = parseEmbed(value);
    expect(parsed === null ? null : [...parsed].sort() as string[]).toEqual(sections === null ? null : [...sections].sort());
  });
});

describe("parseTheme", () => {
  test.each([
    { value: null, theme: "auto" },
    { value: "dark", theme: "dark" },
    { value: "LIGHT", theme: "light" },
    { value: "auto", theme: "auto" },
    { value: "\"><script>", theme: "auto" },
  ])("?theme=$value gives $theme", ({ value, theme }) => {
    expect(parseTheme(value)).toBe(theme);
  });
});
