// `tocsin serve`: run the daemon until SIGTERM/SIGINT.
import { startDaemon } from "../daemon.ts";
import { createLogger } from "../log.ts";
import { type CommandIo, EXIT_USAGE } from "./io.ts";
import { parseServerCommand } from "./server-config.ts";

const USAGE = "Usage: tocsin [serve] [options]\n\nStarts the HTTP API, ping endpoints, scheduler and status page.\n\nexample: tocsin serve --listen 0.0.0.0:8000 --data-dir /var/lib/tocsin --config /etc/tocsin.toml";
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
  // Handlers go in before anything starts: a signal that arrives while the daemon starts up must
  // still end in a clean stop, not in the default "killed by signal".
  const signalled = new Promise<string>((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
  // SIGHUP reloads the config file's declared objects and the projects; one that arrives during
  // start-up is kept for afterwards (its default action would end the process).
  let reload: (() => void) | null = null;
  let hupPending = false;
  process.on("SIGHUP", () => {
    log.info("reloading", { signal: "SIGHUP" });
    if (reload) reload();
    else hupPending = true;
  });
  const started = await startDaemon({ config: parsed.config, sources: parsed.sources, log, out: io.out, now: io.now });
  if (!started.ok) {
    io.err(`tocsin: ${started.error}`);
    return EXIT_USAGE;
  }
  reload = () => {
    try {
      started.daemon.reload();
    } catch (e) {
      log.error("config reload failed", { error: e });
    }
  };
  if (hupPending) reload();
  const signal = await signalled;
  reload = () => {}; // the database is about to close
  log.info("stopping", { signal });
  const deadline = Bun.sleep(STOP_DEADLINE_MS).then(() => "deadline" as const);
  try {
    if ((await Promise.race([started.daemon.stop().then(() => "stopped" as const), deadline])) === "deadline") {
      log.error("stop deadline passed; exiting with work in flight");
      return 1;
    }
  } catch (e) {
    log.error("stop failed", { error: e });
    return 1;
  }
  return 0;
}
