// `tocsin checks ls`: the project's checks with their schedule or period and when the next ping
// is due, in relative times so that a row fits 80 columns; --wide adds uuids and absolute times.
import { listChecks } from "./api.ts";
import { uuidOf } from "./check-json.ts";
import { absoluteTime, instantOf, nextExpected, relativeTime, scheduleText } from "./check-text.ts";
import type { Context, SubCommand } from "./command.ts";
import { EXIT_OK, strs } from "./options.ts";
import { fitTable, formatTable } from "./table.ts";

export const checksLs: SubCommand = {
  name: "checks ls",
  synopsis: "[--tag T]... [--wide] [--json]",
  summary: "list checks: status, schedule or period, last and next ping",
  about: ["Lists the project's checks: name, slug, status, schedule or period, last ping and next expected", "ping (relative times; a row fits 80 columns)."],
  options: { tag: { type: "string", multiple: true }, wide: { type: "boolean" }, json: { type: "boolean" } },
  optionHelp: [
    "  --tag T          only checks with this tag (repeat: checks with all of them)",
    "  --wide           add the uuid and absolute times (UTC), whatever the width",
    '  --json           print the server\'s JSON ({"checks": [...]}) as it is',
  ],
  examples: ["tocsin checks ls --tag prod", "tocsin checks ls --wide"],
  args: { min: 0, max: 0 },
  run: async (c: Context) => {
    const result = await listChecks(c.server, { tags: strs(c.values.tag) });
    if (!result.ok) return c.fail(result.error);
    if (c.values.json) {
      c.io.out(result.raw.trimEnd());
      return EXIT_OK;
    }
    if (result.value.length === 0) {
      c.io.err("no checks");
      return EXIT_OK;
    }
    const now = c.io.now();
    const wide = c.values.wide === true;
    const when = (ms: number | null): string => (ms === null ? "-" : wide ? absoluteTime(ms) : relativeTime(ms, now));
    const rows = result.value.map((check) => {
      const last = instantOf(check.last_ping);
      const row = [check.name || "(unnamed)", check.slug || "-", check.status || "?", scheduleText(check), last === null ? "never" : when(last), when(nextExpected(check, now))];
      // read-only keys see Healthchecks' unique_key instead of the uuid
      return wide ? [...row, uuidOf(check) ?? check.unique_key ?? "-"] : row;
    });
    const headers = ["NAME", "SLUG", "STATUS", "SCHEDULE", "LAST PING", "NEXT"];
    const lines = wide ? formatTable([...headers, result.value.some((x) => uuidOf(x) !== null) ? "UUID" : "UNIQUE KEY"], rows) : fitTable(headers, rows, [0, 1, 3]);
    for (const line of lines) c.io.out(line);
    return EXIT_OK;
  },
};
