// Ping mailboxes (SPEC §7): which check, and which event, a recipient address names.
//   <uuid>@domain                      success (or by the check's keyword filters)
//   <uuid>+<event>@domain              the event, whatever the filters say
//   <ping_key>+<slug>@domain           the same by project ping key and slug
//   <ping_key>+<slug>+<event>@domain
// Events: run|start, complete|success, fail, ok, log (Cronitor's `<monitor>+<event>@` words).
import type { PingAction } from "../core/ping.ts";
import type { CheckIndex } from "./check-index.ts";

export type MailboxTarget =
  | { readonly by: "uuid"; readonly uuid: string }
  | { readonly by: "slug"; readonly pingKey: string; readonly slug: string };

export type Mailbox =
  | { readonly ok: true; readonly target: MailboxTarget; readonly action: PingAction }
  | { readonly ok: false; readonly reason: "domain" | "mailbox" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PING_KEY = /^[A-Za-z0-9_-]{16,64}$/;
const SLUG = /^[a-z0-9_-]{1,100}$/;

const EVENTS: ReadonlyMap<string, PingAction> = new Map<string, PingAction>([
  ["run", { type: "start" }],
  ["start", { type: "start" }],
  ["complete", { type: "success" }],
  ["success", { type: "success" }],
  ["fail", { type: "fail" }],
  ["ok", { type: "ok" }],
  ["log", { type: "log" }],
]);

const AUTO: PingAction = { type: "auto" };

/**
 * Reads a recipient address; `domains` are lowercase. Domains and event words match in any case;
 * slugs are lowercased (people retype addresses, and a slug has no capitals to lose); the ping key
 * is a credential and matches exactly. A first part shaped like a uuid followed by an event word
 * is read as `<uuid>+<event>`, never as a ping key and slug.
 */
export function parseMailbox(address: string, domains: readonly string[]): Mailbox {
  const at = address.lastIndexOf("@");
  if (at <= 0) return { ok: false, reason: "mailbox" };
  if (!domains.includes(address.slice(at + 1).toLowerCase())) return { ok: false, reason: "domain" };
  const parts = address.slice(0, at).split("+");
  const [first = "", second, third] = parts;
  const mailbox = (target: MailboxTarget, action: PingAction | undefined): Mailbox =>
    action ? { ok: true, target, action } : { ok: false, reason: "mailbox" };
  if (parts.length === 1) return UUID.test(first) ? mailbox({ by: "uuid", uuid: first.toLowerCase() }, AUTO) : refused();
  if (parts.length === 2 && UUID.test(first) && EVENTS.has(second!.toLowerCase())) {
    return mailbox({ by: "uuid", uuid: first.toLowerCase() }, EVENTS.get(second!.toLowerCase()));
  }
  if (parts.length > 3 || !PING_KEY.test(first)) return refused();
  const slug = second!.toLowerCase();
  if (!SLUG.test(slug)) return refused();
  return mailbox({ by: "slug", pingKey: first, slug }, third === undefined ? AUTO : EVENTS.get(third.toLowerCase()));
}

function refused(): Mailbox {
  return { ok: false, reason: "mailbox" };
}

/** The lookups a recipient needs: answered from memory, never from the database. */
export type MailboxIndex = Pick<CheckIndex, "checkByUuid" | "checkBySlug" | "projectByPingKey" | "projectOfCheck">;

export type Recipient =
  | { readonly ok: true; readonly checkId: number; readonly action: PingAction }
  /** `auth`: the check's project requires the ping key, which only the slug form carries */
  | { readonly ok: false; readonly reason: "domain" | "mailbox" | "auth" };

/** Which check a recipient pings, if any. */
export function resolveRecipient(index: MailboxIndex, domains: readonly string[], address: string): Recipient {
  const mailbox = parseMailbox(address, domains);
  if (!mailbox.ok) return mailbox;
  const t = mailbox.target;
  if (t.by === "slug") {
    const project = index.projectByPingKey(t.pingKey);
    const id = project ? index.checkBySlug(project.id, t.slug) : null;
    return id === null ? { ok: false, reason: "mailbox" } : { ok: true, checkId: id, action: mailbox.action };
  }
  const id = index.checkByUuid(t.uuid);
  if (id === null) return { ok: false, reason: "mailbox" };
  if (index.projectOfCheck(id)?.pingAuth) return { ok: false, reason: "auth" };
  return { ok: true, checkId: id, action: mailbox.action };
}
