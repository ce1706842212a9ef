// Maintenance sub-commands that work on the local database: migrate, backup, check-config.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { type CommandIo, EXIT_USAGE } from "./io.ts";
import { parseServerCommand, withDataDir } from "./server-config.ts";

export async function runMigrate(io: CommandIo): Promise<number> {
  const parsed = parseServerCommand(io, "Usage: tocsin migrate [options]\n\nCreates the database if needed and applies pending migrations.\n\nexample: tocsin migrate --data-dir /var/lib/tocsin");
  if (parsed.kind === "exit") return parsed.status;
  return withDataDir(
    io,
    parsed.config,
    (store, path) => {
      const version = store.schemaVersion();
      io.out(`${path}: schema version ${version}`);
      return 0;
    },
    { create: true },
  );
}

export async function runBackup(io: CommandIo): Promise<number> {
  const parsed = parseServerCommand(io, "Usage: tocsin backup <file> [options]\n\nWrites a consistent copy of the database while the daemon runs (VACUUM INTO).\nRefuses to overwrite an existing file.\n\nexample: tocsin backup /backups/tocsin-2026-01-15.db --data-dir /var/lib/tocsin");
  if (parsed.kind === "exit") return parsed.status;
  const [target, ...extra] = parsed.positionals;
  if (target === undefined || extra.length > 0) {
    io.err("usage: tocsin backup <file> [options]");
    return EXIT_USAGE;
  }
  const path = resolve(target);
  if (existsSync(path)) {
    io.err(`tocsin backup: ${path} already exists; refusing to overwrite it`);
    return EXIT_USAGE;
  }
  return withDataDir(io, parsed.config, (store) => {
    try {
      store.backupTo(path);
    } catch (e) {
      io.err(`tocsin backup: ${(e as Error).message}`);
      return 1;
    }
    io.out(`backup written to ${path}`);
    return 0;
  });
}

export async function runCheckConfig(io: CommandIo): Promise<number> {
  const usage = "Usage: tocsin check-config [--config tocsin.toml] [options]\n\nValidates the configuration (flags, environment, file) and lists every problem.\n\nexample: tocsin check-config --config /etc/tocsin.toml";
  const { validateDeclared } = await import("../config-file/load.ts");
  const parsed = parseServerCommand(io, usage, (declared, file) => validateDeclared(declared, file, io.now()));
  if (parsed.kind === "exit") return parsed.status;
  const { configFile, declared } = parsed.config;
  const problems = configFile === null ? [] : validateDeclared(declared, configFile, io.now());
  if (problems.length > 0) {
    io.err("tocsin: invalid configuration:");
    for (const p of problems) io.err(`  - ${p}`);
    return EXIT_USAGE;
  }
  io.out(`configuration is valid${parsed.config.configFile ? ` (${parsed.config.configFile})` : ""}`);
  return 0;
}
