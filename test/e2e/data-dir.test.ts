// The data directory at start-up (SPEC §2): one daemon per directory, and a damaged database is
// refused rather than served. Run as real processes, as an operator would start them.
import { describe, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, statSync, writeSync, closeSync } from "node:fs";
import { join } from "node:path";
import { runCli, startServe } from "../support/cli.ts";
import { migratedStore } from "../support/db.ts";

const tmp = (): string => mkdtempSync("/tmp/tocsin-datadir-");

describe("one daemon per data directory", () => {
  test("a second serve on the same directory exits 2 naming the first one's PID, and the first keeps serving", async () => {
    const dir = tmp();
    const first = await startServe(["--data-dir", dir]);
    try {
      const second = await runCli(["serve", "--listen", "127.0.0.1:0", "--data-dir", dir]);
      expect(second.status).toBe(2);
      expect(second.stderr).toContain(`is in use by another tocsin (PID ${first.proc.pid})`);
      expect(await (await fetch(`${first.url}/api/v3/status/`)).text()).toBe("OK");
    } finally {
      first.proc.kill("SIGTERM");
      expect(await first.proc.exited).toBe(0);
    }
    // a clean stop hands the directory on
    const next = await startServe(["--data-dir", dir]);
    next.proc.kill("SIGTERM");
    expect(await next.proc.exited).toBe(0);
  });

  test("a daemon killed with kill -9 leaves no lock behind", async () => {
    const dir = tmp();
    const first = await startServe(["--data-dir", dir]);
    first.proc.kill("SIGKILL");
    await first.proc.exited;
    const next = await startServe(["--data-dir", dir]);
    expect(await (await fetch(`${next.url}/api/v3/status/`)).text()).toBe("OK");
    next.proc.kill("SIGTERM");
    expect(await next.proc.exited).toBe(0);
  });
});

describe("start-up refuses a damaged database", () => {
  test("corrupt bytes in a copy of a database: exit 2 naming quick_check, the file left as it was", async () => {
    const good = join(tmp(), "tocsin.db");
    const store = migratedStore(good);
    const project = store.write((tx) => tx.createProject("default", "Default", 0)).project;
    // enough rows for the checks table to span many pages
    store.write((tx) => {
      for (let i = 0; i < 300; i++) tx.insertCheck({ projectId: project.id, uuid: crypto.randomUUID(), name: `job ${i}`, slug: `job-${i}` }, 0);
    });
    store.close();
    const dir = join(tmp(), "data");
    mkdirSync(dir);
    const damaged = join(dir, "tocsin.db");
    copyFileSync(good, damaged);
    const pages = statSync(damaged).size / 4096;
    const fd = openSync(damaged, "r+");
    writeSync(fd, new Uint8Array(4096).fill(0x5a), 0, 4096, Math.floor(pages / 2) * 4096);
    closeSync(fd);
    const before = readFileSync(damaged);
    const r = await runCli(["serve", "--listen", "127.0.0.1:0", "--data-dir", dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${damaged} is damaged (PRAGMA quick_check:`);
    expect(readFileSync(damaged).equals(before)).toBe(true);
    // the undamaged original starts
    const sound = await startServe(["--data-dir", join(good, "..")]);
    sound.proc.kill("SIGTERM");
    expect(await sound.proc.exited).toBe(0);
  });
});
