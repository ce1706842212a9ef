import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { aMailWorld, DOMAIN, type MailWorld, PING_KEY, rawMessage } from "./smtp-support.ts";

// one listener serves the tests that only add checks (its greeting alone takes 100 ms);
// tests that change the project or the limits get their own
let shared: MailWorld;
beforeAll(async () => {
  shared = await aMailWorld();
});
afterAll(() => shared.stop());

const own: MailWorld[] = [];
async function world(opts?: Parameters<typeof aMailWorld>[0]): Promise<MailWorld> {
  if (opts === undefined) return shared;
  const w = await aMailWorld(opts);
  own.push(w);
  return w;
}
afterEach(async () => {
  for (const w of own.splice(0)) await w.stop();
});

const text = (body: Uint8Array | null): string => (body ? new TextDecoder().decode(body) : "");

describe("email pings", () => {
  test("a mail to <uuid>@domain is a success, stored with its subject, text, sender and address", async () => {
    const w = await world();
    const check = w.addCheck();
    const info = await w.send({ to: `${check.uuid}@${DOMAIN}`, subject: "Nightly backup", text: "3 files copied\n" });
    expect(info.response).toContain("250");
    expect(w.reload(check).status).toBe("up");
    const [ping] = w.pings(check);
    expect(ping).toMatchObject({ kind: "success", scheme: "email", ua: "Email from cron@box.example", msg: "Nightly backup", remote_addr: "127.0.0.1" });
    expect(text(ping!.body)).toBe("Subject: Nightly backup\n\n3 files copied\n");
  });

  test("a mail to <uuid>+fail@domain is a failure and the check goes down", async () => {
    const w = await world();
    const check = w.addCheck();
    await w.send({ to: `${check.uuid}+fail@${DOMAIN}`, subject: "backup", text: "" });
    expect(w.pings(check)[0]!.kind).toBe("fail");
    expect(w.reload(check).status).toBe("down");
    expect(w.flips(check).at(-1)).toMatchObject({ new_status: "down", reason: "fail" });
  });

  test("ping key and slug with +start and +complete record a run and its duration", async () => {
    const w = await world();
    const check = w.addCheck({ slug: "db-dump" });
    await w.send({ to: `${PING_KEY}+db-dump+start@${DOMAIN}`, subject: "starting", text: "" });
    w.clock.advance(42_000);
    await w.send({ to: `${PING_KEY}+db-dump+complete@${DOMAIN}`, subject: "done", text: "" });
    const pings = w.pings(check);
    expect(pings.map((p) => p.kind)).toEqual(["start", "success"]);
    expect(pings[1]!.duration).toBe(42);
  });

  test("a message to several recipients records one ping for each", async () => {
    const w = await world();
    const a = w.addCheck({ slug: "a" });
    const b = w.addCheck({ slug: "b" });
    const info = await w.send({ to: [`${a.uuid}@${DOMAIN}`, `${PING_KEY}+b+fail@mail.example.org`, `nobody@${DOMAIN}`], subject: "both", text: "x" });
    expect(info.rejected).toEqual([`nobody@${DOMAIN}`]);
    expect(w.pings(a).map((p) => p.kind)).toEqual(["success"]);
    expect(w.pings(b).map((p) => p.kind)).toEqual(["fail"]);
  });

  test("a ping_auth project takes mail only through its ping key", async () => {
    const w = await world({});
    w.setProject({ pingAuth: true });
    const check = w.addCheck({ slug: "guarded" });
    const refused = await w.refusal({ to: `${check.uuid}@${DOMAIN}`, subject: "x", text: "" });
    expect(refused.responseCode).toBe(550);
    await w.send({ to: `${PING_KEY}+guarded@${DOMAIN}`, subject: "x", text: "" });
    expect(w.pings(check)).toHaveLength(1);
  });
});

describe("refused recipients", () => {
  test.each([
    { name: "an unknown uuid", to: () => `${crypto.randomUUID()}@${DOMAIN}` },
    { name: "an unknown slug", to: () => `${PING_KEY}+nope@${DOMAIN}` },
    { name: "an unknown ping key", to: () => `wrongwrongwrong000+job@${DOMAIN}` },
    { name: "a mailbox that is no ping address", to: () => `postmaster@${DOMAIN}` },
  ])("$name is refused with 550 5.1.1 at RCPT", async ({ to }) => {
    const w = await world();
    const check = w.addCheck();
    const e = await w.refusal({ to: to(), subject: "x", text: "" });
    expect(e.responseCode).toBe(550);
    expect(e.command).toBe("RCPT TO");
    expect(e.response).toContain("5.1.1");
    expect(w.pings(check)).toHaveLength(0);
  });

  test("a known check at another domain is refused with 550 at RCPT", async () => {
    const w = await world();
    const check = w.addCheck();
    const e = await w.refusal({ to: `${check.uuid}@example.com`, subject: "x", text: "" });
    expect(e.responseCode).toBe(550);
    expect(e.command).toBe("RCPT TO");
    expect(e.response).toContain("5.1.1");
    expect(w.pings(check)).toHaveLength(0);
  });
});

describe("keyword filters on mail", () => {
  test.each([
    { name: "a failure keyword in the subject fails", filters: { filterSubject: true, failureKw: "failed" }, to: "", subject: "Backup FAILED", body: "", kind: "fail" },
    { name: "a success keyword in the subject succeeds", filters: { filterSubject: true, successKw: "ok" }, to: "", subject: "Backup OK", body: "", kind: "success" },
    { name: "a failure keyword in the body fails", filters: { filterBody: true, failureKw: "error" }, to: "", subject: "Backup", body: "disk error", kind: "fail" },
    { name: "a mail matching no keyword is ignored", filters: { filterSubject: true, successKw: "ok" }, to: "", subject: "hello", body: "", kind: "ign" },
    { name: "filter_default_fail fails a mail matching no keyword", filters: { filterSubject: true, successKw: "ok", filterDefaultFail: true }, to: "", subject: "hello", body: "", kind: "fail" },
    { name: "+success in the address wins over a failure keyword", filters: { filterSubject: true, failureKw: "failed" }, to: "+success", subject: "failed", body: "", kind: "success" },
  ])("$name", async ({ filters, to, subject, body, kind }) => {
    const w = await world();
    const check = w.addCheck(filters);
    await w.send({ to: `${check.uuid}${to}@${DOMAIN}`, subject, text: body });
    expect(w.pings(check)[0]!.kind).toBe(kind);
  });

  test("a cron daemon's mail reports the job's output, and a body filter turns its errors into a failure", async () => {
    const w = await world();
    const plain = w.addCheck({ slug: "backup" });
    const filtered = w.addCheck({ slug: "backup-strict", filterBody: true, failureKw: "error, denied", filterDefaultFail: false });
    const cronMail = (to: string): string =>
      rawMessage(
        {
          From: "root (Cron Daemon)",
          To: to,
          Subject: "Cron <root@nas> /usr/local/bin/backup.sh",
          "MIME-Version": "1.0",
          "Content-Type": "text/plain; charset=UTF-8",
          "Content-Transfer-Encoding": "8bit",
          "X-Cron-Env": ["<SHELL=/bin/sh>", "<HOME=/root>", "<PATH=/usr/bin:/bin>", "<LOGNAME=root>"],
          "Message-Id": "<20260115120001.4F2A1C0123@nas>",
          Date: "Thu, 15 Jan 2026 12:00:01 +0000 (UTC)",
        },
        "rsync: opendir \"/srv/photos\" failed: Permission denied (13)\nrsync error: some files could not be transferred (code 23)\n",
      );
    for (const c of [plain, filtered]) {
      const to = `${PING_KEY}+${c.slug}@${DOMAIN}`;
      await w.send({ envelope: { from: "root@nas", to }, raw: cronMail(to) });
    }
    expect(w.pings(plain)[0]).toMatchObject({ kind: "success", msg: "Cron <root@nas> /usr/local/bin/backup.sh", ua: "Email from root@nas" });
    expect(text(w.pings(plain)[0]!.body)).toContain("rsync error: some files could not be transferred");
    expect(w.pings(filtered)[0]!.kind).toBe("fail");
    expect(w.reload(filtered).status).toBe("down");
  });

  test("a MAILTO check set up through the API fails on any exit status but 0", async () => {
    const w = await world();
    const check = w.addCheck();
    const update = await w.request(`/api/v3/checks/${check.uuid}`, {
      method: "POST",
      headers: { "X-Api-Key": w.keys.apiKey },
      body: JSON.stringify({ filter_body: true, success_kw: "exit status 0", filter_default_fail: true }),
    });
    expect(update.status).toBe(200);
    for (const status of [0, 10, 1, 0]) {
      await w.send({ to: `${check.uuid}@${DOMAIN}`, subject: "Cron <root@nas> backup", text: `copied 3 files\nexit status ${status}\n` });
    }
    expect(w.pings(check).map((p) => p.kind)).toEqual(["success", "fail", "fail", "success"]);
  });
});

describe("decoding", () => {
  const latin1 = (s: string): Buffer => Buffer.from(s, "latin1");
  test.each([
    {
      name: "a quoted-printable body",
      raw: rawMessage({ Subject: "qp", "Content-Type": "text/plain; charset=utf-8", "Content-Transfer-Encoding": "quoted-printable" }, "Gr=C3=B6=C3=9Fe: 12 GB =E2=9C=93, a very long line that was soft-=\nwrapped\n"),
      subject: "qp",
      body: "Größe: 12 GB ✓, a very long line that was soft-wrapped",
    },
    {
      name: "a base64 body",
      raw: rawMessage({ Subject: "b64", "Content-Type": "text/plain; charset=utf-8", "Content-Transfer-Encoding": "base64" }, Buffer.from("Sauvegarde terminée ✓\n").toString("base64")),
      subject: "b64",
      body: "Sauvegarde terminée ✓",
    },
    {
      name: "an ISO-8859-1 subject in an encoded word",
      raw: rawMessage({ Subject: "=?ISO-8859-1?Q?Sicherung_f=FCr_M=FCller?=", "Content-Type": "text/plain" }, "ok\n"),
      subject: "Sicherung für Müller",
      body: "ok",
    },
    {
      name: "a base64 encoded-word subject",
      raw: rawMessage({ Subject: "=?UTF-8?B?0KDQtdC30LXRgNCy0L3QsNGPINC60L7Qv9C40Y8=?=", "Content-Type": "text/plain" }, "ok\n"),
      subject: "Резервная копия",
      body: "ok",
    },
    {
      name: "an ISO-8859-1 body sent as 8-bit bytes",
      raw: latin1(rawMessage({ Subject: "latin", "Content-Type": "text/plain; charset=ISO-8859-1", "Content-Transfer-Encoding": "8bit" }, "Fichiers copiés: 3, déjà là: 2\n")),
      subject: "latin",
      body: "Fichiers copiés: 3, déjà là: 2",
    },
    {
      name: "an HTML-only mail, converted to text",
      raw: rawMessage({ Subject: "report", "Content-Type": "text/html; charset=utf-8" }, "<html><body><h1>Backup</h1><p>All <b>3</b> volumes &amp; snapshots done.</p><script>x()</script></body></html>\n"),
      subject: "report",
      body: "All 3 volumes & snapshots done.",
    },
  ])("$name is stored decoded", async ({ raw, subject, body }) => {
    const w = await world();
    const check = w.addCheck();
    const to = `${check.uuid}@${DOMAIN}`;
    await w.send({ envelope: { from: "cron@box.example", to }, raw });
    const [ping] = w.pings(check);
    expect(ping!.msg).toBe(subject);
    const stored = text(ping!.body);
    expect(stored.startsWith(`Subject: ${subject}\n\n`)).toBe(true);
    expect(stored).toContain(body);
    expect(stored).not.toContain("<");
  });

  test("the stored body is cut at the body limit, on a character boundary", async () => {
    const w = await world({ config: { pingBodyLimit: 40 } });
    const check = w.addCheck();
    await w.send({ to: `${check.uuid}@${DOMAIN}`, subject: "long", text: "é".repeat(5_000) });
    const body = w.pings(check)[0]!.body!;
    expect(body.length).toBeLessThanOrEqual(40);
    expect(body.length).toBeGreaterThan(36);
    expect(text(body)).toBe(`Subject: long\n\n${"é".repeat((body.length - 15) / 2)}`);
  });

  test("a subject over 1000 characters is cut in msg", async () => {
    const w = await world();
    const check = w.addCheck();
    await w.send({ to: `${check.uuid}@${DOMAIN}`, subject: "s".repeat(1_500), text: "" });
    expect(w.pings(check)[0]!.msg).toBe("s".repeat(1_000));
  });
});
