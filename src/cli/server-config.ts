// Shared argument handling for the sub-commands that read the server configuration, and the
// opened database of the ones that work on the local data directory.
import type { Store } from "../store/store.ts";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type Config, type ConfigSources, type DeclaredTables, flagOptions, loadConfig, optionsHelp } from "../config.ts";
import { openDataDir, type OpenDataDirOptions } from "../daemon.ts";
import { type CommandIo, EXIT_USAGE } from "./io.ts";

export type ParsedCommand =
  | { readonly kind: "run"; readonly config: Config; readonly positionals: string[]; readonly sources: ConfigSources }
  | { readonly kind: "exit"; readonly status: number };

/**
 * Parses flags, env and the config file; prints help or every problem and says how to exit.
 * `declaredProblems` adds the problems of the file's declared objects to a failed load's list.
 */
export function parseServerCommand(io: CommandIo, usage: string, declaredProblems?: (tables: DeclaredTables, configFile: string) => string[]): ParsedCommand {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: io.args, options: { ...flagOptions(), help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (e) {
    io.err(`tocsin: ${(e as Error).message}`);
    io.err("Run with --help for usage.");
    return { kind: "exit", status: 2 };
  }
  if (parsed.values.help === true) {
    io.out(usage);
    io.out("");
    io.out("Options (flag, environment variable; flags win over the environment, which wins over the file):");
    io.out(optionsHelp());
    return { kind: "exit", status: 0 };
  }
  // kept: SIGHUP parses the same flags and environment with the file as it is then
  const sources: ConfigSources = { flags: parsed.values, env: io.env, readFile: (p) => readFileSync(p, "utf8") };
  const result = loadConfig(sources);
  if (!result.ok) {
    const more = declaredProblems && result.configFile !== null ? declaredProblems(result.declared, result.configFile) : [];
    io.err("tocsin: invalid configuration:");
    for (const e of [...result.errors, ...more]) io.err(`  - ${e}`);
    return { kind: "exit", status: 2 };
  }
  return { kind: "run", config: result.config, positionals: parsed.positionals, sources };
}

/**
 * Opens (and migrates) the data directory's existing database for `use`, closing it after; exit 2
 * when it cannot. Only `migrate` passes `create` (SPEC §2): run from the wrong directory, any other
 * command says where it looked instead of starting an empty installation there.
 */
export function withDataDir(io: CommandIo, config: Config, use: (store: Store, path: string) => number, opts: OpenDataDirOptions = { create: false }): number {
  const opened = openDataDir(config, opts);
  if (!opened.ok) {
    io.err(`tocsin: ${opened.error}`);
    return EXIT_USAGE;
  }
  try {
    return use(opened.store, opened.path);
  } finally {
    opened.store.close();
  }
}
