// The README's command-line and configuration sections say what --help says: every command and
// sub-command, every flag of the client commands, and the settings table row for row.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { helpLines } from "../../src/cli/client/command.ts";
import { settingRows } from "../../src/config.ts";
import { runCli } from "../support/cli.ts";
import { GROUPS } from "./client-in-process.ts";

const README = readFileSync(join(import.meta.dir, "..", "..", "README.md"), "utf8");

function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  expect(start).toBeGreaterThan(-1);
  const end = README.indexOf("\n## ", start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

// `--[no-]public` in the README stands for both switches
const CLIENT = section("Command-line client").replace(/--\[no-\]([a-z-]+)/g, "--$1 --no-$1");

/** The long flags a help text names, `--[no-]x` as both. */
function flagsOf(help: string): string[] {
  const flags = new Set<string>();
  for (const m of help.matchAll(/--(\[no-\])?([a-z][a-z-]*)/g)) {
    flags.add(`--${m[2]}`);
    if (m[1]) flags.add(`--no-${m[2]}`);
  }
  return [...flags].sort();
}

describe("the README's command-line sections match --help", () => {
  test("every command of tocsin --help is in the Commands section", async () => {
    const help = (await runCli(["--help"])).stdout;
    const commands = [...help.matchAll(/^ {2}([a-z-]+(?: [a-z|-]+)?)/gm)].map((m) => m[1]!.replace(/ (<.*|".*)$/, ""));
    expect(commands.length).toBeGreaterThan(10);
    const listed = section("Commands");
    for (const command of commands) expect({ command, listed: listed.includes(`tocsin ${command}`) }).toEqual({ command, listed: true });
  });

  test("every command's --help ends with an example, and so does every sub-command's", async () => {
    const help = (await runCli(["--help"])).stdout;
    const commands = [...new Set([...help.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]!))].filter((c) => c !== "version");
    const helps = await Promise.all(commands.map(async (command) => ({ command, help: (await runCli([command, "--help"])).stdout })));
    expect(helps.filter((h) => !/^(examples?|example \([^)]*\)):?/m.test(h.help) || !h.help.includes(`tocsin ${h.command} `)).map((h) => h.command)).toEqual([]);
    const subs = Object.values(GROUPS).flatMap((g) => g.subs);
    expect(subs.filter((s) => s.examples.length === 0 || !s.examples.every((e) => `${e} `.startsWith(`tocsin ${s.name} `))).map((s) => s.name)).toEqual([]);
  });

  test.each(Object.values(GROUPS).flatMap((g) => g.subs.map((s) => [s.name, s] as const)))("tocsin %s: the command and each of its flags", (name, sub) => {
    expect(CLIENT).toContain(`tocsin ${name}`);
    const missing = flagsOf(helpLines(sub).join("\n")).filter((flag) => !new RegExp(`${flag}(?![a-z-])`).test(CLIENT));
    expect(missing).toEqual([]);
  });

  test.each([["ping"], ["run"]])("tocsin %s: each flag", async (command) => {
    const help = (await runCli([command, "--help"])).stdout;
    expect(help).toContain(`usage: tocsin ${command}`);
    const missing = flagsOf(help).filter((flag) => !new RegExp(`${flag}(?![a-z-])`).test(CLIENT));
    expect(missing).toEqual([]);
  });
});

describe("the README's settings table", () => {
  test("has the rows of optionsHelp(), in its order, word for word", () => {
    const rows = section("Configuration")
      .split("\n")
      .filter((l) => /^\| (`--[a-z-]+`)? *\| `TOCSIN_/.test(l))
      .map((l) => l.split("|").slice(1, -1).map((cell) => cell.trim().replaceAll("`", "")));
    expect(rows).toEqual(settingRows().map((r) => [r.flag, r.env, r.toml, r.defaultText, r.help]));
  });
});
