// PagerDuty Events API v2: trigger on down, resolve on up, one dedup key per check so the
// recovery closes the incident the outage opened (and reminders do not open new ones).
import { z } from "zod";
import { iso } from "../../core/iso.ts";
import { displayName, facts, headline } from "../alert.ts";
import type { ChannelNotifier } from "../channel.ts";
import { httpSend, joinUrl, jsonRequest } from "../http.ts";
import { httpUrl, secret } from "./schema.ts";

const settings = z.object({
  routing_key: secret,
  severity: z.enum(["critical", "error", "warning", "info"]).default("critical"),
  api_url: httpUrl.default("https://events.pagerduty.com"),
});
type Settings = z.infer<typeof settings>;

export const pagerduty: ChannelNotifier<Settings> = {
  settings,
  apiCreatable: true,
  secrets: ["routing_key"],
  send: (s, a, ctx) => {
    const dedupKey = `tocsin-${a.check.uuid}`;
    const event =
      a.event === "up"
        ? { routing_key: s.routing_key, event_action: "resolve", dedup_key: dedupKey }
        : {
            routing_key: s.routing_key,
            event_action: "trigger",
            dedup_key: dedupKey,
            payload: {
              summary: headline(a).slice(0, 1024),
              source: displayName(a),
              severity: s.severity,
              timestamp: iso(a.since ?? a.now),
              custom_details: Object.fromEntries(facts(a).map((f) => [f.label, f.value])),
            },
            client: "Tocsin",
            client_url: a.link,
            links: [{ href: a.link, text: "Check" }],
          };
    return httpSend(jsonRequest(joinUrl(s.api_url, "v2/enqueue"), event), ctx);
  },
};
