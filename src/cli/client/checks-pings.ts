// `tocsin checks pings <ref> [--body N]`: a check's ping log, newest first, and the bodies (the
// job's output) of the newest N.
import { getPingBody, listPings, type Server } from "./api.ts";
import { CHECK_REF_HELP, findCheckUuid } from "./check-ref.ts";
import { absoluteTime, instantOf } from "./check-text.ts";
import type { RemotePing } from "./check-json.ts";
import type { CommandIo } from "../io.ts";
import type { Context, SubCommand } from "./command.ts";
import { pingTable, printable } from "./history-text.ts";
import { EXIT_OK, type Resolved, str } from "./options.ts";

const DEFAULT_LIMIT = 20;

export const checksPings: SubCommand = {
  name: "checks pings",
  synopsis: "<ref> [--limit N] [--body N] [--json]",
  summary: "a check's pings, newest first, with the bodies of the newest N",
  about: ["Lists the check's pings, newest first: number, time, kind, source, duration, exit status and", "message. The server keeps the newest 100 per check unless it is set otherwise.", CHECK_REF_HELP],
  options: { limit: { type: "string" }, body: { type: "string" }, json: { type: "boolean" } },
  optionHelp: [
    `  --limit N        how many pings to list (default ${DEFAULT_LIMIT})`,
    "  --body N         also print the body (the job's output) of the newest N pings that have one",
    '  --json           print the server\'s JSON ({"pings": [...]}) as it is',
  ],
  examples: ["tocsin checks pings backup", "tocsin checks pings backup --body 1"],
  args: { min: 1, max: 1, missing: "missing the check's uuid, slug or name" },
  run: async (c: Context) => {
    const limit = countFlag(c, "limit", DEFAULT_LIMIT);
    const bodies = countFlag(c, "body", 0);
    if (!limit.ok) return c.usage(limit.error);
    if (!bodies.ok) return c.usage(bodies.error);
    const found = await findCheckUuid(c.server, c.args[0]!);
    if (!found.ok) return c.fail(found.error);
    const result = await listPings(c.server, found.value.uuid);
    if (!result.ok) return c.fail(result.error);
    if (c.values.json) {
      c.io.out(result.raw.trimEnd());
      return EXIT_OK;
    }
    const pings = result.value.slice(0, limit.value);
    if (pings.length === 0) c.io.err("no pings yet");
    else for (const line of pingTable(pings, c.io.now())) c.io.out(line);
    const withBody = result.value.filter((p) => p.body_url).slice(0, bodies.value);
    for (const ping of withBody) if (!(await printBody(c.io, c.server, found.value.uuid, ping))) return 1;
    return EXIT_OK;
  },
};

async function printBody(io: CommandIo, server: Server, uuid: string, ping: RemotePing): Promise<boolean> {
  const at = instantOf(ping.date);
  io.out("");
  io.out(`--- body of ping #${ping.n} (${ping.type}, ${at === null ? ping.date : absoluteTime(at)}) ---`);
  const body = await getPingBody(server, uuid, ping.n);
  if (!body.ok) {
    io.err(`tocsin checks pings: ${body.error}`);
    return false;
  }
  if (body.value.text === null) io.out(`(${body.value.bytes} bytes of binary data, not shown)`);
  else io.out(printable(body.value.text).replace(/\n$/, ""));
  return true;
}

function countFlag(c: Context, key: string, fallback: number): Resolved<number> {
  const text = str(c.values[key]);
  if (text === undefined) return { ok: true, value: fallback };
  return /^\d{1,4}$/.test(text) ? { ok: true, value: Number(text) } : { ok: false, error: `--${key} must be a whole number; got "${text}"` };
}
