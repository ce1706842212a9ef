import { describe, expect, test } from "bun:test";
import { slugify, slugOfKey } from "../../src/core/slug.ts";

describe("Cronitor monitor keys as slugs", () => {
  test.each([
    { name: "a slug stays as it is", key: "nightly-backup_2", slug: "nightly-backup_2" },
    { name: "capitals become lowercase", key: "NightlyBackup", slug: "nightlybackup" },
    { name: "spaces and dots become hyphens, one each", key: "Nightly Backup.v2", slug: "nightly-backup-v2" },
    { name: "every other character becomes a hyphen, one per code point", key: "café 🚀", slug: "caf---" },
    { name: "100 characters are a slug", key: "A".repeat(100), slug: "a".repeat(100) },
    { name: "101 characters are too long", key: "a".repeat(101), slug: null },
    { name: "nothing is no slug", key: "", slug: null },
  ])("$name", ({ key, slug }) => {
    expect(slugOfKey(key)).toBe(slug);
  });
});

describe("slugs made from names", () => {
  test.each([
    { name: "Nightly Backup Job", slug: "nightly-backup-job" },
    { name: "  --Ünïcode & spaces--  ", slug: "n-code-spaces" },
    { name: "!!!", slug: "" },
  ])("$name → '$slug'", ({ name, slug }) => {
    expect(slugify(name)).toBe(slug);
  });

  test("a long name is cut without a trailing hyphen", () => {
    expect(slugify("ab ".repeat(40), 10)).toBe("ab-ab-ab-a");
    expect(slugify("abcd efgh", 5)).toBe("abcd");
  });
});
