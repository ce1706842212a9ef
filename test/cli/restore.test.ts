// `tocsin restore <file>` through the real entry point: a backup round-trips into a stopped
// installation; a running daemon, a damaged file or a newer schema are refused and change nothing.
import { Database } from "bun:sqlite";
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, startServe } from "../support/cli.ts";

const tmp = (): string => mkdtempSync("/tmp/tocsin-restore-");

function slugs(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return (db.query("SELECT slug FROM projects ORDER BY slug").all() as { slug: string }[]).map((r) => r.slug);
  } finally {
    db.close();
  }
}

async function cli(...args: string[]) {
  const run = await runCli(args);
  if (run.status !== 0) throw new Error(`tocsin ${args.join(" ")}: ${run.stderr}`);
  return run;
}

describe("tocsin restore", () => {
  test("round-trips a backup into a stopped installation, keeping the replaced database beside it", async () => {
    const dir = tmp();
    await cli("migrate", "--data-dir", dir);
    await cli("projects", "add", "ops", "--data-dir", dir);
    const backup = join(tmp(), "nightly.db");
    await cli("backup", backup, "--data-dir", dir);
    await cli("projects", "add", "later", "--data-dir", dir);
    const run = await cli("restore", backup, "--data-dir", dir);
    expect(run.stdout).toContain(`restored ${backup} into ${join(dir, "tocsin.db")}`);
    expect(slugs(join(dir, "tocsin.db"))).toEqual(["ops"]);
    const kept = readdirSync(dir).filter((f) => f.startsWith("tocsin.db.before-restore-"));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(/^tocsin\.db\.before-restore-\d{8}T\d{6}Z$/);
    expect(run.stdout).toContain(`the replaced database is kept as ${join(dir, kept[0]!)}`);
    expect(slugs(join(dir, kept[0]!))).toEqual(["later", "ops"]);
    for (const f of ["tocsin.db", kept[0]!]) expect((statSync(join(dir, f)).mode & 0o777).toString(8)).toBe("600");
    // no temporary file and no stale WAL or SHM of the replaced file is left to be replayed
    expect(readdirSync(dir).filter((f) => f.startsWith(".") || f.startsWith("tocsin.db-"))).toEqual([]);
    const ls = await cli("projects", "ls", "--data-dir", dir);
    expect(ls.stdout).toContain("ops");
    expect(ls.stdout).not.toContain("later");
  });

  test("is refused while a daemon runs in the data directory, which keeps its database", async () => {
    const dir = tmp();
    await cli("migrate", "--data-dir", dir);
    const backup = join(tmp(), "nightly.db");
    await cli("backup", backup, "--data-dir", dir);
    const { proc } = await startServe(["--data-dir", dir]);
    try {
      await cli("projects", "add", "live", "--data-dir", dir);
      const run = await runCli(["restore", backup, "--data-dir", dir]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`${dir} is in use by PID ${proc.pid}; stop the daemon`);
      expect(readdirSync(dir).filter((f) => f.includes("restore"))).toEqual([]);
    } finally {
      proc.kill("SIGTERM");
      expect(await proc.exited).toBe(0);
    }
    expect(slugs(join(dir, "tocsin.db"))).toEqual(["default", "live"]);
  });

  test.each([
    { name: "a file that is not a database", make: (path: string) => writeFileSync(path, "not a database at all, just text ".repeat(200)), error: "it is not a readable SQLite database" },
    { name: "a database of a newer Tocsin", make: (path: string) => schemaVersion(path, 999), error: "its schema version 999 is newer than this Tocsin understands" },
    { name: "a database no Tocsin wrote", make: (path: string) => schemaVersion(path, 0), error: "it is not a Tocsin database" },
  ])("refuses $name and leaves the installation as it was", async ({ make, error }) => {
    const dir = tmp();
    await cli("migrate", "--data-dir", dir);
    const before = readFileSync(join(dir, "tocsin.db"));
    const bad = join(tmp(), "bad.db");
    make(bad);
    const run = await runCli(["restore", bad, "--data-dir", dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`refusing ${bad}: ${error}`);
    expect(readFileSync(join(dir, "tocsin.db")).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["tocsin.db"]);
  });

  test("restores into a new data directory", async () => {
    const source = tmp();
    await cli("migrate", "--data-dir", source);
    await cli("projects", "add", "ops", "--data-dir", source);
    const backup = join(tmp(), "nightly.db");
    await cli("backup", backup, "--data-dir", source);
    const fresh = join(tmp(), "data");
    await cli("restore", backup, "--data-dir", fresh);
    expect((statSync(fresh).mode & 0o777).toString(8)).toBe("700");
    expect(slugs(join(fresh, "tocsin.db"))).toEqual(["ops"]);
    expect(readdirSync(fresh)).toEqual(["tocsin.db"]);
  });
});

function schemaVersion(path: string, version: number): void {
  const db = new Database(path, { create: true });
  db.exec("CREATE TABLE t (a)");
  db.exec(`PRAGMA user_version = ${version}`);
  db.close();
}
