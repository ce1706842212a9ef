// Discord webhook: content line plus one embed with the facts.
import { z } from "zod";
import { facts, headline, iso, title } from "../alert.ts";
import type { ChannelNotifier } from "../channel.ts";
import { httpSend, jsonRequest } from "../http.ts";
import { maskUrl } from "../mask.ts";
import { httpUrl } from "./schema.ts";

const settings = z.object({ url: httpUrl });
type Settings = z.infer<typeof settings>;

export const discord: ChannelNotifier<Settings> = {
  settings,
  apiCreatable: true,
  secrets: [],
  mask: (s) => ({ url: maskUrl(s.url) }),
  send: (s, a, ctx) =>
    httpSend(
      jsonRequest(s.url, {
        username: "Tocsin",
        content: headline(a),
        embeds: [
          {
            title: title(a),
            url: a.link,
            color: a.event === "up" ? 0x36a64f : a.event === "down" ? 0xd50200 : 0x439fe0,
            timestamp: iso(a.now),
            fields: facts(a).map((f) => ({ name: f.label, value: f.value.slice(0, 1024), inline: false })),
          },
        ],
      }),
      ctx.timeoutMs,
    ),
};
