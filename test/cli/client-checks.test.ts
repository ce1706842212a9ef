import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { runCli } from "../support/cli.ts";
import { API_KEY, type LiveDaemon, liveDaemon } from "./client-support.ts";

let daemon: LiveDaemon;
beforeAll(async () => {
  daemon = await liveDaemon();
});
afterAll(() => daemon.stop());

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const checks = (...args: string[]) => runCli(["checks", ...args], { env: { TOCSIN_URL: daemon.url, TOCSIN_API_KEY: API_KEY } });
const listed = async (...args: string[]): Promise<Record<string, unknown>[]> => {
  const r = await checks("ls", "--json", ...args);
  expect(r.status).toBe(0);
  return (JSON.parse(r.stdout) as { checks: Record<string, unknown>[] }).checks;
};

describe("tocsin checks against a live daemon", () => {
  test("add creates a simple check and prints its uuid and ping URL", async () => {
    const r = await checks("add", "Nightly backup", "--slug", "backup", "--tags", "prod db", "--timeout", "1d", "--grace", "3600", "--desc", "pg_dump");
    expect(r.status).toBe(0);
    const uuid = UUID.exec(r.stdout)![0];
    expect(r.stdout).toContain('Created check "Nightly backup" (backup)');
    expect(r.stdout).toContain(`ping URL:  ${daemon.url}/ping/${uuid}`);
    const [check] = (await listed()).filter((c) => c.uuid === uuid);
    expect(check).toMatchObject({ name: "Nightly backup", slug: "backup", tags: "prod db", desc: "pg_dump", timeout: 86_400, grace: 3600, status: "new" });
  });

  test("add creates a cron check with its time zone", async () => {
    const r = await checks("add", "Reports", "--slug", "reports", "--schedule", "0 3 * * *", "--tz", "Europe/Riga", "--grace", "5m", "--tags", "prod");
    expect(r.status).toBe(0);
    const [check] = (await listed()).filter((c) => c.slug === "reports");
    expect(check).toMatchObject({ schedule: "0 3 * * *", tz: "Europe/Riga", grace: 300 });
  });

  test("add --unique finds the existing check instead of creating a second one", async () => {
    const first = await checks("add", "Once", "--slug", "once", "--unique", "name,slug");
    const second = await checks("add", "Once", "--slug", "once", "--unique", "name,slug", "--grace", "120");
    expect(first.status).toBe(0);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain("Updated existing check");
    expect(UUID.exec(second.stdout)![0]).toBe(UUID.exec(first.stdout)![0]);
    expect((await listed()).filter((c) => c.slug === "once")).toHaveLength(1);
  });

  test("ls prints a table with name, slug, status, last ping and uuid", async () => {
    const r = await checks("ls");
    expect(r.status).toBe(0);
    const [header, ...rows] = r.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^NAME +SLUG +STATUS +LAST PING +UUID$/);
    const backup = rows.find((l) => l.startsWith("Nightly backup"));
    expect(backup).toMatch(new RegExp(`^Nightly backup +backup +new +never +${UUID.source}$`));
  });

  test("ls --tag keeps checks that have every tag given", async () => {
    expect((await listed("--tag", "prod")).map((c) => c.slug).sort()).toEqual(["backup", "reports"]);
    expect((await listed("--tag", "prod", "--tag", "db")).map((c) => c.slug)).toEqual(["backup"]);
    const none = await checks("ls", "--tag", "nothing-has-this");
    expect(none.status).toBe(0);
    expect(none.stdout).toBe("");
  });

  test("pause and resume by slug or uuid; resuming a check that is not paused shows the server's 409", async () => {
    const paused = await checks("pause", "backup");
    expect(paused.status).toBe(0);
    expect(paused.stdout).toMatch(/^Paused check "Nightly backup"/);
    expect((await listed()).find((c) => c.slug === "backup")!.status).toBe("paused");
    const uuid = (await listed()).find((c) => c.slug === "backup")!.uuid as string;
    const resumed = await checks("resume", uuid);
    expect(resumed.status).toBe(0);
    expect((await listed()).find((c) => c.slug === "backup")!.status).toBe("new");
    const again = await checks("resume", "backup");
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/server answered 409/);
  });

  test("rm deletes a check by slug", async () => {
    await checks("add", "Temporary", "--slug", "temporary");
    const r = await checks("rm", "temporary");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Deleted check "Temporary"/);
    expect((await listed()).some((c) => c.slug === "temporary")).toBe(false);
  });

  test("an unknown slug is a clear error with status 1", async () => {
    const r = await checks("pause", "no-such-check");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no check with slug "no-such-check"');
  });

  test("the server's validation error is shown with its status", async () => {
    const r = await checks("add", "Bad cron", "--schedule", "61 * * * *");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/server answered 400 Bad Request: .*schedule/);
  });

  test("a wrong API key: status 1 and the server's 401 message", async () => {
    const r = await runCli(["checks", "ls", "--url", daemon.url, "--api-key", "tcw_wrongwrongwrongwrongwrongwron"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("server answered 401 Unauthorized: wrong api key");
  });
});

describe("tocsin checks usage errors exit 2", () => {
  test.each([
    ["no API key", ["checks", "ls", "--url", "http://127.0.0.1:9"], "an API key is needed"],
    ["no sub-command", ["checks"], "usage: tocsin checks"],
    ["an unknown sub-command", ["checks", "frob"], 'unknown sub-command "frob"'],
    ["timeout and schedule together", ["checks", "add", "x", "--timeout", "60", "--schedule", "* * * * *", "--api-key", "k"], "exclude each other"],
    ["tz without schedule", ["checks", "add", "x", "--tz", "UTC", "--api-key", "k"], "--tz applies to --schedule only"],
    ["a bad duration", ["checks", "add", "x", "--grace", "soon", "--api-key", "k"], "--grace must be"],
    ["a bad --unique field", ["checks", "add", "x", "--unique", "name,colour", "--api-key", "k"], '"colour"'],
    ["an uppercase slug", ["checks", "rm", "Backup", "--api-key", "k"], "expected a check's uuid or slug"],
    ["a URL that is not http", ["checks", "ls", "--url", "ftp://x", "--api-key", "k"], "must be an http"],
  ])("%s", async (_name, args, message) => {
    const r = await runCli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  test("every sub-command has --help", async () => {
    for (const sub of ["ls", "add", "pause", "resume", "rm"]) {
      const r = await runCli(["checks", sub, "--help"]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`tocsin checks ${sub}`);
    }
  });
});

describe("tocsin checks when the server cannot be reached", () => {
  test("ls reports the address and exits 1", async () => {
    const r = await runCli(["checks", "ls", "--url", "http://127.0.0.1:9", "--api-key", "k"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("cannot reach http://127.0.0.1:9: connection refused");
  });
});
