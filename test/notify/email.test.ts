// Email alerts through a real SMTP sink (smtp-server), parsed back with mailparser.
import { afterEach, describe, expect, test } from "bun:test";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { anAlertWorld } from "./support.ts";

interface Sink {
  readonly port: number;
  readonly mails: ParsedMail[];
  readonly envelopes: { from: string; to: string[] }[];
  close(): Promise<void>;
}

/** An SMTP server on a free port; recipients at reject.test are refused with 550. */
async function anSmtpSink(): Promise<Sink> {
  const mails: ParsedMail[] = [];
  const envelopes: { from: string; to: string[] }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith("@reject.test")) {
        const err = Object.assign(new Error("mailbox unavailable"), { responseCode: 550 });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          envelopes.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address) });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return { port, mails, envelopes, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let sink: Sink | null = null;
afterEach(async () => {
  await sink?.close();
  sink = null;
});

describe("email channel", () => {
  test("the SMTP sink receives a down alert saying what is down, since when, the last ping, its body and a link", async () => {
    sink = await anSmtpSink();
    const w = anAlertWorld({ config: { smtpUrl: `smtp://127.0.0.1:${sink.port}`, emailFrom: "tocsin@example.com" } });
    const check = w.addCheck({ name: "nightly <backup>", slug: "backup", tags: "db" });
    w.assign(check, w.addChannel("email", { to: ["ops@example.com", "oncall@example.com"] }));
    await w.request(`/ping/${check.uuid}/2`, { method: "POST", body: "pg_dump: error: connection refused" });
    await w.notifier.runDue();
    expect(w.attempts(check)).toMatchObject([{ status: "ok" }]);
    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0]!;
    expect(sink.envelopes[0]).toEqual({ from: "tocsin@example.com", to: ["ops@example.com", "oncall@example.com"] });
    expect(mail.subject).toBe("DOWN: nightly <backup>");
    const text = mail.text ?? "";
    expect(text).toContain('"nightly <backup>" is DOWN');
    expect(text).toContain("Down since: 2026-01-15 12:00 UTC");
    expect(text).toContain("Why: the job reported a failure");
    expect(text).toContain("Last ping: 2026-01-15 12:00 UTC (fail, exit status 2)");
    expect(text).toContain("Schedule: every 1 d, 1 h grace");
    expect(text).toContain("pg_dump: error: connection refused");
    expect(text).toContain(`http://tocsin.test/app/checks/${check.uuid}`);
    const html = typeof mail.html === "string" ? mail.html : "";
    expect(html).toContain("&quot;nightly &lt;backup&gt;&quot; is DOWN");
    expect(html).toContain("pg_dump: error: connection refused");
    expect(html).not.toContain("<backup>");
  });

  test("the recovery email says how long the check was down", async () => {
    sink = await anSmtpSink();
    const w = anAlertWorld({ config: { smtpUrl: `smtp://127.0.0.1:${sink.port}`, emailFrom: "tocsin@example.com" } });
    const check = w.addCheck({ name: "job" });
    w.assign(check, w.addChannel("email", { to: "ops@example.com" }));
    await w.ping(check, "/fail");
    await w.notifier.runDue();
    w.clock.advance(754_000);
    await w.ping(check);
    await w.notifier.runDue();
    expect(sink.mails.map((m) => m.subject)).toEqual(["DOWN: job", "UP: job"]);
    expect(sink.mails[1]!.text).toContain("Downtime: 12 min 34 s");
  });

  test("an SMTP 5xx answer is permanent and shows on the channel", async () => {
    sink = await anSmtpSink();
    const w = anAlertWorld({ config: { smtpUrl: `smtp://127.0.0.1:${sink.port}`, emailFrom: "tocsin@example.com" } });
    const check = w.addCheck();
    const channel = w.addChannel("email", { to: ["nobody@reject.test"] });
    w.assign(check, channel);
    await w.ping(check, "/fail");
    await w.notifier.runDue();
    w.clock.advance(3_600_000);
    await w.notifier.runDue();
    expect(w.attempts(check)).toMatchObject([{ status: "permanent" }]);
    expect(w.tx.getChannel(channel.id)!.lastError).toContain("550");
  });

  test("without TOCSIN_SMTP_URL the attempt fails permanently with a clear message", async () => {
    const w = anAlertWorld();
    const check = w.addCheck();
    w.assign(check, w.addChannel("email", { to: ["ops@example.com"] }));
    await w.ping(check, "/fail");
    await w.notifier.runDue();
    expect(w.attempts(check)).toMatchObject([{ status: "permanent", error: "outbound email is not configured (TOCSIN_SMTP_URL and TOCSIN_EMAIL_FROM)" }]);
  });
});
