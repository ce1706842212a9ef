// Webhook (SPEC §8): any URL and method, templated body, HMAC signature with a secret.
// Bun.CryptoHasher and Web Crypto rather than node:crypto, whose module costs megabytes (SPEC §11).
import { z } from "zod";
import type { Alert } from "../alert.ts";
import { alertJson } from "../alert-json.ts";
import type { ChannelNotifier } from "../channel.ts";
import { httpSend } from "../http.ts";
import { maskHeaders, maskSecret, maskUrlCredentials } from "../mask.ts";
import { expand, isJsonBody, templateValues } from "../template.ts";
import { httpUrl, onOff } from "./schema.ts";

const settings = z.object({
  url: httpUrl,
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).default("POST"),
  headers: z.record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "must be a header name"), z.string().max(4000)).default({}),
  body: z.string().max(100_000).default(""),
  secret: z.string().max(500).optional(),
  on_down: onOff,
  on_up: onOff,
  /** recoveries go here instead of `url` when set */
  url_up: httpUrl.optional(),
  body_up: z.string().max(100_000).optional(),
});
export type WebhookSettings = z.infer<typeof settings>;

/** Without a body template, POST/PUT/PATCH send the alert's facts as JSON (alert-json.ts). */
function defaultBody(a: Alert): string {
  return JSON.stringify(alertJson(a));
}

/** The request a webhook sends, signature included (exported for tests). */
export function webhookRequest(s: WebhookSettings, a: Alert): { url: string; method: string; headers: Record<string, string>; body: string | undefined } {
  const up = a.event === "up";
  const values = templateValues(a);
  const url = expand(up && s.url_up ? s.url_up : s.url, values, "url");
  const template = up && s.body_up !== undefined ? s.body_up : s.body;
  const headers: Record<string, string> = Object.fromEntries(Object.entries(s.headers).map(([k, v]) => [k, expand(v, values, "header")]));
  let body: string | undefined;
  if (s.method !== "GET") {
    if (template === "") body = s.method === "DELETE" ? undefined : defaultBody(a);
    else body = expand(template, values, isJsonBody(template, s.headers) ? "json" : "text");
    if (body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === "content-type")) {
      headers["Content-Type"] = template === "" || isJsonBody(template, s.headers) ? "application/json" : "text/plain; charset=utf-8";
    }
  }
  if (s.secret) headers["X-Tocsin-Signature"] = `sha256=${new Bun.CryptoHasher("sha256", s.secret).update(body ?? "").digest("hex")}`;
  return { url, method: s.method, headers, body };
}

export const webhook: ChannelNotifier<WebhookSettings> = {
  settings,
  apiCreatable: true,
  secrets: ["secret"],
  mask: (s) => ({
    ...s,
    url: maskUrlCredentials(s.url),
    ...(s.url_up ? { url_up: maskUrlCredentials(s.url_up) } : {}),
    headers: maskHeaders(s.headers),
    ...(s.secret ? { secret: maskSecret(s.secret) } : {}),
  }),
  wants: (s, event) => (event === "up" ? s.on_up : event === "down" ? s.on_down : true),
  send: (s, a, ctx) => httpSend(webhookRequest(s, a), ctx),
};
