// SPEC §2: the data directory is 0700 and the database, its WAL and shared-memory files and
// backups 0600, whatever the umask: ping bodies are job output and may hold secrets.
import { afterEach, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openDataDir } from "../../src/daemon.ts";
import { openStore } from "../../src/store/store.ts";
import { startServe } from "../support/cli.ts";

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);
const previousUmask = process.umask();
afterEach(() => {
  process.umask(previousUmask);
});

describe("file modes", () => {
  test("with umask 000 the data directory is created 0700 and the database, WAL and SHM 0600", () => {
    process.umask(0o000);
    const dir = join(mkdtempSync("/tmp/tocsin-modes-"), "data");
    const opened = openDataDir({ dataDir: dir, sync: "normal" }, { create: true });
    if (!opened.ok) throw new Error(opened.error);
    try {
      opened.store.write((tx) => tx.createProject("p", "P", 0));
      expect(mode(dir)).toBe("700");
      for (const file of ["tocsin.db", "tocsin.db-wal", "tocsin.db-shm"]) {
        expect(existsSync(join(dir, file))).toBe(true);
        expect(mode(join(dir, file))).toBe("600");
      }
    } finally {
      opened.store.close();
    }
  });

  test("a database and WAL left world-readable by an older version are tightened when opened", () => {
    const dir = mkdtempSync("/tmp/tocsin-modes-");
    const path = join(dir, "tocsin.db");
    const first = openDataDir({ dataDir: dir, sync: "normal" }, { create: true });
    if (!first.ok) throw new Error(first.error);
    first.store.close();
    chmodSync(path, 0o644);
    writeFileSync(`${path}-wal`, "");
    chmodSync(`${path}-wal`, 0o644);
    const again = openDataDir({ dataDir: dir, sync: "normal" }, { create: false });
    if (!again.ok) throw new Error(again.error);
    again.store.close();
    expect(mode(path)).toBe("600");
  });

  test("a backup is written 0600 whatever the umask", () => {
    process.umask(0o000);
    const store = openStore(join(mkdtempSync("/tmp/tocsin-modes-"), "tocsin.db"));
    const target = join(mkdtempSync("/tmp/tocsin-modes-"), "copy.db");
    store.backupTo(target);
    store.close();
    expect(mode(target)).toBe("600");
  });

  test("a backup never replaces an existing file", () => {
    const store = openStore(":memory:");
    const target = join(mkdtempSync("/tmp/tocsin-modes-"), "copy.db");
    writeFileSync(target, "precious");
    expect(() => store.backupTo(target)).toThrow();
    store.close();
    expect(statSync(target).size).toBe(8);
  });

  test("a running daemon's files are owner-only", async () => {
    const dir = join(mkdtempSync("/tmp/tocsin-modes-"), "data");
    const { proc, url } = await startServe(["--data-dir", dir]);
    try {
      await fetch(`${url}/api/v3/status/`);
      expect(mode(dir)).toBe("700");
      for (const file of ["tocsin.db", "tocsin.db-wal", "tocsin.db-shm"]) expect(mode(join(dir, file))).toBe("600");
    } finally {
      proc.kill("SIGTERM");
      expect(await proc.exited).toBe(0);
    }
  });
});
