// Channel JSON (SPEC §6): `{"id","name","kind","settings"}` with secrets masked, plus the
// channel's last delivery error and whether the config file manages it.
import { z } from "zod";
import { formatInZone } from "../../core/cron.ts";
import { maskedSettings } from "../../notify/registry.ts";
import type { Channel } from "../../store/channels.ts";
import type { StoredNotification } from "../../store/notifications.ts";

export const createChannelSchema = z.object({
  name: z.string().max(100).default(""),
  kind: z.string(),
  settings: z.record(z.string(), z.unknown()).default({}),
});

export function channelJson(c: Channel): Record<string, unknown> {
  return { id: c.id, name: c.name, kind: c.kind, settings: maskedSettings(c.kind, c.settings), managed: c.managed, last_error: c.lastError };
}

export function notificationJson(n: StoredNotification): Record<string, unknown> {
  return {
    created: formatInZone(n.created, "UTC"),
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
