// Reporter tokens from the command line: issued by `projects add`, replaced by `rotate-keys`,
// pinned for the default project by TOCSIN_REPORTER_TOKEN at every start of the daemon.
import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { hashKey } from "../../src/auth/keys.ts";
import type { CommandIo } from "../../src/cli/io.ts";
import { runMigrate } from "../../src/cli/admin.ts";
import { runProjects } from "../../src/cli/projects.ts";
import { openDatabase } from "../../src/store/db.ts";
import { startServe } from "../support/cli.ts";

async function projects(dataDir: string, ...args: string[]): Promise<string> {
  const out: string[] = [];
  const io: CommandIo = { args: [...args, "--data-dir", dataDir], env: {}, out: (l) => out.push(l), err: () => {}, now: () => Date.UTC(2026, 0, 1) };
  expect(await runProjects(io)).toBe(0);
  return out.join("\n");
}

const tokenOf = (text: string): string => /Reporter token:\s+(\S+)/.exec(text)![1]!;
const storedHash = (dir: string, slug: string): string | null => {
  const db = openDatabase(join(dir, "tocsin.db"));
  const row = db.query("SELECT reporter_token_hash AS h FROM projects WHERE slug = ?").get(slug) as { h: string | null };
  db.close();
  return row.h;
};

describe("reporter tokens on the command line", () => {
  test("projects add prints one and rotate-keys replaces it, each shown once and stored as a digest", async () => {
    const dir = mkdtempSync("/tmp/tocsin-reporter-cli-");
    // projects works on an existing installation only: create it first
    expect(await runMigrate({ args: ["--data-dir", dir], env: {}, out: () => {}, err: () => {}, now: () => Date.UTC(2026, 0, 1) })).toBe(0);
    const first = tokenOf(await projects(dir, "add", "ops"));
    expect(first).toMatch(/^[a-z0-9]{8}(-[a-z0-9]{8}){3}$/);
    expect(storedHash(dir, "ops")).toBe(hashKey(first));
    const second = tokenOf(await projects(dir, "rotate-keys", "ops"));
    expect(second).not.toBe(first);
    expect(storedHash(dir, "ops")).toBe(hashKey(second));
  });

  test("the daemon prints the default project's token on first start, and TOCSIN_REPORTER_TOKEN pins it at every start", async () => {
    const dir = mkdtempSync("/tmp/tocsin-reporter-serve-");
    const first = await startServe(["--data-dir", dir]);
    const stdout = first.proc.stdout.getReader();
    let printed = "";
    while (!/Reporter token:.*\n/.test(printed)) printed += new TextDecoder().decode((await stdout.read()).value);
    first.proc.kill("SIGTERM");
    expect(await first.proc.exited).toBe(0);
    expect(storedHash(dir, "default")).toBe(hashKey(tokenOf(printed)));

    const pinned = "pinned-reporter-token-0001";
    const { proc, url } = await startServe(["--data-dir", dir], { env: { TOCSIN_REPORTER_TOKEN: pinned } });
    try {
      const auth = (token: string) => ({ Authorization: `Basic ${btoa(`:${token}`)}` });
      // the check does not exist: the token is what is tested (401 before 404)
      expect((await fetch(`${url}/v1/report/default/api/`, { method: "POST", headers: auth(tokenOf(printed)), body: "{}" })).status).toBe(401);
      expect((await fetch(`${url}/v1/report/default/api/`, { method: "POST", headers: auth(pinned), body: "{}" })).status).toBe(404);
    } finally {
      proc.kill("SIGTERM");
      expect(await proc.exited).toBe(0);
    }
  });
});
