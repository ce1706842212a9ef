// Channel JSON (SPEC §6): `{"id","name","kind","settings":{...}}` with secrets masked, plus the
// channel's last delivery error and whether the config file manages it. The output schemas here
// type the builders, so the OpenAPI document cannot drift from what is sent.
import { z } from "zod";
import { iso } from "../../core/iso.ts";
import { maskedSettings } from "../../notify/registry.ts";
import type { Channel, StoredNotification } from "../../store/store.ts";

export const createChannelSchema = z.object({
  name: z.string().max(100).default("").meta({ description: "Unique name; checks may name the channel instead of its id" }),
  kind: z.string().meta({ description: "email, webhook, slack, mattermost, discord, msteams, telegram, ntfy, gotify, pushover, matrix, pagerduty or opsgenie (shell: config file only)" }),
  settings: z.record(z.string(), z.unknown()).default({}).meta({ description: "Settings of the kind, e.g. webhook {url, method, headers, body, secret, on_down, on_up}" }),
});

const attemptStatus = z.enum(["ok", "error", "permanent"]);

export const channelOutputSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  settings: z.record(z.string(), z.unknown()).meta({ description: "Secrets masked" }),
  managed: z.boolean().meta({ description: "Declared in the config file: the API cannot delete it" }),
  last_error: z.string().meta({ description: "Error of the last failed delivery, until one gets through" }),
});

export const notificationOutputSchema = z.object({
  created: z.string(),
  channel: z.string(),
  channel_kind: z.string(),
  channel_name: z.string(),
  event: z.string().nullable().meta({ description: "The status change the message was about: down or up" }),
  attempt: z.int(),
  status: attemptStatus,
  error: z.string(),
  duration: z.number().meta({ description: "Seconds" }),
});

export const channelTestOutputSchema = z.object({ ok: z.boolean(), status: attemptStatus, error: z.string(), duration: z.number() });

export function channelJson(c: Channel): z.output<typeof channelOutputSchema> {
  return { id: c.id, name: c.name, kind: c.kind, settings: maskedSettings(c.kind, c.settings), managed: c.managed, last_error: c.lastError };
}

export function notificationJson(n: StoredNotification): z.output<typeof notificationOutputSchema> {
  return {
    created: iso(n.created),
    channel: n.channelId,
    channel_kind: n.channelKind,
    channel_name: n.channelName,
    // the status change the message was about: "down" or "up"
    event: n.flipStatus,
    attempt: n.attempt,
    status: n.status,
    error: n.error,
    duration: n.durationMs / 1000,
  };
}
