// `tocsin ping <uuid|slug> [--start|--fail|--log|--exit N] [-m msg]`: one ping, like curl in a
// crontab, with short timeouts and a few retries.
import { isUuid } from "../../core/uuid.ts";
import type { CommandIo } from "../io.ts";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type FlagValues, parseFlags, str } from "./options.ts";
import { PING_HELP, PING_OPTIONS, pingTargetFromFlags } from "./ping-flags.ts";
import { type SendPolicy, sendPing } from "./ping-send.ts";
import { type PingEvent, pingUrl } from "./ping-target.ts";

const USAGE = [
  "usage: tocsin ping <uuid|slug> [--start | --fail | --log | --exit N] [-m MSG] [options]",
  "",
  "Sends one ping: success by default.",
  "  --start          a run started",
  "  --fail           the job failed",
  "  --log            a log entry; the check's state does not change",
  "  --exit N         the job's exit status: 0 is success, 1-255 failure",
  "  -m, --msg MSG    a short message stored with the ping",
  "  --rid UUID       run id pairing a start with its end",
  ...PING_HELP,
  "",
  "examples:",
  "  tocsin ping 5d9f0c4e-1b2a-4c3d-8e7f-9a0b1c2d3e4f --exit 3 -m \"disk full\"",
  "  tocsin ping backup --start --ping-key \"$TOCSIN_PING_KEY\"",
];

// a ping from a script may wait a little longer than the run wrapper, but not for ever
const POLICY: SendPolicy = { attemptMs: 5_000, budgetMs: 6_000, backoffMs: 250 };

export async function runPing(io: CommandIo): Promise<number> {
  const usage = (message: string): number => {
    io.err(`tocsin ping: ${message}`);
    return EXIT_USAGE;
  };
  const parsed = parseFlags(io.args, {
    start: { type: "boolean" },
    fail: { type: "boolean" },
    log: { type: "boolean" },
    exit: { type: "string" },
    msg: { type: "string", short: "m" },
    rid: { type: "string" },
    ...PING_OPTIONS,
  });
  if (!parsed.ok) return usage(`${parsed.error} (try --help)`);
  const v = parsed.values;
  if (v.help) {
    for (const line of USAGE) io.out(line);
    return EXIT_OK;
  }
  const [ref, ...extra] = parsed.positionals;
  if (ref === undefined) return usage("missing the check's uuid or slug (try --help)");
  if (extra.length > 0) return usage(`unexpected argument "${extra[0]}": quote a message with spaces`);
  const event = eventFrom(v);
  if (!event.ok) return usage(event.error);
  const rid = str(v.rid);
  if (rid !== undefined && !isUuid(rid)) return usage(`--rid must be a UUID, got "${rid}"`);
  const target = pingTargetFromFlags(ref, v, io.env);
  if (!target.ok) return usage(target.error);

  const url = pingUrl(target.value, event.value, { rid, msg: str(v.msg) });
  const sent = await sendPing({ target: target.value, url, policy: POLICY });
  if (!sent.ok) {
    io.err(`tocsin ping: ${sent.error}`);
    return EXIT_FAILED;
  }
  return EXIT_OK;
}

type EventResult = { readonly ok: true; readonly value: PingEvent } | { readonly ok: false; readonly error: string };

function eventFrom(v: FlagValues): EventResult {
  const chosen = (["start", "fail", "log", "exit"] as const).filter((k) => v[k] !== undefined && v[k] !== false);
  if (chosen.length > 1) return { ok: false, error: `choose one of --start, --fail, --log, --exit (got --${chosen.join(" --")})` };
  switch (chosen[0]) {
    case undefined:
      return { ok: true, value: { type: "success" } };
    case "exit": {
      const text = str(v.exit) ?? "";
      if (!/^\d{1,3}$/.test(text) || Number(text) > 255) return { ok: false, error: `--exit must be an exit status from 0 to 255, got "${text}"` };
      return { ok: true, value: { type: "exit", status: Number(text) } };
    }
    default:
      return { ok: true, value: { type: chosen[0] } };
  }
}
