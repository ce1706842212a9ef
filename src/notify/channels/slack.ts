// Slack incoming webhook: text plus a coloured attachment with the facts.
import { z } from "zod";
import { type Alert, facts, headline, title } from "../alert.ts";
import type { ChannelNotifier } from "../channel.ts";
import { httpSend, jsonRequest } from "../http.ts";
import { maskUrl } from "../mask.ts";
import { httpUrl } from "./schema.ts";

const settings = z.object({ url: httpUrl });
export type HookSettings = z.infer<typeof settings>;

export function color(a: Alert): string {
  return a.event === "up" ? "#36a64f" : a.event === "down" ? "#d50200" : "#439fe0";
}

/** Slack's and Mattermost's shared webhook payload. */
export function slackPayload(a: Alert): Record<string, unknown> {
  return {
    text: `${headline(a)} <${a.link}|${title(a)}>`,
    attachments: [{ color: color(a), fallback: title(a), fields: facts(a).map((f) => ({ title: f.label, value: f.value, short: false })) }],
  };
}

export const slack: ChannelNotifier<HookSettings> = {
  settings,
  apiCreatable: true,
  secrets: [],
  mask: (s) => ({ url: maskUrl(s.url) }),
  send: (s, a, ctx) => httpSend(jsonRequest(s.url, slackPayload(a)), ctx.timeoutMs),
};
