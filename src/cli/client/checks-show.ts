// `tocsin checks show <ref>`: everything the check's page shows, as text: status, schedule or
// period in words, next expected time and the next fire times, settings, recent pings with their
// messages, and status changes.
import { listChannels } from "./api-alerts.ts";
import { getCheck, listFlips, listPings } from "./api.ts";
import { detailLines } from "./check-details.ts";
import { uuidOf } from "./check-json.ts";
import { CHECK_REF_HELP, findCheck } from "./check-ref.ts";
import type { Context, SubCommand } from "./command.ts";
import { flipTable, pingTable } from "./history-text.ts";
import { EXIT_OK, type Resolved, str } from "./options.ts";
import { TERMINAL_WIDTH } from "./table.ts";

// the history tables are indented by two spaces under their headings
const INDENTED = TERMINAL_WIDTH - 2;

export const checksShow: SubCommand = {
  name: "checks show",
  synopsis: "<ref> [--pings N] [--flips N] [--fires N] [--json]",
  summary: "everything about one check: status, schedule, next pings, recent pings, changes",
  about: [
    "Shows one check: status, schedule or period in words, the next expected ping and the next fire",
    "times of a cron schedule (in its zone), its settings and URLs, recent pings with their messages",
    "and its status changes.",
    CHECK_REF_HELP,
  ],
  options: { pings: { type: "string" }, flips: { type: "string" }, fires: { type: "string" }, json: { type: "boolean" } },
  optionHelp: [
    "  --pings N        recent pings to show (default 10; 0 for none)",
    "  --flips N        recent status changes to show (default 10; 0 for none)",
    "  --fires N        next fire times of a cron schedule (default 5)",
    "  --json           print the server's JSON for the check as it is",
  ],
  examples: ["tocsin checks show backup", 'tocsin checks show "Nightly backup" --pings 30'],
  args: { min: 1, max: 1, missing: "missing the check's uuid, slug or name" },
  run: async (c: Context) => {
    const counts = countsFrom(c);
    if (!counts.ok) return c.usage(counts.error);
    const found = await findCheck(c.server, c.args[0]!);
    if (!found.ok) return c.fail(found.error);
    const uuid = uuidOf(found.value);
    const code = uuid ?? found.value.unique_key ?? "";
    // the check's own URL answers what the listing holds, plus what only it says
    const got = await getCheck(c.server, code);
    if (!got.ok) return c.fail(got.error);
    if (c.values.json) {
      c.io.out(got.raw.trimEnd());
      return EXIT_OK;
    }
    const { pings, flips, fires } = counts.value;
    // pings and channels need a read-write key (uuid shown); flips are read-only too
    const [pingList, flipList, channels] = await Promise.all([
      uuid !== null && pings > 0 ? listPings(c.server, uuid) : null,
      flips > 0 ? listFlips(c.server, code) : null,
      uuid !== null && got.value.channels ? listChannels(c.server) : null,
    ]);
    const now = c.io.now();
    const names = channels?.ok ? new Map(channels.value.map((ch) => [ch.id, ch.name || ch.id])) : null;
    for (const line of detailLines(got.value, { now, channelNames: names, fires })) c.io.out(line);
    if (pings > 0) {
      c.io.out("");
      c.io.out("Recent pings (newest first)");
      if (pingList === null) c.io.out("  (pings need a read-write API key)");
      else if (!pingList.ok) c.io.out(`  (cannot read pings: ${pingList.error})`);
      else if (pingList.value.length === 0) c.io.out("  none yet");
      else for (const line of pingTable(pingList.value.slice(0, pings), now, INDENTED)) c.io.out(`  ${line}`);
    }
    if (flipList !== null) {
      c.io.out("");
      c.io.out("Status changes (newest first)");
      if (!flipList.ok) c.io.out(`  (cannot read status changes: ${flipList.error})`);
      else if (flipList.value.length === 0) c.io.out("  none yet");
      else for (const line of flipTable(flipList.value.slice(0, flips), now, INDENTED)) c.io.out(`  ${line}`);
    }
    return EXIT_OK;
  },
};

function countsFrom(c: Context): Resolved<{ pings: number; flips: number; fires: number }> {
  const out = { pings: 10, flips: 10, fires: 5 };
  for (const key of ["pings", "flips", "fires"] as const) {
    const text = str(c.values[key]);
    if (text === undefined) continue;
    if (!/^\d{1,4}$/.test(text) || Number(text) > 1000) return { ok: false, error: `--${key} must be a whole number from 0 to 1000; got "${text}"` };
    out[key] = Number(text);
  }
  return { ok: true, value: out };
}
