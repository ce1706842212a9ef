// Pushover: POST /1/messages.json with the application token and the user key.
import { z } from "zod";
import { plainText, title } from "../alert.ts";
import type { ChannelNotifier } from "../channel.ts";
import { httpSend, joinUrl, jsonRequest } from "../http.ts";
import { httpUrl, secret } from "./schema.ts";

const settings = z.object({
  user_key: secret,
  app_token: secret,
  priority: z.number().int().min(-2).max(1).default(0),
  api_url: httpUrl.default("https://api.pushover.net"),
});
type Settings = z.infer<typeof settings>;

export const pushover: ChannelNotifier<Settings> = {
  settings,
  apiCreatable: true,
  secrets: ["user_key", "app_token"],
  send: (s, a, ctx) =>
    httpSend(
      jsonRequest(joinUrl(s.api_url, "1/messages.json"), {
        token: s.app_token,
        user: s.user_key,
        title: title(a),
        message: plainText(a),
        priority: a.event === "up" ? Math.min(0, s.priority) : s.priority,
        url: a.link,
      }),
      ctx,
    ),
};
