// The SMTP listener (SPEC §7): machines that can only send mail (a crontab's MAILTO) ping by mail.
// Recipients are checked at RCPT against the in-memory index, so a bad mailbox is refused before
// any data is sent; each accepted message becomes one ping per recipient through the same
// operation and batch writer as HTTP pings. smtp-server and mailparser are loaded only here,
// when the listener starts, so an installation without it never pays for them in memory.
import { readFileSync } from "node:fs";
import { createSecureContext } from "node:tls";
import type { SMTPServer, SMTPServerDataStream, SMTPServerOptions, SMTPServerSession } from "smtp-server";
import type { PingAction } from "../core/ping.ts";
import type { Logger } from "../log.ts";
import type { PingInput } from "./record-ping.ts";
import { createMailReader, MAX_MESSAGE_BYTES, mailBody, type MailReader, type ReadMail } from "./mail-text.ts";
import { type MailboxIndex, resolveRecipient } from "./mailbox.ts";

/** What the listener needs of a ping's outcome; recordPing's outcome is one. */
export type SubmitOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface SmtpLimits {
  /** connections served at once; more are answered 421 */
  readonly maxClients: number;
  /** an idle client is disconnected after this long */
  readonly socketTimeoutMs: number;
  /** at shutdown, clients still connected after this long are disconnected */
  readonly closeTimeoutMs: number;
  /** recipients of one message */
  readonly maxRecipients: number;
  /** refused recipients on one connection before it is closed */
  readonly maxRefusals: number;
}

// 64 clients, each holding at most rawBytesKept(bodyLimit) of its message, bound the memory; the
// close timeout leaves the rest of the 5 s shutdown budget (SPEC §2) to the last write batch
export const DEFAULT_SMTP_LIMITS: SmtpLimits = { maxClients: 64, socketTimeoutMs: 30_000, closeTimeoutMs: 2_000, maxRecipients: 50, maxRefusals: 10 };

export interface SmtpDeps {
  /** host:port; port 0 picks a free one */
  readonly listen: string;
  /** lowercase domains that ping addresses end in */
  readonly domains: readonly string[];
  /** PEM files; STARTTLS is offered only with both */
  readonly tls: { readonly certFile: string; readonly keyFile: string } | null;
  readonly index: MailboxIndex;
  /** the batch writer's submit: resolves once the ping is committed, rejects when its batch failed */
  readonly submit: (input: PingInput) => Promise<SubmitOutcome>;
  /** bytes of a ping body kept */
  readonly bodyLimit: number;
  readonly log: Logger;
  readonly now: () => number;
  readonly limits?: Partial<SmtpLimits>;
}

export interface SmtpListener {
  /** the address actually bound, host:port */
  readonly address: string;
  readonly port: number;
  /** stops accepting, lets connected clients finish within the close timeout */
  stop(): Promise<void>;
}

export type SmtpStart = { readonly ok: true; readonly listener: SmtpListener } | { readonly ok: false; readonly error: string };

type Reply = { readonly code: number; readonly message: string };

export async function startSmtpListener(deps: SmtpDeps): Promise<SmtpStart> {
  const limits = { ...DEFAULT_SMTP_LIMITS, ...deps.limits };
  const tls = loadTls(deps.tls);
  if (!tls.ok) return tls;
  const [{ SMTPServer }, readMail] = await Promise.all([import("smtp-server"), createMailReader(deps.bodyLimit)]);
  const refusals = new WeakMap<SMTPServerSession, number>();
  // set once every connection is gone: a message still being read then has no one to answer
  let closed = false;
  const server: SMTPServer = new SMTPServer({
    ...serverOptions(limits, tls.pem),
    onRcptTo(address, session, callback) {
      const reply = checkRecipient(deps, address.address, () => {
        const n = (refusals.get(session) ?? 0) + 1;
        refusals.set(session, n);
        return n >= limits.maxRefusals;
      });
      callback(reply ? smtpError(reply) : null);
    },
    onData(stream, session, callback) {
      receive(deps, readMail, stream, session, () => closed).then(
        (reply) => (reply.code === 250 ? callback(null, reply.message) : callback(smtpError(reply))),
        (e: unknown) => {
          deps.log.error("email ping failed", { error: e });
          callback(smtpError({ code: 451, message: "local error, try again" }));
        },
      );
    },
  });
  // connection errors (resets, TLS failures) are the client's problem, never the daemon's
  server.on("error", (e) => deps.log.debug("smtp connection error", { error: e }));
  const bound = await listen(server, deps.listen);
  if (!bound.ok) return bound;
  return {
    ok: true,
    listener: {
      address: bound.address,
      port: bound.port,
      stop: () =>
        new Promise<void>((resolve) =>
          server.close(() => {
            closed = true;
            resolve();
          }),
        ),
    },
  };
}

function serverOptions(limits: SmtpLimits, pem: { key: Buffer; cert: Buffer } | null): SMTPServerOptions {
  return {
    banner: "Tocsin email pings",
    size: MAX_MESSAGE_BYTES,
    // a message over the size is answered 552 whatever onData says, after it was read and dropped
    rejectOversized: true,
    // 550 5.1.1 for an unknown mailbox tells the sending MTA not to retry
    hideENHANCEDSTATUSCODES: false,
    authOptional: true,
    // without a configured certificate STARTTLS stays off: the library's own key is public
    ...(pem ? { key: pem.key, cert: pem.cert, disabledCommands: ["AUTH"] } : { disabledCommands: ["AUTH", "STARTTLS"], hideSTARTTLS: true }),
    disableReverseLookup: true,
    maxClients: limits.maxClients,
    socketTimeout: limits.socketTimeoutMs,
    closeTimeout: limits.closeTimeoutMs,
    maxRecipients: limits.maxRecipients,
    logger: false,
  };
}

/** null accepts the recipient; `refused` counts a refusal and says whether that was one too many. */
function checkRecipient(deps: SmtpDeps, address: string, refused: () => boolean): Reply | null {
  const r = resolveRecipient(deps.index, deps.domains, address);
  if (r.ok) return null;
  deps.log.debug("email ping refused", { to: address.slice(0, 200), reason: r.reason });
  if (refused()) return { code: 421, message: "too many unknown recipients, closing" };
  switch (r.reason) {
    case "domain":
      return { code: 550, message: "no such domain here" };
    case "mailbox":
      return { code: 550, message: "no such check" };
    case "auth":
      return { code: 550, message: "this project requires its ping key: write to <ping_key>+<slug>@ instead" };
    default: {
      const unreachable: never = r.reason;
      throw new Error(`unknown refusal ${String(unreachable)}`);
    }
  }
}

interface Target {
  readonly checkId: number;
  readonly action: PingAction;
}

/** Reads one message and records one ping per recipient; the reply to DATA. */
async function receive(deps: SmtpDeps, readMail: MailReader, stream: SMTPServerDataStream, session: SMTPServerSession, closed: () => boolean): Promise<Reply> {
  const mail = await readMail(stream);
  // the connection is gone; the reply only goes to the log
  if (mail === null) return { code: 451, message: "message incomplete" };
  // the library answers 552 itself; nothing of an oversized message is recorded
  if (stream.sizeExceeded) return { code: 552, message: "message too large" };
  if (mail.decodeError !== null) deps.log.warn("email ping stored undecoded", { reason: mail.decodeError });
  // its connection was cut at shutdown, so the sender retries; the writer may be gone already
  if (closed()) return { code: 421, message: "shutting down, try again later" };
  const targets: Target[] = [];
  for (const rcpt of session.envelope.rcptTo) {
    // again, as the check may have been deleted since RCPT
    const r = resolveRecipient(deps.index, deps.domains, rcpt.address);
    if (r.ok) targets.push(r);
  }
  const now = deps.now();
  const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
  const inputs = targets.map((t) => pingInput(deps, t, mail, from, session.remoteAddress, now));
  const outcomes = await Promise.allSettled(inputs.map((input) => deps.submit(input)));
  // the batch did not commit: nothing was stored, so the sender's retry loses nothing
  if (outcomes.some((o) => o.status === "rejected")) return { code: 451, message: "could not store the ping, try again" };
  const recorded = outcomes.filter((o) => o.status === "fulfilled" && o.value.ok).length;
  deps.log.debug("email ping", { from: from.slice(0, 200), recipients: targets.length, recorded, bytes: mail.bytes });
  return { code: 250, message: `OK: ${recorded} ping${recorded === 1 ? "" : "s"} recorded` };
}

function pingInput(deps: SmtpDeps, target: Target, mail: ReadMail, from: string, remoteAddr: string, now: number): PingInput {
  const text = { subject: mail.subject, text: mail.text };
  const body = mailBody(text, deps.bodyLimit);
  return {
    target: { checkId: target.checkId },
    action: target.action,
    now,
    method: "",
    scheme: "email",
    remoteAddr,
    ua: `Email from ${from}`.slice(0, 200),
    body,
    bodyText: () => (body ? new TextDecoder().decode(body) : ""),
    rid: null,
    msg: mail.subject === "" ? null : mail.subject.slice(0, 1000),
    host: null,
    series: null,
    queryExitStatus: null,
    duration: null,
    metrics: null,
    mail: text,
  };
}

function smtpError(reply: Reply): Error {
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}

type TlsLoad = { readonly ok: true; readonly pem: { key: Buffer; cert: Buffer } | null } | { readonly ok: false; readonly error: string };

/** Reads the certificate and key, and checks that they make a usable TLS context. */
function loadTls(files: SmtpDeps["tls"]): TlsLoad {
  if (files === null) return { ok: true, pem: null };
  let pem: { key: Buffer; cert: Buffer };
  try {
    pem = { cert: readFileSync(files.certFile), key: readFileSync(files.keyFile) };
  } catch (e) {
    return { ok: false, error: `cannot read the SMTP TLS certificate or key: ${(e as Error).message}` };
  }
  try {
    createSecureContext(pem);
  } catch (e) {
    return { ok: false, error: `SMTP TLS certificate and key are not usable: ${(e as Error).message}` };
  }
  return { ok: true, pem };
}

type Bound = { readonly ok: true; readonly address: string; readonly port: number } | { readonly ok: false; readonly error: string };

function listen(server: SMTPServer, hostPort: string): Promise<Bound> {
  const i = hostPort.lastIndexOf(":");
  const host = hostPort.slice(0, i).replace(/^\[(.*)\]$/, "$1");
  const port = Number(hostPort.slice(i + 1));
  return new Promise((resolve) => {
    const failed = (e: Error): void => resolve({ ok: false, error: `cannot listen for SMTP on ${hostPort}: ${e.message}` });
    server.server.once("error", failed);
    server.listen(port, host, () => {
      server.server.off("error", failed);
      const a = server.server.address();
      const actual = typeof a === "object" && a !== null ? a.port : port;
      resolve({ ok: true, address: `${host.includes(":") ? `[${host}]` : host}:${actual}`, port: actual });
    });
  });
}
