// `tocsin maintenance ls|add|rm`: a Tocsin project's maintenance windows, when alerts are held:
// one-off (start and end) or recurring (a cron start in a zone, lasting a duration).
import { formatInZone } from "../../core/cron.ts";
import { formatDuration, parseDuration } from "../../core/duration.ts";
import type { CommandIo } from "../io.ts";
import { createWindow, deleteWindow, listWindows, type RemoteWindow } from "./api-alerts.ts";
import { absoluteTime, instantOf, relativeTime } from "./check-text.ts";
import { parseZone } from "./check-flags.ts";
import { type CommandGroup, type Context, runGroup, type SubCommand } from "./command.ts";
import { listArg, pickNamed } from "./named-ref.ts";
import { EXIT_OK, type FlagValues, type Resolved, str } from "./options.ts";
import { fitTable, formatTable } from "./table.ts";

function whenText(w: RemoteWindow, wide: boolean, now: number): string {
  if (w.cron !== null) return `${w.cron}${w.tz !== "UTC" ? ` ${w.tz}` : ""} for ${w.duration === null ? "?" : formatDuration(w.duration)}`;
  const start = instantOf(w.start);
  const end = instantOf(w.end);
  if (start === null || end === null) return "?";
  return wide ? `${absoluteTime(start)} to ${absoluteTime(end)}` : `${relativeTime(start, now)} for ${formatDuration(Math.round((end - start) / 1000))}`;
}

function stateText(w: RemoteWindow, now: number): string {
  const start = instantOf(w.next?.start);
  const end = instantOf(w.next?.end);
  if (w.active && end !== null) return `active, ends ${relativeTime(end, now)}`;
  if (w.active) return "active";
  return start === null ? "over" : `next ${relativeTime(start, now)}`;
}

const ls: SubCommand = {
  name: "maintenance ls",
  synopsis: "[--wide] [--json]",
  summary: "list maintenance windows: when, which checks, active or next",
  about: ["Lists the project's maintenance windows: when they are, the checks they hold (by slug or tag)", "and whether one is active now or when it next opens."],
  options: { wide: { type: "boolean" }, json: { type: "boolean" } },
  optionHelp: ["  --wide           add the window ids and absolute times (UTC), whatever the width", '  --json           print the server\'s JSON ({"maintenance": [...]}) as it is'],
  examples: ["tocsin maintenance ls"],
  args: { min: 0, max: 0 },
  run: async (c: Context) => {
    const result = await listWindows(c.server);
    if (!result.ok) return c.fail(result.error);
    if (c.values.json) {
      c.io.out(result.raw.trimEnd());
      return EXIT_OK;
    }
    if (result.value.length === 0) {
      c.io.err("no maintenance windows");
      return EXIT_OK;
    }
    const now = c.io.now();
    const wide = c.values.wide === true;
    const checks = (w: RemoteWindow): string => [w.slugs.length > 0 ? `slugs ${w.slugs.join(",")}` : "", w.tags.length > 0 ? `tags ${w.tags.join(",")}` : ""].filter((x) => x).join("; ");
    const rows = result.value.map((w) => [w.name || "(unnamed)", whenText(w, wide, now), checks(w), stateText(w, now)]);
    const headers = ["NAME", "WHEN", "CHECKS", "STATE"];
    const lines = wide ? formatTable([...headers, "ID"], rows.map((r, i) => [...r, result.value[i]!.id])) : fitTable(headers, rows, [0, 1, 2]);
    for (const line of lines) c.io.out(line);
    return EXIT_OK;
  },
};

const add: SubCommand = {
  name: "maintenance add",
  synopsis: "<name> (--start WHEN --end WHEN|--for T | --cron EXPR --duration T) --slugs|--tags LIST",
  summary: "create a one-off or recurring maintenance window",
  about: [
    "Creates a maintenance window: no alerts for the checks it selects while it is open, and the time",
    "does not count against their uptime. WHEN is an ISO 8601 date-time with an offset, or now.",
    "Durations (T) are seconds or 90s, 5m, 1h30m, 2d, 1w. LIST is separated by commas or spaces.",
  ],
  options: {
    start: { type: "string" },
    end: { type: "string" },
    for: { type: "string" },
    cron: { type: "string" },
    duration: { type: "string" },
    tz: { type: "string" },
    slugs: { type: "string" },
    tags: { type: "string" },
    json: { type: "boolean" },
  },
  optionHelp: [
    "  --start WHEN     a one-off window opens then",
    "  --end WHEN       ... and closes then",
    "  --for T          ... or lasts this long",
    "  --cron EXPR      a recurring window opens at every fire of EXPR",
    "  --duration T     ... and lasts this long",
    "  --tz ZONE        IANA time zone of --cron (default UTC)",
    '  --slugs LIST     checks by slug ("*" for every check)',
    "  --tags LIST      checks with any of these tags",
    "  --json           print the server's JSON for the window as it is",
  ],
  examples: ["tocsin maintenance add upgrade --start now --for 2h --slugs '*'", 'tocsin maintenance add sunday-backup --cron "0 2 * * 0" --tz Europe/Riga --duration 2h --tags db'],
  args: { min: 1, max: 1, missing: "missing the window's name" },
  run: async (c: Context) => {
    const body = windowBody(c.args[0]!, c.values, c.io.now());
    if (!body.ok) return c.usage(body.error);
    const result = await createWindow(c.server, body.value);
    if (!result.ok) return c.fail(result.error);
    const w = result.value;
    c.io.out(c.values.json ? result.raw.trimEnd() : `Created maintenance window "${w.name}" ${w.id}: ${whenText(w, true, c.io.now())}, ${stateText(w, c.io.now())}`);
    return EXIT_OK;
  },
};

function windowBody(name: string, v: FlagValues, now: number): Resolved<Record<string, unknown>> {
  const body: Record<string, unknown> = { name, slugs: listArg(str(v.slugs)), tags: listArg(str(v.tags)) };
  const [start, end, span, cron, duration, tz] = (["start", "end", "for", "cron", "duration", "tz"] as const).map((k) => str(v[k]));
  if (cron !== undefined) {
    if (start !== undefined || end !== undefined || span !== undefined) return { ok: false, error: "--cron makes a recurring window: --start, --end and --for go with one-off windows" };
    if (duration === undefined) return { ok: false, error: "--cron needs --duration, e.g. --duration 2h" };
    const seconds = parseDuration(duration);
    if (!seconds.ok) return { ok: false, error: `--duration ${JSON.stringify(duration)}: ${seconds.error}` };
    if (tz !== undefined) {
      const zone = parseZone(tz);
      if (!zone.ok) return { ok: false, error: `--tz ${JSON.stringify(tz)}: ${zone.error}` };
    }
    return { ok: true, value: { ...body, cron, duration: seconds.seconds, tz: tz ?? "UTC" } };
  }
  if (duration !== undefined || tz !== undefined) return { ok: false, error: "--duration and --tz go with --cron; a one-off window takes --start with --end or --for" };
  if (start === undefined) return { ok: false, error: "give --start WHEN with --end WHEN or --for T, or --cron EXPR with --duration T" };
  const from = start === "now" ? now : Date.parse(start);
  if (Number.isNaN(from) || (start !== "now" && !/(Z|[+-]\d{2}:?\d{2})$/i.test(start))) return { ok: false, error: `--start ${JSON.stringify(start)}: must be an ISO 8601 date-time with an offset, or now` };
  if ((end === undefined) === (span === undefined)) return { ok: false, error: "give one of --end WHEN or --for T" };
  let until: string;
  if (span !== undefined) {
    const seconds = parseDuration(span);
    if (!seconds.ok) return { ok: false, error: `--for ${JSON.stringify(span)}: ${seconds.error}` };
    until = formatInZone(from + seconds.seconds * 1000, "UTC");
  } else until = end === "now" ? formatInZone(now, "UTC") : end!;
  return { ok: true, value: { ...body, start: formatInZone(from, "UTC"), end: until } };
}

const rm: SubCommand = {
  name: "maintenance rm",
  synopsis: "<ref>",
  summary: "delete a maintenance window",
  about: ["Deletes the window; alerts it held go out at once.", "<ref> is the window's id or name."],
  options: {},
  optionHelp: [],
  examples: ["tocsin maintenance rm upgrade"],
  args: { min: 1, max: 1, missing: "missing the window's id or name" },
  run: async (c: Context) => {
    const all = await listWindows(c.server);
    if (!all.ok) return c.fail(all.error);
    const found = pickNamed(c.args[0]!, all.value, "maintenance window");
    if (!found.ok) return c.fail(found.error);
    const result = await deleteWindow(c.server, found.value.id);
    if (!result.ok) return c.fail(result.error);
    c.io.out(`Deleted maintenance window "${found.value.name}" ${found.value.id}`);
    return EXIT_OK;
  },
};

export const MAINTENANCE: CommandGroup = {
  name: "maintenance",
  subs: [ls, add, rm],
  aliases: { list: "ls", delete: "rm" },
  about: ["Tocsin servers only: --url or TOCSIN_URL, --api-key or TOCSIN_API_KEY (ls also takes a read-only key)."],
};

export function runMaintenance(io: CommandIo): Promise<number> {
  return runGroup(io, MAINTENANCE);
}
