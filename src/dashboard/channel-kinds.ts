// The settings form of every channel kind the API can create (SPEC §6, §8), keyed by kind: which
// inputs a kind's settings get and what they say. What is valid stays the kind's own zod schema
// (notify/registry.ts `parseSettings`); a test keeps these keys equal to the schemas' keys.
import type { ChannelKind } from "../notify/registry.ts";

export type SettingInput =
  | "text"
  | "url"
  /** a credential: a password input */
  | "secret"
  | "number"
  | "checkbox"
  | "select"
  | "textarea"
  /** a record of header names to values, one `Name: value` per line */
  | "headers"
  /** a list of strings, separated by commas or lines */
  | "list";

export interface SettingField {
  readonly key: string;
  readonly label: string;
  readonly input: SettingInput;
  readonly hint?: string;
  readonly choices?: readonly (readonly [string, string])[];
  /** what an empty input means (the kind's default), shown as the placeholder */
  readonly placeholder?: string;
  /** a select whose values are numbers */
  readonly numeric?: true;
}

export interface KindForm {
  readonly title: string;
  readonly about: string;
  readonly fields: readonly SettingField[];
}

export type FormKind = Exclude<ChannelKind, "shell">;

const hookUrl = (service: string): SettingField => ({ key: "url", label: "Webhook URL", input: "url", hint: `The incoming webhook URL ${service} gives you; it is the secret, so it is shown masked once saved.` });
const apiUrl = (service: string, url: string): SettingField => ({ key: "api_url", label: "API URL", input: "url", placeholder: url, hint: `Empty: ${service}'s own. Another for a proxy or a test receiver.` });

export const KIND_FORMS: Readonly<Record<FormKind, KindForm>> = {
  webhook: {
    title: "Webhook",
    about: "Any HTTP endpoint, with a templated body and an optional HMAC signature.",
    fields: [
      { key: "url", label: "URL", input: "url", hint: "Templated: $NAME, $SLUG, $STATUS... are URL-encoded." },
      { key: "method", label: "Method", input: "select", choices: [["POST", "POST"], ["GET", "GET"], ["PUT", "PUT"], ["PATCH", "PATCH"], ["DELETE", "DELETE"]] },
      { key: "headers", label: "Headers", input: "headers", hint: "One Name: value per line; values are templated." },
      { key: "body", label: "Body", input: "textarea", hint: "Empty sends the alert as JSON. Templates: $NAME $SLUG $STATUS $CODE $NOW $TAGS $BODY $JSON $EXITSTATUS." },
      { key: "secret", label: "Signing secret", input: "secret", hint: "With one, requests carry X-Tocsin-Signature: sha256=<HMAC of the body>." },
      { key: "on_down", label: "Send when a check goes down", input: "checkbox" },
      { key: "on_up", label: "Send when a check recovers", input: "checkbox" },
      { key: "url_up", label: "Recovery URL", input: "url", hint: "Recoveries go here instead, when set." },
      { key: "body_up", label: "Recovery body", input: "textarea", hint: "Recoveries send this body instead, when set." },
    ],
  },
  email: { title: "Email", about: "A message through TOCSIN_SMTP_URL.", fields: [{ key: "to", label: "To", input: "list", hint: "One or more addresses, separated by commas." }] },
  slack: { title: "Slack", about: "A Slack incoming webhook.", fields: [hookUrl("Slack")] },
  discord: { title: "Discord", about: "A Discord channel webhook.", fields: [hookUrl("Discord")] },
  msteams: { title: "Microsoft Teams", about: "A Teams workflow (incoming webhook) URL.", fields: [hookUrl("Teams")] },
  mattermost: {
    title: "Mattermost",
    about: "A Mattermost incoming webhook.",
    fields: [hookUrl("Mattermost"), { key: "channel", label: "Channel", input: "text", hint: "Overrides the webhook's channel; empty keeps it." }],
  },
  telegram: {
    title: "Telegram",
    about: "A bot's message to a chat.",
    fields: [
      { key: "bot_token", label: "Bot token", input: "secret", hint: "From @BotFather." },
      { key: "chat_id", label: "Chat id", input: "text", hint: "The chat, group or channel the bot writes to." },
      apiUrl("Telegram", "https://api.telegram.org"),
    ],
  },
  ntfy: {
    title: "ntfy",
    about: "A push notification through ntfy.sh or your own ntfy server.",
    fields: [
      { key: "url", label: "Server", input: "url", placeholder: "https://ntfy.sh", hint: "Empty: https://ntfy.sh; or your own server." },
      { key: "topic", label: "Topic", input: "text", hint: "On a public server whoever knows it reads the alerts: it is shown masked once saved." },
      { key: "token", label: "Access token", input: "secret", hint: "For servers that need one." },
    ],
  },
  gotify: {
    title: "Gotify",
    about: "A message to your Gotify server.",
    fields: [
      { key: "url", label: "Server", input: "url" },
      { key: "token", label: "Application token", input: "secret" },
      { key: "priority", label: "Priority", input: "number", placeholder: "8", hint: "0-10 (empty: 8); recoveries are sent at 5 at most." },
    ],
  },
  pushover: {
    title: "Pushover",
    about: "A push notification through Pushover.",
    fields: [
      { key: "user_key", label: "User key", input: "secret" },
      { key: "app_token", label: "Application token", input: "secret" },
      { key: "priority", label: "Priority", input: "select", numeric: true, choices: [["0", "normal"], ["1", "high"], ["-1", "low"], ["-2", "lowest"]] },
      apiUrl("Pushover", "https://api.pushover.net"),
    ],
  },
  matrix: {
    title: "Matrix",
    about: "A message in a Matrix room.",
    fields: [
      { key: "homeserver", label: "Homeserver", input: "url", hint: "https://matrix.org or your own." },
      { key: "room_id", label: "Room id", input: "text", hint: "Like !abc:example.org." },
      { key: "access_token", label: "Access token", input: "secret" },
    ],
  },
  pagerduty: {
    title: "PagerDuty",
    about: "Events API v2: an incident on down, resolved on recovery.",
    fields: [
      { key: "routing_key", label: "Integration (routing) key", input: "secret" },
      { key: "severity", label: "Severity", input: "select", choices: [["critical", "critical"], ["error", "error"], ["warning", "warning"], ["info", "info"]] },
      apiUrl("PagerDuty", "https://events.pagerduty.com"),
    ],
  },
  opsgenie: {
    title: "Opsgenie",
    about: "An alert on down, closed on recovery.",
    fields: [
      { key: "api_key", label: "API key", input: "secret" },
      { key: "priority", label: "Priority", input: "select", choices: [["P3", "P3"], ["P1", "P1"], ["P2", "P2"], ["P4", "P4"], ["P5", "P5"]] },
      { key: "api_url", label: "API URL", input: "url", placeholder: "https://api.opsgenie.com", hint: "Empty: https://api.opsgenie.com; https://api.eu.opsgenie.com for the EU instance." },
    ],
  },
};

export function isFormKind(kind: string): kind is FormKind {
  return Object.hasOwn(KIND_FORMS, kind);
}
