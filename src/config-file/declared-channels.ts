// `[[channels]]` in tocsin.toml (SPEC §2 "monitoring as code", §8). The only way to declare the
// `shell` kind. Example:
//
//   [[channels]]
//   name = "ops-mail"            # key: unique per project; checks refer to channels by it
//   project = "default"          # project slug, default "default"
//   kind = "email"
//   settings = { to = ["ops@example.com"] }
//
// Applied after [[projects]] and before [[checks]], in the reload's transaction, so a check
// declared in the same file can name the channel. Upsert, release and prune are named.ts's.
import type { Tx } from "../store/store.ts";
import { z } from "zod";
import { CHANNEL_KINDS, type ChannelKind, isChannelKind, parseSettings } from "../notify/registry.ts";

import { type ApplyResult, applyNamedStandalone, type NamedKind, namedDeclaredKind, type ProjectLookup } from "./named.ts";

export const channelEntrySchema = z.strictObject({
  name: z.string().min(1).max(100),
  project: z.string().min(1).max(100).default("default"),
  // a custom check instead of z.enum so that the message lists the kinds
  kind: z.custom<ChannelKind>((v) => typeof v === "string" && isChannelKind(v), { message: `must be one of ${CHANNEL_KINDS.join(", ")}` }),
  settings: z.record(z.string(), z.unknown()).default({}),
});
export type ChannelEntry = z.output<typeof channelEntrySchema>;

interface ChannelValue {
  readonly name: string;
  readonly kind: ChannelKind;
  readonly settings: Record<string, unknown>;
}

const channels: NamedKind<ChannelEntry, ChannelValue> = {
  key: "channels",
  noun: "channel",
  check: (e) => {
    const parsed = parseSettings(e.kind, e.settings);
    return parsed.ok ? { ok: true, value: { name: e.name, kind: e.kind, settings: parsed.settings } } : { ok: false, field: parsed.field, message: parsed.message };
  },
  find: (tx, projectId, name) => tx.findChannelByName(projectId, name),
  insert: (tx, projectId, c, now) => tx.insertChannel({ id: crypto.randomUUID(), projectId, ...c, managed: true, created: now }).id,
  update: (tx, id, c) => tx.updateChannel(id, { ...c, managed: true }),
  listManaged: (tx) => tx.listManagedChannels(),
  release: (tx, id) => tx.setChannelManaged(id, false),
  remove: (tx, id) => {
    tx.deleteChannel(id);
  },
};

/** The loader's registry entry (src/config-file/kinds.ts). */
export const channelsKind = namedDeclaredKind(channels, channelEntrySchema);

/** The same outside the loader: entries already through channelEntrySchema. */
export function applyDeclaredChannels(tx: Tx, entries: readonly ChannelEntry[], projects: ProjectLookup, now: number, opts: { prune?: boolean } = {}): ApplyResult {
  const { errors, warnings } = applyNamedStandalone(channels, tx, entries, projects, now, opts.prune ?? false);
  return { errors, warnings };
}
