// The `channels` field (SPEC §6): "*" (every channel of the project), "" (none), or channel ids
// or unique names, comma-separated or as a JSON array. Resolved against the project's channels.
import type { Tx } from "../store/store.ts";

export type ChannelSpec = string | readonly string[];

export type ChannelResolution = { readonly ok: true; readonly ids: string[] } | { readonly ok: false; readonly message: string };

export function resolveChannels(tx: Tx, projectId: number, spec: ChannelSpec): ChannelResolution {
  const available = tx.listChannels(projectId);
  if (spec === "*") return { ok: true, ids: available.map((c) => c.id) };
  if (spec === "") return { ok: true, ids: [] };
  const items = typeof spec === "string" ? spec.split(",") : spec;
  const ids = new Set<string>();
  for (const raw of items) {
    const item = raw.trim();
    if (item === "") return { ok: false, message: "empty channel identifier" };
    const matches = available.filter((c) => c.id.toLowerCase() === item.toLowerCase() || c.name === item);
    if (matches.length === 0) return { ok: false, message: `invalid channel identifier: ${item}` };
    if (matches.length > 1) return { ok: false, message: `non-unique channel identifier: ${item}` };
    ids.add(matches[0]!.id);
  }
  return { ok: true, ids: [...ids] };
}
