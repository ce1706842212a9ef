// `tocsin checks ls [--tag T]... [--json]`: the project's checks as a table or as the API's JSON.
import type { CommandIo } from "../io.ts";
import { listChecks } from "./api.ts";
import { uuidOf } from "./check-json.ts";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, parseFlags, strs } from "./options.ts";
import { SERVER_HELP, SERVER_OPTIONS, serverFrom } from "./server-flags.ts";
import { formatAge, formatTable } from "./table.ts";

const USAGE = [
  "usage: tocsin checks ls [--tag T]... [--json] [--url URL] [--api-key KEY]",
  "",
  "Lists the project's checks: name, slug, status, last ping and uuid.",
  "  --tag T          only checks with this tag (repeat: checks with all of them)",
  "  --json           print the server's JSON ({\"checks\": [...]}) instead of a table",
  ...SERVER_HELP,
];

export async function checksLs(io: CommandIo, args: string[]): Promise<number> {
  const usage = (message: string): number => {
    io.err(`tocsin checks ls: ${message}`);
    return EXIT_USAGE;
  };
  const parsed = parseFlags(args, { ...SERVER_OPTIONS, tag: { type: "string", multiple: true }, json: { type: "boolean" } });
  if (!parsed.ok) return usage(`${parsed.error} (try --help)`);
  if (parsed.values.help) {
    for (const line of USAGE) io.out(line);
    return EXIT_OK;
  }
  if (parsed.positionals.length > 0) return usage(`unexpected argument "${parsed.positionals[0]}" (try --help)`);
  const server = serverFrom(parsed.values, io.env);
  if (!server.ok) return usage(server.error);

  const result = await listChecks(server.value, { tags: strs(parsed.values.tag) });
  if (!result.ok) {
    io.err(`tocsin checks ls: ${result.error}`);
    return EXIT_FAILED;
  }
  if (parsed.values.json) {
    io.out(JSON.stringify({ checks: result.value }, null, 2));
    return EXIT_OK;
  }
  if (result.value.length === 0) {
    io.err("no checks");
    return EXIT_OK;
  }
  const now = io.now();
  const rows = result.value.map((c) => [c.name || "(unnamed)", c.slug || "-", c.status || "?", formatAge(c.last_ping, now), uuidOf(c) ?? c.unique_key ?? "-"]);
  // read-only keys see Healthchecks' unique_key instead of the uuid
  const idHeader = result.value.some((c) => uuidOf(c) !== null) ? "UUID" : "UNIQUE KEY";
  for (const line of formatTable(["NAME", "SLUG", "STATUS", "LAST PING", idHeader], rows)) io.out(line);
  return EXIT_OK;
}
