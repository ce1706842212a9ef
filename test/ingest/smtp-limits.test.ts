import { Database } from "bun:sqlite";
import { migratedStore, tempDbPath } from "../support/db.ts";
import { afterEach, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startSmtpListener } from "../../src/ingest/smtp.ts";
import { silentLogger } from "../../src/log.ts";
import { aMailWorld, DOMAIN, type MailWorld, rawClient } from "./smtp-support.ts";

const worlds: MailWorld[] = [];
async function world(opts?: Parameters<typeof aMailWorld>[0]): Promise<MailWorld> {
  const w = await aMailWorld(opts);
  worlds.push(w);
  return w;
}
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.stop();
});

const FIXTURES = join(import.meta.dir, "fixtures");
const TLS = { certFile: join(FIXTURES, "smtp-test-cert.pem"), keyFile: join(FIXTURES, "smtp-test-key.pem") };

/** A raw client that has said EHLO and named a sender and a recipient. */
async function inTransaction(w: MailWorld, to: string) {
  const c = await rawClient(w.port);
  await c.command("EHLO client.example");
  await c.command("MAIL FROM:<cron@box.example>");
  expect(await c.command(`RCPT TO:<${to}>`)).toStartWith("250");
  return c;
}

describe("message size", () => {
  test("a message over 10 000 000 bytes is refused with 552 and records nothing", async () => {
    const w = await world();
    const check = w.addCheck();
    const e = await w.refusal({ to: `${check.uuid}@${DOMAIN}`, subject: "huge", text: "x".repeat(10_000_100) });
    expect(e.responseCode).toBe(552);
    expect(w.pings(check)).toHaveLength(0);
  });

  test("a declared SIZE over the limit is refused with 552 at MAIL FROM", async () => {
    const w = await world();
    const c = await rawClient(w.port);
    expect(await c.command("EHLO client.example")).toContain("SIZE 10000000");
    expect(await c.command("MAIL FROM:<cron@box.example> SIZE=10000001")).toStartWith("552");
    c.end();
  });

  test("a message just under the limit is accepted and its body is cut at the body limit", async () => {
    const w = await world({ config: { pingBodyLimit: 1_000 } });
    const check = w.addCheck();
    await w.send({ to: `${check.uuid}@${DOMAIN}`, subject: "big", text: `${"line of output\n".repeat(600_000)}the end\n` });
    const [ping] = w.pings(check);
    expect(ping!.kind).toBe("success");
    expect(ping!.body!.length).toBe(1_000);
  });
});

describe("misbehaving clients", () => {
  test("a client sending garbage is disconnected after a few bad commands while a good client is served", async () => {
    const w = await world();
    const check = w.addCheck();
    const garbage = await rawClient(w.port);
    const replies: (string | null)[] = [];
    for (let i = 0; i < 12 && !garbage.isClosed(); i++) replies.push(await garbage.command(`\u0001\u00ffGARBAGE ${i}`));
    await w.send({ to: `${check.uuid}@${DOMAIN}`, subject: "fine", text: "" });
    await garbage.whenClosed();
    expect(replies.filter((r) => r?.startsWith("500"))).toHaveLength(9);
    expect(replies).toContain("421 4.4.2 Error: too many unrecognized commands\r\n");
    expect(w.pings(check)).toHaveLength(1);
  });

  test("a client that stops in the middle of its message times out, records nothing, and others are served meanwhile", async () => {
    const w = await world({ limits: { socketTimeoutMs: 300 } });
    const stalled = w.addCheck();
    const good = w.addCheck();
    const c = await inTransaction(w, `${stalled.uuid}@${DOMAIN}`);
    expect(await c.command("DATA")).toStartWith("354");
    c.send("Subject: never finished\r\n\r\nhalf a line");
    await w.send({ to: `${good.uuid}@${DOMAIN}`, subject: "fine", text: "" });
    expect(w.pings(good)).toHaveLength(1);
    expect(await c.reply()).toStartWith("421");
    await c.whenClosed();
    expect(w.pings(stalled)).toHaveLength(0);
  });

  test("an idle client is disconnected by the socket timeout", async () => {
    const w = await world({ limits: { socketTimeoutMs: 200 } });
    const c = await rawClient(w.port);
    expect(await c.reply()).toStartWith("421");
    await c.whenClosed();
  });

  test("a command line that never ends is cut off and the client disconnected", async () => {
    const w = await world();
    const c = await rawClient(w.port);
    c.send("EHLO " + "x".repeat(100_000));
    expect(await c.reply()).toStartWith("421 4.4.2 Error: Command line too long");
    await c.whenClosed();
  });

  test("a client guessing mailboxes is disconnected after 10 refusals", async () => {
    const w = await world();
    const c = await rawClient(w.port);
    await c.command("EHLO client.example");
    await c.command("MAIL FROM:<x@y.example>");
    const replies: (string | null)[] = [];
    for (let i = 0; i < 12 && !c.isClosed(); i++) replies.push(await c.command(`RCPT TO:<${crypto.randomUUID()}@${DOMAIN}>`));
    await c.whenClosed();
    expect(replies.filter((r) => r?.startsWith("550 5.1.1"))).toHaveLength(9);
    expect(replies[9]).toStartWith("421");
  });

  test("connections beyond the cap are told to come back later", async () => {
    const w = await world({ limits: { maxClients: 2 } });
    const held = [await rawClient(w.port), await rawClient(w.port)];
    const third = await rawClient(w.port);
    expect(held.map((c) => c.greeting?.slice(0, 3))).toEqual(["220", "220"]);
    expect(third.greeting).toStartWith("421");
    for (const c of held) c.end();
  });
});

describe("STARTTLS", () => {
  test("is not offered without a configured certificate", async () => {
    const w = await world();
    const c = await rawClient(w.port);
    expect(await c.command("EHLO client.example")).not.toContain("STARTTLS");
    expect(await c.command("STARTTLS")).toMatch(/^5\d\d /);
    c.end();
  });

  test("is offered with the configured certificate, which a client verifies", async () => {
    const w = await world({ tls: TLS });
    const check = w.addCheck();
    const c = await rawClient(w.port);
    expect(await c.command("EHLO client.example")).toContain("STARTTLS");
    c.end();
    const tlsClient = w.transport({ ignoreTLS: false, requireTLS: true, tls: { ca: [readFileSync(TLS.certFile)], servername: "localhost" } });
    await tlsClient.sendMail({ from: "cron@box.example", to: `${check.uuid}@${DOMAIN}`, subject: "secret", text: "" });
    tlsClient.close();
    expect(w.pings(check)).toHaveLength(1);
  });

  test.each([
    { name: "a missing certificate file", tls: { ...TLS, certFile: join(FIXTURES, "missing.pem") }, error: /cannot read the SMTP TLS certificate/ },
    { name: "a key that is no key", tls: { ...TLS, keyFile: TLS.certFile }, error: /not usable/ },
  ])("refuses to start with $name", async ({ tls, error }) => {
    const w = await world();
    const started = await startSmtpListener({ listen: "127.0.0.1:0", domains: [DOMAIN], tls, index: w.services.index, submit: (i) => w.services.writer.submit(i), bodyLimit: 100, log: silentLogger, now: w.clock.now });
    expect(started.ok).toBe(false);
    if (!started.ok) expect(started.error).toMatch(error);
  });
});

describe("storage failures", () => {
  test("a message whose write batch fails is answered 451 so that the sender retries", async () => {
    // another process holds the write lock longer than Tocsin waits (20 ms): the batch cannot commit
    const path = tempDbPath();
    const w = await world({ store: migratedStore(path, { busyTimeoutMs: 20 }) });
    const check = w.addCheck();
    const other = new Database(path);
    other.run("BEGIN IMMEDIATE");
    const e = await w.refusal({ to: `${check.uuid}@${DOMAIN}`, subject: "x", text: "" });
    other.run("ROLLBACK");
    other.close();
    expect(e.responseCode).toBe(451);
    expect(e.response).toContain("4.3.0");
  });
});

describe("start and stop", () => {
  test("a port in use is a start error, not a crash", async () => {
    const w = await world();
    const started = await startSmtpListener({ listen: `127.0.0.1:${w.port}`, domains: [DOMAIN], tls: null, index: w.services.index, submit: (i) => w.services.writer.submit(i), bodyLimit: 100, log: silentLogger, now: w.clock.now });
    expect(started.ok).toBe(false);
    if (!started.ok) expect(started.error).toContain(`cannot listen for SMTP on 127.0.0.1:${w.port}`);
  });

  test("stop disconnects a client that is still connected and refuses new ones", async () => {
    const w = await aMailWorld({ limits: { closeTimeoutMs: 100 } });
    const c = await rawClient(w.port);
    await w.stop();
    await c.whenClosed();
    await expect(rawClient(w.port).then((r) => r.greeting)).resolves.toBeNull();
  });
});
