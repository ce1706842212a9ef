// `tocsin checks ls|add|pause|resume|rm`: manage checks through the Management API v3 of a Tocsin
// or Healthchecks server.
import type { CommandIo } from "../io.ts";
import { checksAction } from "./checks-action.ts";
import { checksAdd } from "./checks-add.ts";
import { checksLs } from "./checks-ls.ts";
import { EXIT_OK, EXIT_USAGE } from "./options.ts";

const USAGE = [
  "usage: tocsin checks <ls|add|pause|resume|rm> [options]",
  "",
  "  ls [--tag T]... [--json]            list checks",
  "  add <name> [--timeout T | --schedule EXPR --tz Z] [--grace T] ...",
  "                                      create a check, print its uuid and ping URL",
  "  pause <uuid|slug>                   pause a check",
  "  resume <uuid|slug>                  resume a paused check",
  "  rm <uuid|slug>                      delete a check",
  "",
  "Works against Tocsin and Healthchecks (API v3). Server: --url or TOCSIN_URL",
  "(default http://127.0.0.1:8000); key: --api-key or TOCSIN_API_KEY.",
  'Run "tocsin checks <sub-command> --help" for its options.',
];

export async function runChecks(io: CommandIo): Promise<number> {
  const [sub, ...rest] = io.args;
  switch (sub) {
    case "ls":
    case "list":
      return checksLs(io, rest);
    case "add":
      return checksAdd(io, rest);
    case "pause":
    case "resume":
    case "rm":
      return checksAction(io, sub, rest);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      for (const line of USAGE) (sub === undefined ? io.err : io.out)(line);
      return sub === undefined ? EXIT_USAGE : EXIT_OK;
    default:
      io.err(`tocsin checks: unknown sub-command "${sub}" (expected ls, add, pause, resume or rm)`);
      return EXIT_USAGE;
  }
}
