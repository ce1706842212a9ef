// `tocsin install-service --print`: the systemd unit for this installation, with the path of the
// running executable, on stdout. It only prints: installing it needs root, and a unit is worth
// reading before it runs (the README's "Running as a service" shows the commands).
import { isAbsolute } from "node:path";
import { parseArgs } from "node:util";
import { settings } from "../config.ts";
import { type CommandIo, EXIT_USAGE } from "./io.ts";
import { DEFAULT_UNIT, serviceUnit } from "./service-unit.ts";

const USAGE = [
  "usage: tocsin install-service --print [--user NAME] [--data-dir DIR] [--listen HOST:PORT] [--env-file FILE] [--bin PATH]",
  "",
  "Prints a systemd unit that runs this executable as `serve` under a dedicated user, with its data",
  "in DIR (created 0700 by systemd when it is under /var/lib), restarts after a crash, and a sandbox",
  "that lets it write nothing but DIR. Install it with:",
  "",
  "  tocsin install-service --print | sudo tee /etc/systemd/system/tocsin.service",
  "  sudo systemctl daemon-reload && sudo systemctl enable --now tocsin",
  "",
  `  --user NAME        system user to run as (default ${DEFAULT_UNIT.user}; create it with useradd --system)`,
  `  --data-dir DIR     data directory (default ${DEFAULT_UNIT.dataDir})`,
  `  --listen HOST:PORT HTTP address (default ${DEFAULT_UNIT.listen})`,
  `  --env-file FILE    optional environment file for TOCSIN_BASE_URL and secrets (default ${DEFAULT_UNIT.envFile})`,
  "  --bin PATH         the executable to run (default: this one)",
  "",
  "example: tocsin install-service --print --listen 0.0.0.0:8000 --data-dir /var/lib/tocsin",
];

const USER = /^[a-z_][a-z0-9_-]{0,31}$/;
/** systemd reads %, $, quotes and spaces specially in these settings: plain paths only */
const PLAIN_PATH = /^\/[A-Za-z0-9_./@+-]*$/;

/** `running`: the command that started this process (the executable, or bun and the script). */
export async function runInstallService(io: CommandIo, running: readonly string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: io.args,
      options: { print: { type: "boolean" }, user: { type: "string" }, "data-dir": { type: "string" }, listen: { type: "string" }, "env-file": { type: "string" }, bin: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    return usageError(io, (e as Error).message);
  }
  if (values.help === true) {
    for (const line of USAGE) io.out(line);
    return 0;
  }
  if (values.print !== true) return usageError(io, "--print is required: the unit is printed for you to install (see --help)");
  const str = (name: string): string | undefined => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const user = str("user") ?? DEFAULT_UNIT.user;
  const dataDir = (str("data-dir") ?? DEFAULT_UNIT.dataDir).replace(/(.)\/+$/, "$1");
  const envFile = str("env-file") ?? DEFAULT_UNIT.envFile;
  const listen = str("listen") ?? DEFAULT_UNIT.listen;
  const bin = str("bin");
  if (!USER.test(user)) return usageError(io, `--user "${user}" is not a valid user name`);
  for (const [flag, path] of [["--data-dir", dataDir], ["--env-file", envFile]] as const) {
    if (!PLAIN_PATH.test(path)) return usageError(io, `${flag} "${path}" must be an absolute path of letters, digits and _ . / @ + -`);
  }
  if (dataDir === "/" || dataDir === "/var/lib") return usageError(io, `--data-dir "${dataDir}" must be a directory of its own`);
  if (!settings.listen.schema.safeParse(listen).success) return usageError(io, `--listen "${listen}" must be host:port, e.g. 0.0.0.0:8000`);
  if (bin !== undefined && !isAbsolute(bin)) return usageError(io, `--bin "${bin}" must be an absolute path`);
  io.out(serviceUnit({ exec: bin === undefined ? running : [bin], user, dataDir, listen, envFile }).trimEnd());
  return 0;
}

function usageError(io: CommandIo, message: string): number {
  io.err(`tocsin install-service: ${message}`);
  return EXIT_USAGE;
}
