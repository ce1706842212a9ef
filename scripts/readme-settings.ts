// Rewrites the settings table of README.md from the settings table in src/config.ts, so the two
// never disagree (test/cli/readme.test.ts compares them): `bun scripts/readme-settings.ts`.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { settingRows } from "../src/config.ts";

const path = join(import.meta.dir, "..", "README.md");
const lines = readFileSync(path, "utf8").split("\n");
const header = lines.findIndex((l) => l.startsWith("| flag | environment | file key | default | meaning |"));
if (header < 0) throw new Error("README.md has no settings table");
let end = header + 2;
while (end < lines.length && lines[end]!.startsWith("|")) end++;
const cell = (v: string): string => (v === "" ? "" : `\`${v}\``);
const rows = settingRows().map((r) => `| ${cell(r.flag)} | ${cell(r.env)} | ${cell(r.toml)} | ${cell(r.defaultText)} | ${r.help} |`);
lines.splice(header + 2, end - header - 2, ...rows);
writeFileSync(path, lines.join("\n"));
console.log(`README.md: ${rows.length} settings`);
