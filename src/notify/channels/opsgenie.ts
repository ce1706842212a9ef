// Opsgenie Alert API: create an alert on down (alias per check), close it by alias on up.
import { z } from "zod";
import { headline, plainText, title } from "../alert.ts";
import type { ChannelNotifier } from "../channel.ts";
import { httpSend, joinUrl, jsonRequest } from "../http.ts";
import { httpUrl, secret } from "./schema.ts";

const settings = z.object({
  api_key: secret,
  priority: z.enum(["P1", "P2", "P3", "P4", "P5"]).default("P3"),
  /** https://api.eu.opsgenie.com for the EU instance */
  api_url: httpUrl.default("https://api.opsgenie.com"),
});
type Settings = z.infer<typeof settings>;

export const opsgenie: ChannelNotifier<Settings> = {
  settings,
  apiCreatable: true,
  secrets: ["api_key"],
  send: (s, a, ctx) => {
    const alias = `tocsin-${a.check.uuid}`;
    const auth = { Authorization: `GenieKey ${s.api_key}` };
    if (a.event === "up") {
      return httpSend(jsonRequest(joinUrl(s.api_url, `v2/alerts/${encodeURIComponent(alias)}/close?identifierType=alias`), { source: "Tocsin", note: headline(a) }, auth), ctx);
    }
    const tags = a.check.tags.split(/\s+/).filter((t) => t !== "");
    return httpSend(
      jsonRequest(joinUrl(s.api_url, "v2/alerts"), { message: title(a).slice(0, 130), alias, description: plainText(a).slice(0, 15_000), tags, priority: s.priority, source: "Tocsin" }, auth),
      ctx,
    );
  },
};
