// Telegram Bot API sendMessage, HTML formatted.
import { z } from "zod";
import { htmlLines } from "../alert.ts";
import type { ChannelNotifier } from "../channel.ts";
import { httpSend, joinUrl, jsonRequest } from "../http.ts";
import { httpUrl, secret } from "./schema.ts";

const settings = z.object({
  bot_token: secret,
  chat_id: z.union([z.string().min(1).max(100), z.number().int()]).transform(String),
  api_url: httpUrl.default("https://api.telegram.org"),
});
type Settings = z.infer<typeof settings>;

export const telegram: ChannelNotifier<Settings> = {
  settings,
  apiCreatable: true,
  secrets: ["bot_token"],
  send: (s, a, ctx) =>
    httpSend(
      jsonRequest(joinUrl(s.api_url, `bot${s.bot_token}/sendMessage`), { chat_id: s.chat_id, text: htmlLines(a).join("\n"), parse_mode: "HTML", disable_web_page_preview: true }),
      ctx,
    ),
};
