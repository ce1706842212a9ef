// Microsoft Teams (Workflows / incoming webhook): an Adaptive Card with the facts.
import { facts, headline, title } from "../alert.ts";
import { jsonHook } from "./hook.ts";

export const msteams = jsonHook((a) => ({
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
}));
