// A whole Tocsin (real database, real batch writer) with its SMTP listener on an ephemeral port,
// a real SMTP client (nodemailer) and a raw socket for clients that misbehave.
import { connect, type Socket } from "node:net";
import nodemailer, { type SendMailOptions } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { ServiceConfig } from "../../src/services.ts";
import { type SmtpDeps, type SmtpLimits, startSmtpListener } from "../../src/ingest/smtp.ts";
import { silentLogger } from "../../src/log.ts";
import type { Store } from "../../src/store/store.ts";
import { aWorld } from "../support/world.ts";

export const DOMAIN = "ping.test";
export const PING_KEY = "pingkeypingkey0001";

export interface MailWorldOptions {
  readonly config?: Partial<ServiceConfig>;
  readonly limits?: Partial<SmtpLimits>;
  readonly tls?: SmtpDeps["tls"];
  readonly store?: Store;
}

export async function aMailWorld(opts: MailWorldOptions = {}) {
  const world = aWorld({ config: opts.config, ...(opts.store ? { store: opts.store } : {}) });
  const bodyLimit = opts.config?.pingBodyLimit ?? 100_000;
  const started = await startSmtpListener({
    listen: "127.0.0.1:0",
    domains: [DOMAIN, "mail.example.org"],
    tls: opts.tls ?? null,
    index: world.services.index,
    submit: (input) => world.services.writer.submit(input),
    bodyLimit,
    log: silentLogger,
    now: world.clock.now,
    limits: opts.limits,
  });
  if (!started.ok) throw new Error(started.error);
  const { port } = started.listener;
  const transport = (extra: SMTPTransport.Options = {}) =>
    nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, ...extra } as SMTPTransport.Options);
  // one pooled connection: messages after the first skip the listener's greeting delay
  const client = transport({ pool: true, maxConnections: 1 } as SMTPTransport.Options);
  const send = (mail: SendMailOptions) => client.sendMail({ from: "cron@box.example", ...mail });
  /** the client's error for a message the listener refused */
  const refusal = async (mail: SendMailOptions): Promise<SmtpClientError> => {
    try {
      await send(mail);
    } catch (e) {
      return e as SmtpClientError;
    }
    throw new Error("the listener accepted the message");
  };
  const stop = async (): Promise<void> => {
    client.close();
    await started.listener.stop();
    await world.services.stop();
  };
  return { ...world, port, listener: started.listener, transport, send, refusal, stop };
}

export type MailWorld = Awaited<ReturnType<typeof aMailWorld>>;

export interface SmtpClientError extends Error {
  readonly responseCode?: number;
  readonly command?: string;
  readonly response?: string;
}

/** A raw SMTP dialogue: send lines, read replies. */
export async function rawClient(port: number) {
  const socket: Socket = connect(port, "127.0.0.1");
  let buffer = "";
  let closed = false;
  const waiters: (() => void)[] = [];
  const wake = (): void => {
    for (const w of waiters.splice(0)) w();
  };
  socket.setEncoding("utf8");
  socket.on("data", (d: string) => {
    buffer += d;
    wake();
  });
  socket.on("close", () => {
    closed = true;
    wake();
  });
  socket.on("error", () => {});
  /** the next complete reply (the last line of a multi-line one ends in `code SP`), or null once closed */
  const reply = async (): Promise<string | null> => {
    for (;;) {
      const m = /^(?:\d{3}-[^\n]*\n)*\d{3}(?: [^\n]*)?\r?\n/.exec(buffer);
      if (m) {
        buffer = buffer.slice(m[0].length);
        return m[0];
      }
      if (closed) return null;
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  const send = (line: string): void => {
    if (!closed) socket.write(line);
  };
  /** sends a command line and returns its reply */
  const command = async (line: string): Promise<string | null> => {
    send(`${line}\r\n`);
    return reply();
  };
  const whenClosed = async (): Promise<void> => {
    while (!closed) await new Promise<void>((r) => waiters.push(r));
  };
  const greeting = await reply();
  return { greeting, send, reply, command, whenClosed, end: () => socket.destroy(), isClosed: () => closed };
}

/** A raw RFC 5322 message with CRLF line ends, for mail in the exact shape a sender produces. */
export function rawMessage(headers: Record<string, string | string[]>, body: string): string {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(headers)) for (const v of [value].flat()) lines.push(`${name}: ${v}`);
  return `${lines.join("\r\n")}\r\n\r\n${body.replace(/\r?\n/g, "\r\n")}`;
}
