// Outbound mail through nodemailer, loaded on first use: an installation without email channels
// never pays for it in memory (SPEC §11 idle RSS).
import type { Mailer, MailMessage } from "./channel.ts";

/** One SMTP transport (connection settings from TOCSIN_SMTP_URL), created lazily. */
export async function createMailer(smtpUrl: string): Promise<Mailer> {
  const nodemailer = await import("nodemailer");
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    // the same 10 s budget as HTTP channels, per phase
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 10_000,
  });
  return {
    async send(m: MailMessage): Promise<void> {
      await transport.sendMail({ from: m.from, to: [...m.to], subject: m.subject, text: m.text, html: m.html });
    },
  };
}

/** SMTP 5xx answers are permanent; connection problems and 4xx are worth retrying. */
export function smtpErrorIsPermanent(e: unknown): boolean {
  const code = typeof e === "object" && e !== null ? (e as { responseCode?: unknown }).responseCode : undefined;
  return typeof code === "number" && code >= 500 && code < 600;
}
