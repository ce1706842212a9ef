// `tocsin channels ls|add|edit|test|rm`: a Tocsin project's alert channels (read-write keys).
// Secrets come back masked; a setting left out of an edit keeps its value.
import type { CommandIo } from "../io.ts";
import { createChannel, deleteChannel, listChannels, type RemoteChannel, testChannel, updateChannel } from "./api-alerts.ts";
import type { Server } from "./api.ts";
import { SETTINGS_HELP, SETTINGS_OPTIONS, settingsFromFlags } from "./channel-settings.ts";
import { type CommandGroup, type Context, runGroup, type SubCommand } from "./command.ts";
import { pickNamed } from "./named-ref.ts";
import { EXIT_FAILED, EXIT_OK, type Resolved, str, strs } from "./options.ts";
import { fitTable, formatTable } from "./table.ts";

const REF_HELP = "<ref> is the channel's id or name.";
const JSON_HELP = "  --json           print the server's JSON for the channel as it is";

async function findChannel(server: Server, ref: string): Promise<Resolved<RemoteChannel>> {
  const all = await listChannels(server);
  return all.ok ? pickNamed(ref, all.value, "channel") : all;
}

/** Where a channel sends, from the settings most kinds have (secrets arrive masked). */
function target(ch: RemoteChannel): string {
  for (const key of ["url", "to", "topic", "chat_id", "room_id", "argv"]) {
    const v = ch.settings[key];
    if (typeof v === "string" && v !== "") return v;
    if (Array.isArray(v) && v.length > 0) return v.join(key === "argv" ? " " : ", ");
  }
  return "-";
}

const ls: SubCommand = {
  name: "channels ls",
  synopsis: "[--wide] [--json]",
  summary: "list channels: name, kind, where they send, last error",
  about: ["Lists the project's alert channels: name, kind, where it sends (secrets masked), whether the", "config file manages it, and the error of its last failed delivery."],
  options: { wide: { type: "boolean" }, json: { type: "boolean" } },
  optionHelp: ["  --wide           add the channel ids, whatever the width", '  --json           print the server\'s JSON ({"channels": [...]}) as it is'],
  examples: ["tocsin channels ls"],
  args: { min: 0, max: 0 },
  run: async (c: Context) => {
    const result = await listChannels(c.server);
    if (!result.ok) return c.fail(result.error);
    if (c.values.json) {
      c.io.out(result.raw.trimEnd());
      return EXIT_OK;
    }
    if (result.value.length === 0) {
      c.io.err("no channels");
      return EXIT_OK;
    }
    const note = (ch: RemoteChannel): string => [ch.managed ? "managed" : "", ch.last_error ? `last error: ${ch.last_error}` : ""].filter((x) => x).join("; ") || "-";
    const rows = result.value.map((ch) => [ch.name || "(unnamed)", ch.kind, target(ch), note(ch)]);
    const headers = ["NAME", "KIND", "SENDS TO", "NOTE"];
    const lines = c.values.wide ? formatTable([...headers, "ID"], rows.map((r, i) => [...r, result.value[i]!.id])) : fitTable(headers, rows, [0, 2, 3]);
    for (const line of lines) c.io.out(line);
    return EXIT_OK;
  },
};

const add: SubCommand = {
  name: "channels add",
  synopsis: "<name> --kind KIND [--set KEY=VALUE]... [--settings JSON] [--json]",
  summary: "create a channel",
  about: [
    "Creates an alert channel. Kinds: email, webhook, slack, mattermost, discord, msteams, telegram,",
    "ntfy, gotify, pushover, matrix, pagerduty, opsgenie (shell only in the config file).",
  ],
  options: { kind: { type: "string" }, ...SETTINGS_OPTIONS, json: { type: "boolean" } },
  optionHelp: ["  --kind KIND      the channel's kind", ...SETTINGS_HELP, JSON_HELP],
  examples: ['tocsin channels add ops-hook --kind webhook --set url=https://example.com/hook --set on_up:=false', "tocsin channels add ops-mail --kind email --set 'to:=[\"ops@example.com\"]'"],
  args: { min: 1, max: 1, missing: "missing the channel's name" },
  run: async (c: Context) => {
    const kind = str(c.values.kind);
    if (kind === undefined) return c.usage("missing --kind (email, webhook, slack, ...)");
    const settings = settingsFromFlags(c.values);
    if (!settings.ok) return c.usage(settings.error);
    const result = await createChannel(c.server, { name: c.args[0]!, kind, settings: settings.value });
    if (!result.ok) return c.fail(result.error);
    return done(c, result.raw, `Created channel "${result.value.name}" (${result.value.kind}) ${result.value.id}`);
  },
};

const edit: SubCommand = {
  name: "channels edit",
  synopsis: "<ref> [--name NAME] [--set KEY=VALUE]... [--unset KEY]... [--settings JSON] [--json]",
  summary: "rename a channel or change some of its settings",
  about: ["Renames the channel or changes the settings given; the others, secrets included, keep their", "values. The kind cannot change.", REF_HELP],
  options: { name: { type: "string" }, ...SETTINGS_OPTIONS, unset: { type: "string", multiple: true }, json: { type: "boolean" } },
  optionHelp: ["  --name NAME      new name", ...SETTINGS_HELP, "  --unset KEY      remove a setting (it takes its default)", JSON_HELP],
  examples: ["tocsin channels edit ops-hook --set url=https://example.com/hook2", "tocsin channels edit ops-hook --name ops-webhook --unset secret"],
  args: { min: 1, max: 1, missing: "missing the channel's id or name" },
  run: async (c: Context) => {
    const settings = settingsFromFlags(c.values);
    if (!settings.ok) return c.usage(settings.error);
    for (const key of strs(c.values.unset)) settings.value[key] = null;
    const name = str(c.values.name);
    if (name === undefined && Object.keys(settings.value).length === 0) return c.usage("nothing to change: give --name, --set, --unset or --settings (try --help)");
    const found = await findChannel(c.server, c.args[0]!);
    if (!found.ok) return c.fail(found.error);
    const body = { ...(name === undefined ? {} : { name }), ...(Object.keys(settings.value).length > 0 ? { settings: settings.value } : {}) };
    const result = await updateChannel(c.server, found.value.id, body);
    if (!result.ok) return c.fail(result.error);
    return done(c, result.raw, `Updated channel "${result.value.name}" (${result.value.kind}) ${result.value.id}`);
  },
};

const test: SubCommand = {
  name: "channels test",
  synopsis: "<ref>",
  summary: "send a test message through a channel now",
  about: ["Sends a test message through the channel now and says how it went (exit 1 when it failed).", REF_HELP],
  options: {},
  optionHelp: [],
  examples: ["tocsin channels test ops-hook"],
  args: { min: 1, max: 1, missing: "missing the channel's id or name" },
  run: async (c: Context) => {
    const found = await findChannel(c.server, c.args[0]!);
    if (!found.ok) return c.fail(found.error);
    const result = await testChannel(c.server, found.value.id);
    if (!result.ok) return c.fail(result.error);
    const ch = found.value;
    const took = result.value.duration === undefined ? "" : ` in ${result.value.duration.toFixed(2)} s`;
    if (result.value.ok) {
      c.io.out(`Test message sent through "${ch.name}" (${ch.kind})${took}`);
      return EXIT_OK;
    }
    c.io.err(`tocsin channels test: the test message through "${ch.name}" (${ch.kind}) failed (${result.value.status})${took}: ${result.value.error}`);
    return EXIT_FAILED;
  },
};

const rm: SubCommand = {
  name: "channels rm",
  synopsis: "<ref>",
  summary: "delete a channel",
  about: ["Deletes the channel; checks that used it no longer alert through it.", REF_HELP],
  options: {},
  optionHelp: [],
  examples: ["tocsin channels rm ops-hook"],
  args: { min: 1, max: 1, missing: "missing the channel's id or name" },
  run: async (c: Context) => {
    const found = await findChannel(c.server, c.args[0]!);
    if (!found.ok) return c.fail(found.error);
    const result = await deleteChannel(c.server, found.value.id);
    if (!result.ok) return c.fail(result.error);
    c.io.out(`Deleted channel "${found.value.name}" (${found.value.kind}) ${found.value.id}`);
    return EXIT_OK;
  },
};

function done(c: Context, raw: string, line: string): number {
  c.io.out(c.values.json ? raw.trimEnd() : line);
  return EXIT_OK;
}

export const CHANNELS: CommandGroup = {
  name: "channels",
  subs: [ls, add, edit, test, rm],
  aliases: { list: "ls", delete: "rm" },
  about: ["Tocsin servers only, with a read-write key: --url or TOCSIN_URL, --api-key or TOCSIN_API_KEY."],
};

export function runChannels(io: CommandIo): Promise<number> {
  return runGroup(io, CHANNELS);
}
