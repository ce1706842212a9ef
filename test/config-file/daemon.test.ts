// The declared objects through the real entry point: check-config, start-up and SIGHUP.
import { describe, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, startServe } from "../support/cli.ts";

const API_KEY = "tcw_declaredobjectsdaemontest000";

function aDir(toml: string) {
  const dir = mkdtempSync("/tmp/tocsin-config-");
  const file = join(dir, "tocsin.toml");
  writeFileSync(file, toml);
  return { dir, file };
}

describe("tocsin check-config", () => {
  test("lists every problem of the declared objects and exits 2", async () => {
    const { dir, file } = aDir('[[checks]]\nslug = "a"\nschedule = "0 3 * *"\n[[checks]]\nslug = "b"\ntz = "Nowhere/Land"\n');
    const run = await runCli(["check-config", "--config", file], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${file}: checks[0].schedule = "0 3 * *": is not a valid cron expression`);
    expect(run.stderr).toContain(`${file}: checks[1].tz = "Nowhere/Land": is not a valid timezone`);
  });

  test("lists the settings' problems and the declared objects' in one message, with values and suggestions", async () => {
    const toml = 'sycn = "full"\nping_log_limit = "many"\n[[checks]]\nslug = "a"\ntimeout = "5m"\ngrace = "1h30m"\n[[checks]]\nslug = "b"\ntimout = "5m"\ntz = "Europe/Berln"\nschedule = "0 25 * * *"\n';
    const { dir, file } = aDir(toml);
    const run = await runCli(["check-config", "--config", file], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      [
        "tocsin: invalid configuration:",
        `  - ${file}: unknown key "sycn"; did you mean "sync"?`,
        `  - ${file}: ping_log_limit = "many": must be a number`,
        `  - ${file}: checks[1]: unknown key "timout"; did you mean "timeout"?`,
        `  - ${file}: checks[1].tz = "Europe/Berln": is not a valid timezone; did you mean "Europe/Berlin"?`,
        `  - ${file}: checks[1].schedule = "0 25 * * *": is not a valid cron expression (hour field: 25 is out of range 0-23)`,
        "",
      ].join("\n"),
    );
  });

  test("accepts a valid file", async () => {
    const { dir, file } = aDir('prune = true\n[[projects]]\nslug = "ops"\n[[checks]]\nproject = "ops"\nslug = "a"\nschedule = "@daily"\n');
    const run = await runCli(["check-config", "--config", file], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});

describe("tocsin check-config on channels and maintenance windows", () => {
  test("lists bad channel settings, unknown kinds and invalid windows, and exits 2", async () => {
    const toml = '[[channels]]\nname = "hook"\nkind = "webhook"\nsettings = { url = "not a url" }\n[[channels]]\nname = "fax"\nkind = "fax"\n[[maintenance]]\nname = "w"\ncron = "0 3 * * *"\ntags = ["db"]\n';
    const { dir, file } = aDir(toml);
    const run = await runCli(["check-config", "--config", file], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${file}: channels[0].settings.url: must be an http or https URL`);
    expect(run.stderr).toContain(`${file}: channels[1].kind = "fax": must be one of email, webhook,`);
    expect(run.stderr).toContain(`${file}: maintenance[0]: duration is required with cron`);
    expect(run.stderr).not.toContain("not supported");
  });

  test("accepts a shell channel, a check using it and a window", async () => {
    const toml = '[[channels]]\nname = "page"\nkind = "shell"\nsettings = { argv = ["/bin/sh", "-c", "echo \\"$TOCSIN_NAME\\""] }\n[[checks]]\nslug = "a"\nchannels = ["page"]\n[[maintenance]]\nname = "w"\ncron = "0 3 * * *"\nduration = 600\nslugs = ["a"]\n';
    const { dir, file } = aDir(toml);
    const run = await runCli(["check-config", "--config", file], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});

describe("tocsin serve with declared objects", () => {
  test("refuses to start with a declared-object error, listing it", async () => {
    const { dir, file } = aDir('[[checks]]\nslug = "a"\ntimeout = "400d"\n');
    const run = await runCli(["serve", "--config", file, "--listen", "127.0.0.1:0"], { cwd: dir, env: { TOCSIN_LOG_FORMAT: "json" } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('checks[0].timeout = "400d": must be an integer from 1 to 31536000 seconds');
  });

  test("applies the file at start and again on SIGHUP", async () => {
    const { dir, file } = aDir('[[checks]]\nslug = "first"\ntimeout = 3600\n');
    const { proc, url } = await startServe(["--config", file], { cwd: dir, env: { TOCSIN_API_KEY: API_KEY } });
    try {
      const slugs = async (): Promise<string[]> => {
        const res = await fetch(`${url}/api/v3/checks/`, { headers: { "X-Api-Key": API_KEY } });
        return ((await res.json()) as { checks: { slug: string; managed: boolean }[] }).checks.map((c) => `${c.slug}:${c.managed}`);
      };
      expect(await slugs()).toEqual(["first:true"]);
      writeFileSync(file, 'prune = true\n[[checks]]\nslug = "second"\nschedule = "*/5 * * * *"\n');
      proc.kill("SIGHUP");
      let seen: string[] = [];
      for (let i = 0; i < 100 && seen.join() !== "second:true"; i++) {
        await Bun.sleep(20);
        seen = await slugs();
      }
      expect(seen).toEqual(["second:true"]);
      expect((await fetch(`${url}/ping/${crypto.randomUUID()}`)).status).toBe(404);
    } finally {
      proc.kill("SIGTERM");
      expect(await proc.exited).toBe(0);
    }
  });
});
