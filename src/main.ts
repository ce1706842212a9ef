// Composition root: pick the sub-command, hand it the process's arguments, env and clock.
import { resolve } from "node:path";
import pkg from "../package.json" with { type: "json" };
import { runBackup, runCheckConfig, runMigrate } from "./cli/admin.ts";
import type { CommandIo } from "./cli/io.ts";
import { runSchedule } from "./cli/schedule-command.ts";
import { runServe } from "./cli/serve.ts";

const HELP = `Tocsin ${pkg.version} — heartbeat and cron-job monitor

Usage: tocsin <command> [options]

Commands:
  serve                     run the daemon (the default)
  version                   print the version
  migrate                   create or upgrade the database, then exit
  check-config              validate flags, environment and --config file
  backup <file>             consistent online copy of the database
  restore <file>            put a backup in place of the database (daemon stopped)
  schedule "<expr>"         preview a cron schedule: [--tz Zone] [--from ISO] [--count N]
  projects add|ls|rotate-keys   manage projects and their keys in the local database
  admin set-password        set the dashboard's admin password (from stdin or a prompt)
  import healthchecks       copy a Healthchecks project's checks here, keeping their uuids
  install-service --print   print a systemd unit that runs this executable

Client commands (any Tocsin server: --url/TOCSIN_URL, --api-key/TOCSIN_API_KEY):
  checks ls|show|pings|add|edit|pause|resume|rm   checks (Healthchecks servers too)
  channels ls|add|edit|test|rm                    alert channels
  maintenance ls|add|rm                           maintenance windows
  ping <uuid|slug>          send a ping: [--start|--fail|--log|--exit N] [-m msg]
  run <uuid|slug> -- <cmd>  run a command and report its start, exit status and output

Durations are seconds or 90s, 5m, 1h30m, 2d, 1w everywhere (flags and the config file).
Run "tocsin <command> --help" for a command's options and an example.`;

type Command = (io: CommandIo) => Promise<number>;

const commands: Record<string, Command> = {
  serve: runServe,
  migrate: runMigrate,
  backup: runBackup,
  "check-config": runCheckConfig,
  schedule: runSchedule,
  projects: async (io) => (await import("./cli/projects.ts")).runProjects(io),
  restore: async (io) => (await import("./cli/restore.ts")).runRestore(io),
  admin: async (io) => (await import("./cli/admin-password.ts")).runAdmin(io),
  // client commands load their modules on use, like schedule: the daemon never pays for them
  checks: async (io) => (await import("./cli/client/checks-command.ts")).runChecks(io),
  channels: async (io) => (await import("./cli/client/channels-command.ts")).runChannels(io),
  maintenance: async (io) => (await import("./cli/client/maintenance-command.ts")).runMaintenance(io),
  ping: async (io) => (await import("./cli/client/ping-command.ts")).runPing(io),
  run: async (io) => (await import("./cli/client/run-command.ts")).runRun(io, { stdout: process.stdout, stderr: process.stderr }),
  import: async (io) => (await import("./cli/import-healthchecks.ts")).runImport(io),
  "install-service": async (io) => (await import("./cli/install-service.ts")).runInstallService(io, runningCommand()),
  version: async (io) => {
    io.out(`tocsin ${pkg.version}`);
    return 0;
  },
  help: async (io) => {
    io.out(HELP);
    return 0;
  },
};

async function main(argv: string[]): Promise<number> {
  const first = argv[0];
  const named = first !== undefined && !first.startsWith("-");
  if (first === "--help" || first === "-h") return commands.help!(makeIo([]));
  if (first === "--version") return commands.version!(makeIo([]));
  const command = named ? commands[first] : runServe;
  if (!command) {
    console.error(`tocsin: unknown command "${first}"\n\n${HELP}`);
    return 2;
  }
  return command(makeIo(named ? argv.slice(1) : argv));
}

/** What started this process: the compiled executable, or the runtime and this script. */
function runningCommand(): string[] {
  return Bun.embeddedFiles.length > 0 ? [process.execPath] : [process.execPath, resolve(process.argv[1] ?? "src/main.ts")];
}

function makeIo(args: string[]): CommandIo {
  return {
    args,
    env: process.env,
    // console writes synchronously, without process.stdout's stream machinery (src/log.ts)
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    now: () => Date.now(),
  };
}

// exit explicitly: a stopped daemon must not linger on a forgotten timer
process.exit(await main(process.argv.slice(2)));
