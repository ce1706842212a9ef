import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { loadConfig } from "../../src/config.ts";
import { runCli, startServe } from "../support/cli.ts";
import { rawClient } from "./smtp-support.ts";

const API_KEY = "tcw_smtpsmtpsmtpsmtpsmtpsmtpsmtp";
const PING_KEY = "smtppingkey000001";
const tmp = (): string => mkdtempSync("/tmp/tocsin-smtp-");

describe("tocsin serve with the SMTP listener", () => {
  test("records a mailed ping that the API shows, and stops with 0 while a mail client is connected", async () => {
    const env = { TOCSIN_EMAIL_DOMAIN: "ping.test,mail.example.org", TOCSIN_API_KEY: API_KEY, TOCSIN_PING_KEY: PING_KEY };
    const { proc, url, startupLog } = await startServe(["--data-dir", tmp(), "--smtp-listen", "127.0.0.1:0"], { env });
    const port = Number(/"smtp":"127\.0\.0\.1:(\d+)"/.exec(startupLog)![1]);
    const api = (path: string, init: RequestInit = {}) => fetch(`${url}/api/v3${path}`, { ...init, headers: { "X-Api-Key": API_KEY } });
    const check = (await (await api("/checks/", { method: "POST", body: JSON.stringify({ name: "mailed", slug: "mailed" }) })).json()) as { uuid: string };
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: "root@nas", to: `${PING_KEY}+mailed+fail@MAIL.example.org`, subject: "Cron <root@nas> backup", text: "failed" });
    transport.close();
    const { pings } = (await (await api(`/checks/${check.uuid}/pings/`)).json()) as { pings: Record<string, unknown>[] };
    expect(pings).toHaveLength(1);
    expect(pings[0]).toMatchObject({ type: "fail", scheme: "email", ua: "Email from root@nas", method: "" });
    expect(((await (await api(`/checks/${check.uuid}`)).json()) as { status: string }).status).toBe("down");
    const idle = await rawClient(port);
    proc.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
    await idle.whenClosed();
  });

  test("refuses to start without a mail domain, naming the setting", async () => {
    const run = await runCli(["serve", "--data-dir", tmp(), "--smtp-listen", "127.0.0.1:0"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("TOCSIN_EMAIL_DOMAIN");
  });

  test("without the listener the daemon never loads the SMTP and MIME libraries", async () => {
    const script = `
      const { startDaemon } = await import(${JSON.stringify(join(import.meta.dir, "../../src/daemon.ts"))});
      const { loadConfig } = await import(${JSON.stringify(join(import.meta.dir, "../../src/config.ts"))});
      const { silentLogger } = await import(${JSON.stringify(join(import.meta.dir, "../../src/log.ts"))});
      const loaded = () => Object.keys(require.cache).filter((k) => /smtp-server|mailparser/.test(k));
      const start = async (flags) => {
        const c = loadConfig({ flags: { "data-dir": ${JSON.stringify(tmp())}, listen: "127.0.0.1:0", ...flags }, env: { TOCSIN_EMAIL_DOMAIN: "ping.test" }, readFile: () => "" });
        const s = await startDaemon({ config: c.config, log: silentLogger, out: () => {}, now: Date.now });
        await s.daemon.stop();
      };
      await start({});
      const off = loaded().length;
      await start({ "smtp-listen": "127.0.0.1:0" });
      console.log(JSON.stringify({ off, on: loaded().length }));
    `;
    const proc = Bun.spawn([process.execPath, "-e", script], { stdout: "pipe", stderr: "pipe" });
    const [out, err] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
    expect(err).toBe("");
    const counts = JSON.parse(out) as { off: number; on: number };
    expect(counts.off).toBe(0);
    expect(counts.on).toBeGreaterThan(0);
  });
});

describe("SMTP settings", () => {
  const load = (flags: Record<string, string | undefined>, env: Record<string, string | undefined>, file?: string) =>
    loadConfig({ flags: file === undefined ? flags : { config: "t.toml", ...flags }, env, readFile: () => file ?? "" });

  test("the listener is off unless an address is given", () => {
    const r = load({}, {});
    expect(r.ok && r.config.smtpListen).toBeUndefined();
  });

  test.each([
    { name: "a comma-separated environment variable", env: { TOCSIN_EMAIL_DOMAIN: " Ping.Example.org,mail.test " }, file: undefined },
    { name: "a list in the file", env: {}, file: 'email_domain = ["Ping.Example.org", "mail.test"]' },
    { name: "a comma-separated string in the file", env: {}, file: 'email_domain = "ping.example.org, mail.test"' },
  ])("takes several domains from $name, lowercased", ({ env, file }) => {
    const r = load({ "smtp-listen": "0.0.0.0:2525" }, env, file);
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect(r.config.emailDomains).toEqual(["ping.example.org", "mail.test"]);
    expect(r.config.smtpListen).toBe("0.0.0.0:2525");
  });

  test.each([
    { name: "a listener without a domain", flags: { "smtp-listen": "0.0.0.0:2525" }, env: {}, error: "TOCSIN_EMAIL_DOMAIN (email_domain): required when the SMTP listener is on" },
    { name: "a domain that is no domain", flags: {}, env: { TOCSIN_EMAIL_DOMAIN: "ping example" }, error: 'TOCSIN_EMAIL_DOMAIN = "ping example": must be domain names' },
    { name: "a bad listen address", flags: { "smtp-listen": "2525" }, env: { TOCSIN_EMAIL_DOMAIN: "p.test" }, error: '--smtp-listen = "2525": must be host:port' },
    { name: "a certificate without its key", flags: {}, env: { TOCSIN_SMTP_TLS_CERT: "/etc/cert.pem" }, error: "set both to offer STARTTLS, or neither" },
  ])("refuses $name", ({ flags, env, error }) => {
    const r = load(flags, env);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join("\n")).toContain(error);
  });
});
