// ntfy: JSON publishing (POST to the server root with the topic in the body), so that titles in
// any script need no header encoding.
import { z } from "zod";
import { plainText, title } from "../alert.ts";
import type { ChannelNotifier } from "../channel.ts";
import { httpSend, joinUrl, jsonRequest } from "../http.ts";
import { maskKeys, maskSecret } from "../mask.ts";
import { httpUrl } from "./schema.ts";

const settings = z.object({
  url: httpUrl.default("https://ntfy.sh"),
  topic: z.string().regex(/^[-_A-Za-z0-9]{1,64}$/, "must be 1-64 characters of A-Z a-z 0-9 _ -"),
  token: z.string().max(500).optional(),
});
type Settings = z.infer<typeof settings>;

export const ntfy: ChannelNotifier<Settings> = {
  settings,
  apiCreatable: true,
  secrets: ["token"],
  // on a public server the topic is the capability: whoever knows it reads the alerts
  mask: (s) => ({ ...maskKeys(s, ["token"]), topic: maskSecret(s.topic) }),
  send: (s, a, ctx) =>
    httpSend(
      jsonRequest(
        joinUrl(s.url, ""),
        {
          topic: s.topic,
          title: title(a),
          message: plainText(a),
          // 4 = high, 3 = default
          priority: a.event === "down" ? 4 : 3,
          tags: [a.event === "up" ? "white_check_mark" : a.event === "down" ? "rotating_light" : "bell"],
          click: a.link,
        },
        s.token ? { Authorization: `Bearer ${s.token}` } : {},
      ),
      ctx,
    ),
};
