import { describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { MAIN, startServe } from "../support/cli.ts";

const tmp = (): string => mkdtempSync("/tmp/tocsin-admin-");

async function setPassword(dir: string, input: string, env: Record<string, string> = {}) {
  const proc = Bun.spawn([process.execPath, MAIN, "admin", "set-password", "--data-dir", dir], {
    env: { PATH: process.env.PATH ?? "", HOME: "/tmp", ...env },
    stdin: new TextEncoder().encode(input),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, status] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { stdout, stderr, status };
}

async function startOutput(dir: string, env: Record<string, string> = {}): Promise<{ out: string; url: string }> {
  const { proc, url } = await startServe(["--data-dir", dir], { env });
  proc.kill("SIGTERM");
  await proc.exited;
  return { out: await new Response(proc.stdout).text(), url };
}

const printed = (out: string): string | null => /Admin password: (\S+)/.exec(out)?.[1] ?? null;

describe("the dashboard's admin password", () => {
  test("every start prints the same generated password with the dashboard URL until one is set", async () => {
    const dir = tmp();
    const first = await startOutput(dir);
    expect(first.out).toContain(`Dashboard: ${first.url}/app`);
    const password = printed(first.out);
    expect(password).toMatch(/^[a-z0-9]{24}$/);
    expect(printed((await startOutput(dir)).out)).toBe(password);
    const set = await setPassword(dir, "my own password\n");
    expect(set).toMatchObject({ status: 0, stdout: "Admin password set. 0 dashboard sessions were ended.\n" });
    expect(printed((await startOutput(dir)).out)).toBeNull();
  });

  test("TOCSIN_ADMIN_PASSWORD pins it: nothing is generated or printed", async () => {
    const dir = tmp();
    const { out } = await startOutput(dir, { TOCSIN_ADMIN_PASSWORD: "pinned password" });
    expect(out).not.toContain("Admin password");
  });

  test("set-password takes the first line of standard input and refuses an empty or short one", async () => {
    const dir = tmp();
    await startOutput(dir);
    expect(await setPassword(dir, "")).toMatchObject({ status: 2, stderr: expect.stringContaining("no password given") });
    expect(await setPassword(dir, "short\n")).toMatchObject({ status: 2, stderr: expect.stringContaining("at least 8 characters") });
    expect((await setPassword(dir, "first line password\r\nsecond line\n")).status).toBe(0);
  });

  test("set-password never creates a database: a missing one is an error naming the path and the flag", async () => {
    const dir = tmp();
    const result = await setPassword(join(dir, "nowhere"), "a good password\n");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(join(dir, "nowhere", "tocsin.db"));
    expect(result.stderr).toContain("--data-dir");
    expect(existsSync(join(dir, "nowhere"))).toBe(false);
  });
});
