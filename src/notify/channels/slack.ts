// Slack incoming webhook: text plus a coloured attachment with the facts.
import { type Alert, facts, headline, title } from "../alert.ts";
import { jsonHook } from "./hook.ts";

export function color(a: Alert): string {
  return a.event === "up" ? "#36a64f" : a.event === "down" ? "#d50200" : "#439fe0";
}

/** The coloured attachment with the facts, as Slack and Mattermost show it. */
export function slackAttachments(a: Alert): Record<string, unknown>[] {
  return [{ color: color(a), fallback: title(a), fields: facts(a).map((f) => ({ title: f.label, value: f.value, short: false })) }];
}

export function slackPayload(a: Alert): Record<string, unknown> {
  return { text: `${headline(a)} <${a.link}|${title(a)}>`, attachments: slackAttachments(a) };
}

export const slack = jsonHook(slackPayload);
