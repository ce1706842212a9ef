// Runs the wrapped job: stdin passed through, stdout and stderr copied to ours as they come and
// into one tail buffer (interleaved in arrival order), the exit status reported shell-style.
import { constants } from "node:os";
import type { TailBuffer } from "./tail-buffer.ts";

export interface ChildStreams {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export type ChildOutcome =
  | { readonly kind: "exited"; readonly status: number; readonly signal: NodeJS.Signals | null }
  /** 127 not found, 126 found but not executable, as shells report them */
  | { readonly kind: "not-started"; readonly status: 126 | 127; readonly error: string };

// SIGTERM and SIGHUP are meant for the job (a supervisor stopping it, a closed session): relay
// them. SIGINT and SIGQUIT from a terminal already reach the job, which shares our process group;
// relaying them would deliver them twice, so the wrapper only survives them and waits.
const RELAYED: readonly NodeJS.Signals[] = ["SIGTERM", "SIGHUP"];
const ENDURED: readonly NodeJS.Signals[] = ["SIGINT", "SIGQUIT"];

export async function runChild(argv: readonly string[], streams: ChildStreams, tail: TailBuffer): Promise<ChildOutcome> {
  let proc: ReturnType<typeof spawn>;
  try {
    proc = spawn(argv);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "command not found" : code === "EACCES" ? "permission denied" : (e as Error).message;
    return { kind: "not-started", status: code === "EACCES" ? 126 : 127, error: `cannot run "${argv[0]}": ${why}` };
  }
  const relay = (signal: NodeJS.Signals): void => {
    proc.kill(signal);
  };
  const endure = (): void => {};
  for (const s of RELAYED) process.on(s, relay);
  for (const s of ENDURED) process.on(s, endure);
  try {
    await Promise.all([copy(proc.stdout, streams.stdout, tail), copy(proc.stderr, streams.stderr, tail), proc.exited]);
  } finally {
    for (const s of RELAYED) process.off(s, relay);
    for (const s of ENDURED) process.off(s, endure);
  }
  const signal = proc.signalCode as NodeJS.Signals | null;
  if (signal !== null) return { kind: "exited", status: 128 + (constants.signals[signal] ?? 0), signal };
  return { kind: "exited", status: proc.exitCode ?? 1, signal: null };
}

function spawn(argv: readonly string[]) {
  return Bun.spawn([...argv], { stdin: "inherit", stdout: "pipe", stderr: "pipe" });
}

async function copy(from: ReadableStream<Uint8Array>, to: NodeJS.WritableStream, tail: TailBuffer): Promise<void> {
  let broken = false;
  // a reader that went away (EPIPE) must not stop the job nor its report
  to.on("error", () => {
    broken = true;
  });
  for await (const chunk of from) {
    tail.push(chunk);
    if (broken) continue;
    // wait while our own reader is slow, so a chatty job cannot fill memory
    if (!to.write(chunk)) await drained(to);
  }
}

function drained(to: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      to.off("drain", done);
      to.off("error", done);
      resolve();
    };
    to.on("drain", done);
    to.on("error", done);
  });
}
