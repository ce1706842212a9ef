// Discord webhook: content line plus one embed with the facts.
import { iso } from "../../core/iso.ts";
import { facts, headline, title } from "../alert.ts";
import { jsonHook } from "./hook.ts";

export const discord = jsonHook((a) => ({
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
}));
