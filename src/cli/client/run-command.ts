// `tocsin run <uuid|slug> -- <cmd...>` (SPEC §10): wraps a job. Start ping with a fresh run id,
// the job with its output streamed through, then its exit status, duration and the last 10 000
// bytes of output. The monitor never decides the job's fate: whatever the network does, the job
// runs, and the wrapper exits with the job's own status, a few seconds late at worst.
import type { CommandIo } from "../io.ts";
import { EXIT_OK, EXIT_USAGE, parseFlags } from "./options.ts";
import { PING_HELP, PING_OPTIONS, pingTargetFromFlags } from "./ping-flags.ts";
import { type SendPolicy, type SendResult, sendPing } from "./ping-send.ts";
import { type PingTarget, pingUrl } from "./ping-target.ts";
import { type ChildOutcome, type ChildStreams, runChild } from "./run-child.ts";
import { TailBuffer } from "./tail-buffer.ts";

const USAGE = [
  "usage: tocsin run <uuid|slug> [options] -- <command> [args...]",
  "",
  "Runs the command with its input and output passed through and reports it: a start ping with a",
  "fresh run id, then its exit status, duration and last 10 000 bytes of output. Exits with the",
  "command's status (128+n when killed by signal n; 127 when it cannot be started). When the server",
  "cannot be reached, the command still runs and the wrapper gives up within a few seconds.",
  ...PING_HELP,
  "",
  "example (a crontab line):",
  "  0 3 * * *  tocsin run backup --ping-key KEY -- /usr/local/bin/backup.sh --full",
];

/** Bytes of output sent with the final ping (SPEC §10). */
export const OUTPUT_TAIL_BYTES = 10_000;
/** Longest the job waits for the start ping's first attempt before it runs anyway. */
const START_WAIT_MS = 1_000;
// The start ping keeps retrying in the background while the job runs, and is abandoned when it ends.
const START_POLICY: SendPolicy = { attemptMs: 5_000, budgetMs: 30_000, backoffMs: 250 };
// After the job: a few quick retries (0, 0.2, 0.6, 1.4, 3 s), 4 s at most in all.
const END_POLICY: SendPolicy = { attemptMs: 4_000, budgetMs: 4_000, backoffMs: 200 };

export async function runRun(io: CommandIo, streams: ChildStreams): Promise<number> {
  const usage = (message: string): number => {
    io.err(`tocsin run: ${message}`);
    return EXIT_USAGE;
  };
  const split = io.args.indexOf("--");
  const ours = split < 0 ? io.args : io.args.slice(0, split);
  const argv = split < 0 ? [] : io.args.slice(split + 1);
  const parsed = parseFlags(ours, PING_OPTIONS);
  if (!parsed.ok) return usage(`${parsed.error} (try --help)`);
  if (parsed.values.help) {
    for (const line of USAGE) io.out(line);
    return EXIT_OK;
  }
  const [ref, ...extra] = parsed.positionals;
  if (ref === undefined) return usage("missing the check's uuid or slug (try --help)");
  if (split < 0) return usage(`put -- before the command: tocsin run ${ref} -- ${extra.join(" ") || "<command>"}`);
  if (extra.length > 0) return usage(`unexpected argument "${extra[0]}" before --`);
  if (argv.length === 0) return usage("missing the command after --");
  const target = pingTargetFromFlags(ref, parsed.values, io.env);
  if (!target.ok) return usage(target.error);

  return wrap(target.value, argv, streams, io.err);
}

async function wrap(target: PingTarget, argv: readonly string[], streams: ChildStreams, warn: (line: string) => void): Promise<number> {
  const rid = crypto.randomUUID();
  const startStop = new AbortController();
  let firstAttempt = (): void => {};
  const attempted = new Promise<void>((resolve) => (firstAttempt = resolve));
  const start = sendPing({ target, url: pingUrl(target, { type: "start" }, { rid }), policy: START_POLICY, stop: startStop.signal, onFirstAttempt: firstAttempt });
  await within(attempted, START_WAIT_MS);

  const began = performance.now();
  const tail = new TailBuffer(OUTPUT_TAIL_BYTES);
  const outcome = await runChild(argv, streams, tail);
  const seconds = ((performance.now() - began) / 1000).toFixed(3);

  // A start still retrying is pointless now; the end ping alone records the run.
  startStop.abort();
  report(warn, "start", await start);
  const end = endPing(target, outcome, rid, seconds, tail);
  if (outcome.kind === "not-started") warn(`tocsin run: ${outcome.error}`);
  report(warn, "end", await sendPing({ target, url: end.url, body: end.body, policy: END_POLICY }));
  return outcome.status;
}

function endPing(target: PingTarget, outcome: ChildOutcome, rid: string, seconds: string, tail: TailBuffer): { url: string; body: Uint8Array | string } {
  switch (outcome.kind) {
    case "exited":
      return { url: pingUrl(target, { type: "exit", status: outcome.status }, { rid, duration: seconds }), body: tail.bytes() };
    case "not-started":
      return { url: pingUrl(target, { type: "fail" }, { rid, msg: outcome.error }), body: outcome.error };
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

function report(warn: (line: string) => void, which: string, result: SendResult): void {
  if (!result.ok) warn(`tocsin run: ${which} ping not delivered: ${result.error}`);
}

/** Resolves when `p` does or after `ms`, whichever comes first; never rejects. */
async function within(p: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([p, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
