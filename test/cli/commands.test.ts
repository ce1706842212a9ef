import { openStore } from "../../src/store/store.ts";
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import { runCli, startServe } from "../support/cli.ts";

const tmp = (): string => mkdtempSync("/tmp/tocsin-cli-");

describe("sub-commands", () => {
  test("version prints the package version", async () => {
    const r = await runCli(["version"]);
    expect(r).toEqual({ status: 0, stdout: `tocsin ${pkg.version}\n`, stderr: "" });
  });

  test("--help lists the commands and serve --help lists every setting with its variable", async () => {
    const top = await runCli(["--help"]);
    expect(top.status).toBe(0);
    for (const c of ["serve", "migrate", "check-config", "backup", "restore", "schedule"]) expect(top.stdout).toContain(c);
    const serve = await runCli(["serve", "--help"]);
    expect(serve.status).toBe(0);
    for (const s of ["--listen", "--data-dir", "TOCSIN_API_KEY", "--ping-body-limit", "--startup-grace"]) expect(serve.stdout).toContain(s);
  });

  test("an unknown command exits 2", async () => {
    const r = await runCli(["frobnicate"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });

  test("migrate creates the database and reports its schema version", async () => {
    const dir = tmp();
    const r = await runCli(["migrate", "--data-dir", dir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/tocsin\.db: schema version \d+/);
  });

  test("check-config accepts a valid file and lists every problem of a bad one", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "good.toml"), 'listen = "0.0.0.0:8080"\nping_log_limit = 500\n');
    writeFileSync(join(dir, "bad.toml"), 'listen = "0.0.0.0:80800"\nping_log_limit = -1\ncolour = "blue"\n');
    const good = await runCli(["check-config", "--config", join(dir, "good.toml")]);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain("configuration is valid");
    const bad = await runCli(["check-config", "--config", join(dir, "bad.toml")]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown key "colour"');
    expect(bad.stderr).toContain("listen");
    expect(bad.stderr).toContain("ping_log_limit");
  });

  test("backup copies a running daemon's database and the copy has the same rows", async () => {
    const dir = tmp();
    const { proc } = await startServe(["--data-dir", dir]);
    const target = join(tmp(), "copy.db");
    const r = await runCli(["backup", target, "--data-dir", dir]);
    proc.kill("SIGTERM");
    await proc.exited;
    expect(r.status).toBe(0);
    const rows = (path: string): unknown => {
      const store = openStore(path);
      const out = store.read((tx) => tx.tableRows("projects")).map((p) => ({ slug: p.slug, name: p.name, ping_key: p.ping_key, api_key_hash: p.api_key_hash }));
      store.close();
      return out;
    };
    expect(rows(target)).toEqual(rows(join(dir, "tocsin.db")));
    expect((rows(target) as unknown[]).length).toBe(1);
  });

  test("backup from a directory without a database says where it looked and creates nothing", async () => {
    const cwd = tmp();
    const r = await runCli(["backup", "nightly.db"], { cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`no database at ${join(realpathSync(cwd), "tocsin-data", "tocsin.db")}`);
    expect(r.stderr).toContain("--data-dir");
    expect(r.stdout).not.toContain("backup written");
    expect(readdirSync(cwd)).toEqual([]);
  });

  test("backup refuses to overwrite an existing file", async () => {
    const dir = tmp();
    const target = join(dir, "exists.db");
    writeFileSync(target, "precious");
    const r = await runCli(["backup", target, "--data-dir", dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("already exists");
    expect(readFileSync(target, "utf8")).toBe("precious");
  });
});
