// Running the daemon as a new user on a home server would (SPEC §2): listening on every address
// without TOCSIN_BASE_URL, and editing the config file then sending SIGHUP.
import { describe, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startServe } from "../support/cli.ts";

const API_KEY = "tcw_runningforrealrunningforreal";

/** Reads a child's stderr until `pattern` shows up, returning everything read. */
async function readUntil(stream: ReadableStream<Uint8Array>, pattern: RegExp): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (!pattern.test(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended before ${pattern}: ${text}`);
      text += decoder.decode(value);
    }
  } finally {
    reader.releaseLock();
  }
  return text;
}

describe("a daemon listening on every address without TOCSIN_BASE_URL", () => {
  test("answers ping URLs with the host the request named, and says at start-up to set TOCSIN_BASE_URL", async () => {
    const dir = mkdtempSync("/tmp/tocsin-running-");
    const { proc, url, startupLog } = await startServe(["--listen", "0.0.0.0:0", "--data-dir", dir], { env: { TOCSIN_API_KEY: API_KEY } });
    try {
      expect(url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
      const port = new URL(url).port;
      const warning = startupLog.split("\n").find((l) => l.includes("without TOCSIN_BASE_URL"));
      expect(warning).toBeDefined();
      expect(JSON.parse(warning!)).toMatchObject({ level: "warn" });
      const res = await fetch(`http://127.0.0.1:${port}/api/v3/checks/`, {
        method: "POST",
        headers: { "X-Api-Key": API_KEY, "Content-Type": "application/json", Host: `raspberrypi.lan:${port}` },
        body: JSON.stringify({ name: "backup", slug: "backup" }),
      });
      expect(res.status).toBe(201);
      const check = (await res.json()) as { uuid: string; ping_url: string; slug_url: string };
      expect(check.ping_url).toBe(`http://raspberrypi.lan:${port}/ping/${check.uuid}`);
      expect(check.slug_url).toStartWith(`http://raspberrypi.lan:${port}/ping/`);
      // another client using another name gets its own
      const listed = (await (await fetch(`http://localhost:${port}/api/v3/checks/`, { headers: { "X-Api-Key": API_KEY } })).json()) as { checks: { ping_url: string }[] };
      expect(listed.checks[0]!.ping_url).toBe(`http://localhost:${port}/ping/${check.uuid}`);
      // and the URL it handed out works
      expect((await fetch(`http://127.0.0.1:${port}/ping/${check.uuid}`)).status).toBe(200);
    } finally {
      proc.kill("SIGTERM");
      expect(await proc.exited).toBe(0);
    }
  });
});

describe("SIGHUP", () => {
  test("re-applies the declared checks, keeps the running settings and names each one that changed", async () => {
    const dir = mkdtempSync("/tmp/tocsin-running-");
    const file = join(dir, "tocsin.toml");
    writeFileSync(file, `listen = "127.0.0.1:0"\nemail_from = "tocsin@example.org"\n[[checks]]\nslug = "first"\n`);
    const { proc, url } = await startServe(["--config", file, "--data-dir", join(dir, "data")], { listenFlag: false, env: { TOCSIN_API_KEY: API_KEY } });
    try {
      writeFileSync(file, `listen = "0.0.0.0:8123"\nemail_from = "alerts@example.org"\nping_log_limit = 50\n[[checks]]\nslug = "second"\n`);
      proc.kill("SIGHUP");
      const log = await readUntil(proc.stderr, /config file applied/);
      const warning = log.split("\n").find((l) => l.includes("need a restart"));
      expect(warning).toBeDefined();
      expect(JSON.parse(warning!).settings).toEqual(["listen", "ping_log_limit", "email_from"]);
      // the declared objects did change; the daemon still answers where it listened
      const res = await fetch(`${url}/api/v3/checks/`, { headers: { "X-Api-Key": API_KEY } });
      const slugs = ((await res.json()) as { checks: { slug: string }[] }).checks.map((c) => c.slug);
      expect(slugs).toContain("second");
    } finally {
      proc.kill("SIGTERM");
      expect(await proc.exited).toBe(0);
    }
  });

  test("without a config file re-reads the projects and keeps serving, loading no config-file code", async () => {
    const dir = mkdtempSync("/tmp/tocsin-running-");
    const { proc, url } = await startServe(["--data-dir", join(dir, "data")], { env: { TOCSIN_API_KEY: API_KEY } });
    try {
      const created = await fetch(`${url}/api/v3/checks/`, { method: "POST", headers: { "X-Api-Key": API_KEY }, body: JSON.stringify({ name: "nightly" }) });
      const { ping_url } = (await created.json()) as { ping_url: string };
      proc.kill("SIGHUP");
      await readUntil(proc.stderr, /"msg":"reloading"/);
      expect((await fetch(ping_url)).status).toBe(200);
    } finally {
      proc.kill("SIGTERM");
    }
    expect(await readUntil(proc.stderr, /"msg":"stopped"/)).not.toContain("reload failed");
    expect(await proc.exited).toBe(0);
  });

  test("names nothing when only declared objects changed", async () => {
    const dir = mkdtempSync("/tmp/tocsin-running-");
    const file = join(dir, "tocsin.toml");
    writeFileSync(file, `[[checks]]\nslug = "first"\n`);
    const { proc } = await startServe(["--config", file, "--data-dir", join(dir, "data")], { env: { TOCSIN_API_KEY: API_KEY } });
    try {
      writeFileSync(file, `[[checks]]\nslug = "first"\ntimeout = 60\n`);
      proc.kill("SIGHUP");
      const log = await readUntil(proc.stderr, /config file applied/);
      expect(log).not.toContain("need a restart");
    } finally {
      proc.kill("SIGTERM");
      expect(await proc.exited).toBe(0);
    }
  });
});
