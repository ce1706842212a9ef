// Mattermost incoming webhook: Slack-compatible payload, with a markdown link.
import { z } from "zod";
import { headline, title } from "../alert.ts";
import type { ChannelNotifier } from "../channel.ts";
import { httpSend, jsonRequest } from "../http.ts";
import { maskUrl } from "../mask.ts";
import { httpUrl } from "./schema.ts";
import { slackAttachments } from "./slack.ts";

const settings = z.object({ url: httpUrl, channel: z.string().max(100).optional() });
type Settings = z.infer<typeof settings>;

export const mattermost: ChannelNotifier<Settings> = {
  settings,
  apiCreatable: true,
  secrets: [],
  mask: (s) => ({ ...s, url: maskUrl(s.url) }),
  send: (s, a, ctx) =>
    httpSend(
      jsonRequest(s.url, {
        username: "Tocsin",
        ...(s.channel ? { channel: s.channel } : {}),
        text: `${headline(a)} [${title(a)}](${a.link})`,
        attachments: slackAttachments(a),
      }),
      ctx,
    ),
};
