// Channel operations (SPEC §6, §8) shared by the management API and the dashboard: create, update
// (a partial change: name and/or settings merged over the stored ones) and delete. The kind's own
// schema validates the settings (registry.ts); names are unique per project, because checks and
// the config file refer to channels by name. Each is one write transaction that looks the name up
// inside it, so two writers cannot both take one.
import type { OperationContext } from "../checks/operations.ts";
import { type CheckResult, failed, ok } from "../checks/result.ts";
import { writeChecks } from "../checks/write.ts";
import type { Channel, Tx } from "../store/store.ts";
import { apiCreatable, CHANNEL_KINDS, isChannelKind, maskedSettings, parseSettings } from "./registry.ts";

export type ChannelContext = Pick<OperationContext, "store" | "now" | "publish">;

export interface NewChannelInput {
  readonly name: string;
  readonly kind: string;
  readonly settings: Readonly<Record<string, unknown>>;
}

export interface ChannelPatch {
  readonly name?: string;
  /** accepted only unchanged, so that a channel's JSON can be sent back */
  readonly kind?: string;
  /** merged over the stored settings: null removes a setting; a value sent back as shown (masked) keeps it */
  readonly settings?: Readonly<Record<string, unknown>>;
}

const invalid = (field: string, why: string) => failed({ kind: "invalid", message: `json validation error: ${why}`, field });
const NAME_TAKEN = { kind: "conflict", message: "name already in use", field: "name" } as const;

export function createChannel(ctx: ChannelContext, projectId: number, input: NewChannelInput): CheckResult<Channel> {
  const { name, kind } = input;
  if (!isChannelKind(kind) || !apiCreatable(kind)) {
    const kinds = CHANNEL_KINDS.filter(apiCreatable).join(", ");
    return invalid("kind", isChannelKind(kind) ? `kind "${kind}" can only be declared in the config file` : `kind must be one of ${kinds}`);
  }
  const checked = parseSettings(kind, input.settings);
  if (!checked.ok) return invalid(checked.field, checked.error);
  return writeChecks(ctx.store, ctx.publish, (tx) => {
    if (nameTaken(tx, projectId, name, null)) return failed(NAME_TAKEN);
    return ok(tx.insertChannel({ id: crypto.randomUUID(), projectId, name, kind, settings: checked.settings, managed: false, created: ctx.now }));
  });
}

export function updateChannel(ctx: ChannelContext, projectId: number, id: string, patch: ChannelPatch): CheckResult<Channel> {
  return writeChecks(ctx.store, ctx.publish, (tx) => {
    const found = ownChannel(tx, projectId, id);
    if (!found.ok) return found;
    const c = found.value;
    if (c.managed) return failed({ kind: "managed" });
    const { name = c.name, kind, settings = {} } = patch;
    if (kind !== undefined && kind !== c.kind) return invalid("kind", "kind cannot change; create another channel");
    // a shell channel released by the file stays out of reach: its argv runs on the host
    if (!isChannelKind(c.kind) || !apiCreatable(c.kind)) return invalid("kind", `kind "${c.kind}" can only be changed in the config file`);
    const checked = parseSettings(c.kind, mergedSettings(c, settings));
    if (!checked.ok) return invalid(checked.field, checked.error);
    if (nameTaken(tx, projectId, name, c.id)) return failed(NAME_TAKEN);
    tx.updateChannel(c.id, { name, kind: c.kind, settings: checked.settings, managed: false });
    return ok({ ...c, name, settings: checked.settings });
  });
}

/** Deletes the channel and answers it as it was; checks simply lose it. */
export function deleteChannel(ctx: ChannelContext, projectId: number, id: string): CheckResult<Channel> {
  return writeChecks(ctx.store, ctx.publish, (tx) => {
    const found = ownChannel(tx, projectId, id);
    if (!found.ok) return found;
    if (found.value.managed) return failed({ kind: "managed" });
    tx.deleteChannel(found.value.id);
    return found;
  });
}

/** The project's channel with this id: not_found when there is none, forbidden when it is another project's. */
export function ownChannel(tx: Tx, projectId: number, id: string): CheckResult<Channel> {
  const channel = tx.getChannel(id.toLowerCase());
  if (!channel) return failed({ kind: "not_found" });
  return channel.projectId === projectId ? ok(channel) : failed({ kind: "forbidden" });
}

function nameTaken(tx: Tx, projectId: number, name: string, exceptId: string | null): boolean {
  if (name === "") return false;
  const other = tx.findChannelByName(projectId, name);
  return other !== null && other.id !== exceptId;
}

/**
 * Settings sent merge over the stored ones (JSON merge patch: null removes). A value sent back
 * exactly as the API shows it keeps the stored one, so a masked secret round-trips unharmed.
 */
export function mergedSettings(c: Channel, sent: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const shown = maskedSettings(c.kind, c.settings);
  const out: Record<string, unknown> = { ...c.settings };
  for (const [key, value] of Object.entries(sent)) {
    if (value === null) delete out[key];
    else if (JSON.stringify(value) !== JSON.stringify(shown[key])) out[key] = value;
  }
  return out;
}
