// `tocsin serve`: run the daemon until SIGTERM/SIGINT.
import { startDaemon } from "../daemon.ts";
import { createLogger } from "../log.ts";
import { type CommandIo, EXIT_USAGE } from "./io.ts";
import { parseServerCommand } from "./server-config.ts";

const USAGE = "Usage: tocsin [serve] [options]\n\nStarts the HTTP API, ping endpoints, scheduler and status page.";
/** SPEC §2: exit within 5 s of a stop signal, whatever is still in flight. */
const STOP_DEADLINE_MS = 4_500;

export async function runServe(io: CommandIo): Promise<number> {
  const parsed = parseServerCommand(io, USAGE);
  if (parsed.kind === "exit") return parsed.status;
  if (parsed.positionals.length > 0) {
    io.err(`tocsin serve: unexpected argument ${parsed.positionals[0]}`);
    return EXIT_USAGE;
  }
  const log = createLogger(parsed.config.logFormat);
  const started = await startDaemon({ config: parsed.config, log, out: io.out, now: io.now });
  if (!started.ok) {
    io.err(`tocsin: ${started.error}`);
    return EXIT_USAGE;
  }
  const { daemon } = started;
  return new Promise<number>((resolve) => {
    const onSignal = (signal: string): void => {
      log.info("stopping", { signal });
      const timer = setTimeout(() => {
        log.error("stop deadline passed; exiting with work in flight");
        resolve(1);
      }, STOP_DEADLINE_MS);
      daemon.stop().then(
        () => {
          clearTimeout(timer);
          resolve(0);
        },
        (e: unknown) => {
          log.error("stop failed", { error: e });
          resolve(1);
        },
      );
    };
    process.once("SIGTERM", () => onSignal("SIGTERM"));
    process.once("SIGINT", () => onSignal("SIGINT"));
  });
}
