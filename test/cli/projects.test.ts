import { describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { hashKey } from "../../src/auth/keys.ts";
import type { CommandIo } from "../../src/cli/io.ts";
import { runProjects } from "../../src/cli/projects.ts";
import { openDataDir } from "../../src/daemon.ts";
import { openDatabase } from "../../src/store/db.ts";
import { runCli, startServe } from "../support/cli.ts";

/** An installation's data directory, its database created as `tocsin migrate` would. */
function aDataDir() {
  const dir = mkdtempSync("/tmp/tocsin-projects-");
  const opened = openDataDir({ dataDir: dir, sync: "normal" }, { create: true });
  if (!opened.ok) throw new Error(opened.error);
  opened.store.close();
  return dir;
}

async function projects(dataDir: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { args: [...args, "--data-dir", dataDir], env: {}, out: (l) => out.push(l), err: (l) => err.push(l), now: () => Date.UTC(2026, 0, 1) };
  const status = await runProjects(io);
  return { status, out: out.join("\n"), err: err.join("\n") };
}

const keyOf = (text: string, label: string): string => new RegExp(`${label}\\)?:?\\s+(\\S+)`).exec(text)![1]!;

describe("tocsin projects", () => {
  test("add creates a project and prints its keys once; only their digests are stored", async () => {
    const dir = aDataDir();
    const run = await projects(dir, "add", "ops", "--name", "Operations");
    expect(run.status).toBe(0);
    const rw = keyOf(run.out, "read-write");
    const ro = keyOf(run.out, "read-only");
    expect(rw).toMatch(/^tcw_\w{28}$/);
    expect(ro).toMatch(/^tcr_\w{28}$/);
    expect(run.out).toMatch(/Ping key:\s+[a-z0-9]{22}/);
    expect(run.out).toContain("within a second");
    const db = openDatabase(join(dir, "tocsin.db"));
    expect(db.query("SELECT name, api_key_hash, api_key_ro_hash FROM projects WHERE slug = 'ops'").get()).toEqual({ name: "Operations", api_key_hash: hashKey(rw), api_key_ro_hash: hashKey(ro) });
    db.close();
  });

  test("add refuses an existing slug and an invalid one", async () => {
    const dir = aDataDir();
    await projects(dir, "add", "ops");
    const again = await projects(dir, "add", "ops");
    expect(again.status).toBe(1);
    expect(again.err).toContain('project "ops" already exists');
    const bad = await projects(dir, "add", "Bad Slug");
    expect(bad.status).toBe(2);
    expect(bad.err).toContain("invalid slug");
  });

  test("ls lists projects with their check counts and limits, never their keys", async () => {
    const dir = aDataDir();
    const added = await projects(dir, "add", "ops", "--name=Ops team");
    const ls = await projects(dir, "ls");
    expect(ls.status).toBe(0);
    expect(ls.out.split("\n")).toEqual(["SLUG  NAME      CHECKS  LIMIT  PING AUTH  MANAGED BY", "ops   Ops team  0       10000  no"]);
    expect(ls.out).not.toContain(keyOf(added.out, "read-write"));
  });

  test("rotate-keys replaces all three keys; the old API key stops working", async () => {
    const dir = aDataDir();
    const added = await projects(dir, "add", "ops");
    const rotated = await projects(dir, "rotate-keys", "ops");
    expect(rotated.status).toBe(0);
    const db = openDatabase(join(dir, "tocsin.db"));
    const row = db.query("SELECT api_key_hash, ping_key FROM projects WHERE slug = 'ops'").get() as { api_key_hash: string; ping_key: string };
    db.close();
    expect(row.api_key_hash).toBe(hashKey(keyOf(rotated.out, "read-write")));
    expect(row.api_key_hash).not.toBe(hashKey(keyOf(added.out, "read-write")));
    expect(row.ping_key).toBe(keyOf(rotated.out, "Ping key"));
    expect((await projects(dir, "rotate-keys", "nope")).status).toBe(1);
  });

  test.each([{ args: ["ls"] }, { args: ["add", "ops"] }, { args: ["rotate-keys", "ops"] }])("projects $args.0 without a database says where it looked and creates nothing", async ({ args }) => {
    const cwd = mkdtempSync("/tmp/tocsin-projects-");
    const run = await runCli(["projects", ...args], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`no database at ${join(realpathSync(cwd), "tocsin-data", "tocsin.db")}`);
    expect(run.stderr).toContain("--data-dir");
    expect(readdirSync(cwd)).toEqual([]);
  });

  test("prints usage for a missing or unknown sub-command", async () => {
    const dir = aDataDir();
    expect((await projects(dir)).status).toBe(2);
    expect((await projects(dir, "explode")).status).toBe(2);
    expect((await projects(dir, "add")).status).toBe(2);
    expect((await projects(dir, "ls", "--name", "x")).status).toBe(2);
  });

  test("a running daemon serves a new project's slug URLs and rotated ping keys within a second, without SIGHUP", async () => {
    const dir = aDataDir();
    const { proc, url } = await startServe(["--data-dir", dir]);
    const statusOf = async (path: string): Promise<number> => (await fetch(`${url}${path}`)).status;
    /** polls until `path` answers `status`; at most ~5 s, well above the one-second poll */
    const eventually = async (path: string, status: number): Promise<number> => {
      let got = await statusOf(path);
      for (let i = 0; i < 100 && got !== status; i++) {
        await Bun.sleep(50);
        got = await statusOf(path);
      }
      return got;
    };
    try {
      const added = await runCli(["projects", "add", "late", "--data-dir", dir]);
      expect(added.status).toBe(0);
      const pingKey = keyOf(added.stdout, "Ping key");
      expect(await eventually(`/ping/${pingKey}/job?create=1`, 201)).toBe(201);
      const rotated = await runCli(["projects", "rotate-keys", "late", "--data-dir", dir]);
      expect(rotated.status).toBe(0);
      const newKey = keyOf(rotated.stdout, "Ping key");
      expect(await eventually(`/ping/${newKey}/job`, 200)).toBe(200);
      expect(await statusOf(`/ping/${pingKey}/job`)).toBe(404);
    } finally {
      proc.kill("SIGTERM");
      expect(await proc.exited).toBe(0);
    }
  }, 20_000);
});
