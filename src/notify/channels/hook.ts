// Channels that are one incoming-webhook URL (Slack, Discord, Microsoft Teams): the URL is the
// whole setting and is itself the secret, so the API shows it masked. Each such kind only says
// what JSON it posts.
import { z } from "zod";
import type { Alert } from "../alert.ts";
import type { ChannelNotifier } from "../channel.ts";
import { httpSend, jsonRequest } from "../http.ts";
import { maskUrl } from "../mask.ts";
import { httpUrl } from "./schema.ts";

const settings = z.object({ url: httpUrl });
export type HookSettings = z.infer<typeof settings>;

/** A kind that POSTs `payload(alert)` as JSON to its URL. */
export function jsonHook(payload: (a: Alert) => unknown): ChannelNotifier<HookSettings> {
  return {
    settings,
    apiCreatable: true,
    secrets: [],
    mask: (s) => ({ url: maskUrl(s.url) }),
    send: (s, a, ctx) => httpSend(jsonRequest(s.url, payload(a)), ctx),
  };
}
