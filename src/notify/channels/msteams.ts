// Microsoft Teams (Workflows / incoming webhook): an Adaptive Card with the facts.
import { z } from "zod";
import { facts, headline, title } from "../alert.ts";
import type { ChannelNotifier } from "../channel.ts";
import { httpSend, jsonRequest } from "../http.ts";
import { maskUrl } from "../mask.ts";
import { httpUrl } from "./schema.ts";

const settings = z.object({ url: httpUrl });
type Settings = z.infer<typeof settings>;

export const msteams: ChannelNotifier<Settings> = {
  settings,
  apiCreatable: true,
  secrets: [],
  mask: (s) => ({ url: maskUrl(s.url) }),
  send: (s, a, ctx) =>
    httpSend(
      jsonRequest(s.url, {
        type: "message",
        attachments: [
          {
            contentType: "application/vnd.microsoft.card.adaptive",
            content: {
              $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
              type: "AdaptiveCard",
              version: "1.4",
              body: [
                { type: "TextBlock", size: "Large", weight: "Bolder", text: title(a), color: a.event === "up" ? "Good" : "Attention", wrap: true },
                { type: "TextBlock", text: headline(a), wrap: true },
                { type: "FactSet", facts: facts(a).map((f) => ({ title: f.label, value: f.value })) },
              ],
              actions: [{ type: "Action.OpenUrl", title: "Open", url: a.link }],
            },
          },
        ],
      }),
      ctx.timeoutMs,
    ),
};
