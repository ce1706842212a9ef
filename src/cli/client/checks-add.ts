// `tocsin checks add <name> ...`: creates a check with a flag for every field (or, with --unique,
// finds and updates one), and prints its uuid and ping URLs.
import { type CheckFields, createCheck } from "./api.ts";
import { checkFieldsFromFlags, checkFlagHelp, checkFlagOptions } from "./check-flags.ts";
import { uuidOf } from "./check-json.ts";
import type { Context, SubCommand } from "./command.ts";
import { EXIT_OK, str } from "./options.ts";

const UNIQUE_FIELDS = new Set(["name", "slug", "tags", "timeout", "grace"]);

export const checksAdd: SubCommand = {
  name: "checks add",
  synopsis: '<name> [--timeout T | --schedule EXPR [--tz ZONE]] [--grace T] [field flags] [--unique FIELDS] [--json]',
  summary: "create a check (a flag for every field), print its uuid and ping URL",
  about: ["Creates a check and prints its uuid and ping URLs. Durations (T) are seconds or 90s, 5m, 1h30m,", "2d, 1w. Without --timeout or --schedule the check expects a ping every day."],
  options: { ...checkFlagOptions("add"), uuid: { type: "string" }, unique: { type: "string" }, json: { type: "boolean" } },
  optionHelp: [
    ...checkFlagHelp("add"),
    "  --uuid UUID      the check's uuid (its ping URL), e.g. to keep one from another server",
    "  --unique FIELDS  comma-separated subset of name,slug,tags,timeout,grace: when a check with",
    "                   the same values exists, update it instead of creating another",
    "  --json           print the server's JSON for the check as it is",
  ],
  examples: ['tocsin checks add "Nightly backup" --slug backup --schedule "0 3 * * *" --tz Europe/Riga --grace 1h', 'tocsin checks add "Heartbeat" --timeout 5m --grace 1m --public --group Web --unique name'],
  args: { min: 1, max: 1, missing: "missing the check's name" },
  run: async (c: Context) => {
    const fields = checkFieldsFromFlags(c.values, "add", c.io.now());
    if (!fields.ok) return c.usage(fields.error);
    const body: CheckFields = { name: c.args[0]!, ...fields.value };
    const uuid = str(c.values.uuid);
    if (uuid !== undefined) body.uuid = uuid;
    const unique = str(c.values.unique);
    if (unique !== undefined) {
      const list = unique.split(",").map((s) => s.trim()).filter((s) => s !== "");
      const bad = list.find((f) => !UNIQUE_FIELDS.has(f));
      if (bad !== undefined || list.length === 0) return c.usage(`--unique takes a comma-separated subset of ${[...UNIQUE_FIELDS].join(",")}${bad ? `; got "${bad}"` : ""}`);
      body.unique = list;
    }
    const result = await createCheck(c.server, body);
    if (!result.ok) return c.fail(result.error);
    if (c.values.json) {
      c.io.out(result.raw.trimEnd());
      return EXIT_OK;
    }
    const check = result.value;
    // 200 instead of 201: `unique` matched an existing check, which the server updated
    c.io.out(`${result.status === 201 ? "Created" : "Updated existing"} check "${check.name}"${check.slug ? ` (${check.slug})` : ""}`);
    c.io.out(`uuid:      ${uuidOf(check) ?? "(not shown to this key)"}`);
    c.io.out(`ping URL:  ${check.ping_url ?? "(not shown to this key)"}`);
    if (check.slug_url) c.io.out(`slug URL:  ${check.slug_url}`);
    return EXIT_OK;
  },
};
