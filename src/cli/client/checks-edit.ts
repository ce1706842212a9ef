// `tocsin checks edit <ref> --<field> <value>...`: changes the fields named, and only those
// (a partial update, POST /api/v3/checks/<uuid>), then shows what changed.
import { updateCheck } from "./api.ts";
import { checkFieldsFromFlags, checkFlagHelp, checkFlagOptions } from "./check-flags.ts";
import { CHECK_REF_HELP, findCheckUuid } from "./check-ref.ts";
import type { Context, SubCommand } from "./command.ts";
import { EXIT_OK } from "./options.ts";

export const checksEdit: SubCommand = {
  name: "checks edit",
  synopsis: "<ref> --<field> <value>... [--json]",
  summary: "change some fields of a check",
  about: [
    "Changes the fields given and leaves the others as they are. A schedule makes the check a cron",
    "check, a timeout a simple one. Durations (T) are seconds or 90s, 5m, 1h30m, 2d, 1w.",
    CHECK_REF_HELP,
  ],
  options: { ...checkFlagOptions("edit"), json: { type: "boolean" } },
  optionHelp: [...checkFlagHelp("edit"), "  --json           print the server's JSON for the check as it is"],
  examples: ["tocsin checks edit backup --grace 2h --no-public", 'tocsin checks edit "Nightly backup" --schedule "30 2 * * *" --tz Europe/Riga'],
  args: { min: 1, max: 1, missing: "missing the check's uuid, slug or name" },
  run: async (c: Context) => {
    const fields = checkFieldsFromFlags(c.values, "edit", c.io.now());
    if (!fields.ok) return c.usage(fields.error);
    if (Object.keys(fields.value).length === 0) return c.usage("nothing to change: give at least one field flag, e.g. --grace 1h (try --help)");
    const found = await findCheckUuid(c.server, c.args[0]!);
    if (!found.ok) return c.fail(found.error);
    const result = await updateCheck(c.server, found.value.uuid, fields.value);
    if (!result.ok) return c.fail(result.error);
    if (c.values.json) {
      c.io.out(result.raw.trimEnd());
      return EXIT_OK;
    }
    c.io.out(`Updated check "${result.value.name}" (${found.value.uuid})`);
    const before = found.value.check as Record<string, unknown>;
    const after = result.value as Record<string, unknown>;
    for (const field of Object.keys(fields.value)) {
      const was = JSON.stringify(before[field] ?? null);
      const now = JSON.stringify(after[field] ?? null);
      c.io.out(`  ${field}: ${was === now ? now : `${was} → ${now}`}`);
    }
    return EXIT_OK;
  },
};
