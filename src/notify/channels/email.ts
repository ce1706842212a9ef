// Email: plain text and HTML saying what is down, since when, the last ping, a body excerpt and
// a link. Sent through TOCSIN_SMTP_URL from TOCSIN_EMAIL_FROM.
import { z } from "zod";
import { escapeHtml } from "../../web/html.ts";
import { type Alert, facts, headline, plainText, title } from "../alert.ts";
import { type ChannelNotifier, OK, permanent, retryable } from "../channel.ts";
import { excerpt } from "../excerpt.ts";
import { smtpErrorIsPermanent } from "../mailer.ts";

const address = z.email({ error: "must be an email address" });
const settings = z.object({
  // one address or a list
  to: z.union([address.transform((a) => [a]), z.array(address).min(1, "needs at least one address").max(50)]),
});
type Settings = z.infer<typeof settings>;

export function emailHtml(a: Alert): string {
  const rows = facts(a)
    .map((f) => `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`)
    .join("");
  const body = a.lastPing?.body ? `<p><b>Last ping body:</b></p><pre style="white-space:pre-wrap">${escapeHtml(a.lastPing.body)}</pre>` : "";
  const color = a.event === "up" ? "#1a7f37" : a.event === "down" ? "#cf222e" : "#0969da";
  return `<!doctype html><html><body style="font-family:sans-serif"><h2 style="color:${color}">${escapeHtml(headline(a))}</h2><table>${rows}</table>${body}<p><a href="${escapeHtml(a.link)}">${escapeHtml(a.link)}</a></p></body></html>`;
}

export const email: ChannelNotifier<Settings> = {
  settings,
  apiCreatable: true,
  secrets: [],
  async send(s, a, ctx) {
    if (!ctx.smtpUrl || !ctx.emailFrom) return permanent("outbound email is not configured (TOCSIN_SMTP_URL and TOCSIN_EMAIL_FROM)");
    try {
      const mailer = await ctx.mailer(ctx.smtpUrl);
      await mailer.send({ from: ctx.emailFrom, to: s.to, subject: title(a), text: plainText(a), html: emailHtml(a) });
      return OK;
    } catch (e) {
      // the message carries the server's answer, which may be long
      const error = `SMTP: ${excerpt(e instanceof Error ? e.message : String(e))}`;
      return smtpErrorIsPermanent(e) ? permanent(error) : retryable(error);
    }
  },
};
