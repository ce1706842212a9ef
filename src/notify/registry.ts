// Every channel kind, keyed by kind (SPEC §8). Adding a kind is one file and one line here.
import type { z } from "zod";
import type { Alert, AlertEvent } from "./alert.ts";
import { type ChannelNotifier, retryable, type SendContext, type SendResult } from "./channel.ts";
import { discord } from "./channels/discord.ts";
import { email } from "./channels/email.ts";
import { gotify } from "./channels/gotify.ts";
import { matrix } from "./channels/matrix.ts";
import { mattermost } from "./channels/mattermost.ts";
import { msteams } from "./channels/msteams.ts";
import { ntfy } from "./channels/ntfy.ts";
import { opsgenie } from "./channels/opsgenie.ts";
import { pagerduty } from "./channels/pagerduty.ts";
import { pushover } from "./channels/pushover.ts";
import { shell } from "./channels/shell.ts";
import { slack } from "./channels/slack.ts";
import { telegram } from "./channels/telegram.ts";
import { webhook } from "./channels/webhook.ts";
import { issueText } from "../checks/field-errors.ts";
import { maskEverything, maskKeys } from "./mask.ts";

// The settings type differs per kind; callers go through the functions below, which parse the
// settings with the kind's own schema before handing them to the kind's own code.
type AnyNotifier = ChannelNotifier<any>;

export const notifiers = {
  email,
  webhook,
  slack,
  mattermost,
  discord,
  msteams,
  telegram,
  ntfy,
  gotify,
  pushover,
  matrix,
  pagerduty,
  opsgenie,
  shell,
} as const satisfies Record<string, AnyNotifier>;

export type ChannelKind = keyof typeof notifiers;

export const CHANNEL_KINDS = Object.keys(notifiers) as ChannelKind[];

export function isChannelKind(kind: string): kind is ChannelKind {
  return Object.hasOwn(notifiers, kind);
}

function notifierOf(kind: ChannelKind): AnyNotifier {
  return notifiers[kind];
}

export type SettingsResult =
  | { readonly ok: true; readonly settings: Record<string, unknown> }
  /** `error` names the field: "settings.url must be an http or https URL" (= field + " " + message) */
  | { readonly ok: false; readonly error: string; readonly field: string; readonly message: string };

/** Validates (and fills defaults into) settings for `kind`. */
export function parseSettings(kind: ChannelKind, raw: unknown): SettingsResult {
  const parsed = (notifierOf(kind).settings as z.ZodType<Record<string, unknown>>).safeParse(raw ?? {});
  if (parsed.success) return { ok: true, settings: parsed.data };
  const issue = parsed.error.issues[0];
  if (!issue) return { ok: false, error: "settings are invalid", field: "settings", message: "are invalid" };
  const field = ["settings", ...issue.path.map(String)].join(".");
  const message = issueText(issue, { value: valueAt(raw, issue.path) });
  return { ok: false, error: `${field} ${message}`, field, message };
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const key of path) v = typeof v === "object" && v !== null ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** The settings as the API shows them: secrets masked, never returned in full. */
export function maskedSettings(kind: string, settings: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (!isChannelKind(kind)) return {};
  const n = notifierOf(kind);
  const parsed = n.settings.safeParse(settings);
  if (!parsed.success) return maskEverything(settings) as Record<string, unknown>;
  return n.mask ? n.mask(parsed.data) : maskKeys(parsed.data as Record<string, unknown>, n.secrets);
}

export type Prepared =
  | { readonly ok: true; readonly timeoutMs: number; readonly send: (alert: Alert, ctx: SendContext) => Promise<SendResult> }
  | { readonly ok: false; readonly error: string };

/** Binds a stored channel to its kind's code, re-validating the stored settings. */
export function prepare(kind: string, settings: unknown, httpTimeoutMs: number): Prepared {
  if (!isChannelKind(kind)) return { ok: false, error: `unknown channel kind "${kind}"` };
  const n = notifierOf(kind);
  const parsed = n.settings.safeParse(settings);
  if (!parsed.success) return { ok: false, error: `stored settings are invalid: ${parsed.error.issues[0]?.message ?? ""}` };
  const s: unknown = parsed.data;
  return {
    ok: true,
    timeoutMs: Math.max(httpTimeoutMs, n.timeoutMs ? n.timeoutMs(s) : 0),
    send: async (a, ctx) => {
      try {
        return await n.send(s, a, ctx);
      } catch (e) {
        // a bug in one channel's code must not take the worker down: it becomes a recorded attempt
        return retryable(`internal error: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
  };
}

/** Whether a channel takes this kind of alert (webhook and shell on_down/on_up); default yes. */
export function wantsEvent(kind: string, settings: unknown, event: AlertEvent): boolean {
  if (!isChannelKind(kind)) return true;
  const n = notifierOf(kind);
  const parsed = n.settings.safeParse(settings);
  return !parsed.success || !n.wants || n.wants(parsed.data, event);
}

export function apiCreatable(kind: ChannelKind): boolean {
  return notifierOf(kind).apiCreatable;
}
