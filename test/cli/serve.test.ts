import { Database } from "bun:sqlite";
import { openStore } from "../../src/store/store.ts";
import { describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashKey } from "../../src/auth/keys.ts";
import { runCli, startServe } from "../support/cli.ts";

const tmp = (): string => mkdtempSync("/tmp/tocsin-serve-");
const PINNED = "tcw_pinnedpinnedpinnedpinnedpinn";

describe("tocsin serve", () => {
  test("starts in an empty directory, creates its data directory and serves the status endpoint", async () => {
    const cwd = tmp();
    const { proc, url } = await startServe([], { cwd });
    expect(await (await fetch(`${url}/api/v3/status/`)).text()).toBe("OK");
    const page = await fetch(`${url}/status`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>Status · Operational</title>");
    proc.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
    expect(readdirSync(cwd)).toEqual(["tocsin-data"]);
    expect(existsSync(join(cwd, "tocsin-data", "tocsin.db"))).toBe(true);
  });

  test("prints the default project's keys on the first start only", async () => {
    const dir = tmp();
    const first = await startServe(["--data-dir", dir]);
    first.proc.kill("SIGTERM");
    await first.proc.exited;
    const firstOut = await new Response(first.proc.stdout).text();
    expect(firstOut).toMatch(/API key \(read-write\): tcw_[A-Za-z0-9]{28}/);
    expect(firstOut).toMatch(/Ping key: +[a-z0-9]{22}/);
    const second = await startServe(["--data-dir", dir]);
    second.proc.kill("SIGTERM");
    await second.proc.exited;
    // what a later start prints is the dashboard's generated password (test/cli/admin.test.ts), never keys
    const secondOut = await new Response(second.proc.stdout).text();
    expect(secondOut).not.toContain("API key");
    expect(secondOut).not.toContain("Ping key");
  });

  test("stores only the hash of the API key and applies a pinned key at every start", async () => {
    const dir = tmp();
    const run = await startServe(["--data-dir", dir], { env: { TOCSIN_API_KEY: PINNED, TOCSIN_PING_KEY: "pinnedpingkey1234" } });
    run.proc.kill("SIGTERM");
    expect(await run.proc.exited).toBe(0);
    const store = openStore(join(dir, "tocsin.db"));
    const row = store.read((tx) => tx.tableRows("projects")).find((p) => p.slug === "default") as { api_key_hash: string; ping_key: string };
    store.close();
    expect(row.api_key_hash).toBe(hashKey(PINNED));
    expect(row.ping_key).toBe("pinnedpingkey1234");
    expect(await new Response(run.proc.stdout).text()).not.toContain(PINNED);
  });

  test.each(["SIGTERM", "SIGINT"] as const)("stops on %s with status 0 and closes the database cleanly", async (signal) => {
    const dir = tmp();
    const { proc, url } = await startServe(["--data-dir", dir]);
    await fetch(`${url}/api/v3/status/`);
    const t0 = performance.now();
    proc.kill(signal);
    expect(await proc.exited).toBe(0);
    expect(performance.now() - t0).toBeLessThan(5_000);
    // a clean close checkpoints the write-ahead log into the main file and removes it
    expect(existsSync(join(dir, "tocsin.db-wal"))).toBe(false);
    const store = openStore(join(dir, "tocsin.db"));
    expect(store.check(true)).toBe("ok");
    store.close();
  });
});

describe("bad configuration exits with status 2 and a one-screen message", () => {
  test("an unknown key in the TOML file", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "tocsin.toml"), 'listen = "127.0.0.1:0"\nlistne = "x"\n');
    const r = await runCli(["serve", "--config", join(dir, "tocsin.toml"), "--data-dir", dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown key "listne"');
    expect(r.stderr.split("\n").length).toBeLessThan(25);
  });

  test("a port out of range", async () => {
    const r = await runCli(["serve", "--listen", "127.0.0.1:99999", "--data-dir", tmp()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--listen = "127.0.0.1:99999": port must be 0-65535');
  });

  test("an unwritable data directory", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "file"), "");
    const r = await runCli(["serve", "--listen", "127.0.0.1:0", "--data-dir", join(dir, "file", "data")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("is not writable");
  });

  test("a database written by a newer version, which is left untouched", async () => {
    const dir = tmp();
    // what a newer Tocsin would leave behind
    const db = new Database(join(dir, "tocsin.db"));
    db.run("PRAGMA user_version = 999");
    db.close();
    const r = await runCli(["serve", "--listen", "127.0.0.1:0", "--data-dir", dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("schema version 999 is newer");
    const after = new Database(join(dir, "tocsin.db"), { readonly: true });
    expect(after.query("SELECT count(*) AS n FROM sqlite_master").get()).toEqual({ n: 0 });
    after.close();
  });

  test("an unknown flag", async () => {
    const r = await runCli(["serve", "--lisen", "x"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--lisen");
  });
});
