// Matrix: PUT an m.room.message into a room. The transaction id is the delivery's key, so a
// retry of a message the homeserver already took is not shown twice.
import { z } from "zod";
import { htmlLines, plainText } from "../alert.ts";
import type { ChannelNotifier } from "../channel.ts";
import { httpSend, joinUrl, jsonRequest } from "../http.ts";
import { httpUrl, secret } from "./schema.ts";

const settings = z.object({
  homeserver: httpUrl,
  room_id: z.string().regex(/^[!#][^:]+:.+$/, "must be a room id like !abc:example.org"),
  access_token: secret,
});
type Settings = z.infer<typeof settings>;

export const matrix: ChannelNotifier<Settings> = {
  settings,
  apiCreatable: true,
  secrets: ["access_token"],
  send: (s, a, ctx) => {
    const html = htmlLines(a).join("<br>");
    const path = `_matrix/client/v3/rooms/${encodeURIComponent(s.room_id)}/send/m.room.message/${encodeURIComponent(a.key)}`;
    return httpSend(
      jsonRequest(joinUrl(s.homeserver, path), { msgtype: "m.text", body: plainText(a), format: "org.matrix.custom.html", formatted_body: html }, { Authorization: `Bearer ${s.access_token}` }, "PUT"),
      ctx,
    );
  },
};
