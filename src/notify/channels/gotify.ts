// Gotify: POST /message with the application token.
import { z } from "zod";
import { plainText, title } from "../alert.ts";
import type { ChannelNotifier } from "../channel.ts";
import { httpSend, joinUrl, jsonRequest } from "../http.ts";
import { httpUrl, secret } from "./schema.ts";

const settings = z.object({ url: httpUrl, token: secret, priority: z.number().int().min(0).max(10).default(8) });
type Settings = z.infer<typeof settings>;

export const gotify: ChannelNotifier<Settings> = {
  settings,
  apiCreatable: true,
  secrets: ["token"],
  send: (s, a, ctx) =>
    httpSend(
      jsonRequest(joinUrl(s.url, "message"), { title: title(a), message: plainText(a), priority: a.event === "up" ? Math.min(s.priority, 5) : s.priority }, { "X-Gotify-Key": s.token }),
      ctx,
    ),
};
