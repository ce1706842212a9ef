// `tocsin checks add <name> ...`: creates a check (or, with --unique, finds and updates one).
import type { CommandIo } from "../io.ts";
import { type CheckFields, createCheck } from "./api.ts";
import { uuidOf } from "./check-json.ts";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type FlagValues, parseFlags, str } from "./options.ts";
import { SERVER_HELP, SERVER_OPTIONS, serverFrom } from "./server-flags.ts";

const USAGE = [
  "usage: tocsin checks add <name> [--slug S] [--tags \"a b\"] [--desc TEXT]",
  "                         [--timeout 1d | --schedule \"0 3 * * *\" [--tz Zone]] [--grace 1h]",
  "                         [--channels \"*\"] [--unique name,slug] [--json] [--url URL] [--api-key KEY]",
  "",
  "Creates a check and prints its uuid and ping URL.",
  "  --slug S           slug for /ping/<ping-key>/<slug> URLs",
  "  --tags \"a b\"       space-separated tags",
  "  --timeout T        expected period (simple check); seconds or 90s, 30m, 6h, 1d",
  "  --schedule EXPR    cron expression (cron check), evaluated in --tz (default UTC)",
  "  --grace T          how late a ping may be before the check goes down",
  "  --channels LIST    \"*\" for every channel, or comma-separated channel ids or names",
  "  --unique FIELDS    comma-separated subset of name,slug,tags,timeout,grace: when a check",
  "                     with the same values exists, update it instead of creating another",
  "  --json             print the server's JSON for the check",
  ...SERVER_HELP,
];

const UNIQUE_FIELDS = new Set(["name", "slug", "tags", "timeout", "grace"]);

export async function checksAdd(io: CommandIo, args: string[]): Promise<number> {
  const usage = (message: string): number => {
    io.err(`tocsin checks add: ${message}`);
    return EXIT_USAGE;
  };
  const parsed = parseFlags(args, {
    ...SERVER_OPTIONS,
    slug: { type: "string" },
    tags: { type: "string" },
    desc: { type: "string" },
    timeout: { type: "string" },
    schedule: { type: "string" },
    tz: { type: "string" },
    grace: { type: "string" },
    channels: { type: "string" },
    unique: { type: "string" },
    json: { type: "boolean" },
  });
  if (!parsed.ok) return usage(`${parsed.error} (try --help)`);
  if (parsed.values.help) {
    for (const line of USAGE) io.out(line);
    return EXIT_OK;
  }
  const [name, ...extra] = parsed.positionals;
  if (name === undefined) return usage("missing the check's name (try --help)");
  if (extra.length > 0) return usage(`unexpected argument "${extra[0]}": quote a name with spaces`);
  const fields = fieldsFrom(name, parsed.values);
  if (!fields.ok) return usage(fields.error);
  const server = serverFrom(parsed.values, io.env);
  if (!server.ok) return usage(server.error);

  const result = await createCheck(server.value, fields.value);
  if (!result.ok) {
    io.err(`tocsin checks add: ${result.error}`);
    return EXIT_FAILED;
  }
  const check = result.value;
  if (parsed.values.json) {
    io.out(JSON.stringify(check, null, 2));
    return EXIT_OK;
  }
  // 200 instead of 201: `unique` matched an existing check, which the server updated
  io.out(`${result.status === 201 ? "Created" : "Updated existing"} check "${check.name}"${check.slug ? ` (${check.slug})` : ""}`);
  io.out(`uuid:      ${uuidOf(check) ?? "(not shown to this key)"}`);
  io.out(`ping URL:  ${check.ping_url ?? "(not shown to this key)"}`);
  const slugUrl = (check as { slug_url?: unknown }).slug_url;
  if (typeof slugUrl === "string" && slugUrl !== "") io.out(`slug URL:  ${slugUrl}`);
  return EXIT_OK;
}

type FieldsResult = { readonly ok: true; readonly value: CheckFields } | { readonly ok: false; readonly error: string };

function fieldsFrom(name: string, v: FlagValues): FieldsResult {
  const fields: CheckFields = { name };
  for (const key of ["slug", "tags", "desc", "channels"] as const) {
    const value = str(v[key]);
    if (value !== undefined) fields[key] = value;
  }
  const schedule = str(v.schedule);
  const tz = str(v.tz);
  if (schedule !== undefined && v.timeout !== undefined) return { ok: false, error: "--timeout and --schedule exclude each other: a check is either simple or cron" };
  if (tz !== undefined && schedule === undefined) return { ok: false, error: "--tz applies to --schedule only" };
  if (schedule !== undefined) {
    fields.schedule = schedule;
    fields.tz = tz ?? "UTC";
  }
  for (const key of ["timeout", "grace"] as const) {
    const text = str(v[key]);
    if (text === undefined) continue;
    const seconds = parseSeconds(text);
    if (seconds === null) return { ok: false, error: `--${key} must be a number of seconds or a duration like 90s, 30m, 6h, 1d; got "${text}"` };
    fields[key] = seconds;
  }
  const unique = str(v.unique);
  if (unique !== undefined) {
    const list = unique.split(",").map((s) => s.trim()).filter((s) => s !== "");
    const bad = list.find((f) => !UNIQUE_FIELDS.has(f));
    if (bad !== undefined || list.length === 0) return { ok: false, error: `--unique takes a comma-separated subset of ${[...UNIQUE_FIELDS].join(",")}${bad ? `; got "${bad}"` : ""}` };
    fields.unique = list;
  }
  return { ok: true, value: fields };
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** Whole seconds from "3600", "90s", "30m", "6h", "1d" or "2w"; null for anything else. */
export function parseSeconds(text: string): number | null {
  const m = /^(\d{1,9})([smhdw]?)$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * (UNIT_SECONDS[m[2] || "s"] ?? 1);
}
