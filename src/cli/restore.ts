// `tocsin restore <file>`: puts a backup (from `tocsin backup`) in place of the data directory's
// database. Only while no daemon uses the directory; the file is checked (SQLite can read it,
// quick_check, a schema this Tocsin understands) before anything is replaced; the replaced database
// is kept beside it; and the swap is atomic: the backup is copied to a temporary file in the data
// directory, synced, and renamed over tocsin.db, so a crash leaves either the old or the new one.
import { chmodSync, closeSync, constants, copyFileSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, statSync, unlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { checkBackup } from "../store/backup-check.ts";
import { DATABASE_FILE_MODE } from "../store/db.ts";
import { claimStoppedDataDir } from "./daemon-running.ts";
import { type CommandIo, EXIT_USAGE } from "./io.ts";
import { parseServerCommand } from "./server-config.ts";

const USAGE = `Usage: tocsin restore <file> [options]

Replaces the data directory's database (--data-dir) with a backup written by "tocsin backup".
Refused while a daemon uses the directory: stop it first, start it again after. The file is
checked first; the replaced database is kept beside it as tocsin.db.before-restore-<time>.

example: tocsin restore /backups/tocsin-2026-12-01.db --data-dir /var/lib/tocsin`;

/** SQLite's companions of a database file: a WAL left beside the new file would be replayed into it. */
const COMPANIONS = ["-wal", "-shm", "-journal"] as const;

export async function runRestore(io: CommandIo): Promise<number> {
  const parsed = parseServerCommand(io, USAGE);
  if (parsed.kind === "exit") return parsed.status;
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) {
    io.err("usage: tocsin restore <file> [options]");
    return EXIT_USAGE;
  }
  const source = resolve(file);
  if (!existsSync(source) || !statSync(source).isFile()) {
    io.err(`tocsin restore: ${source} is not a file`);
    return EXIT_USAGE;
  }
  const dir = resolve(parsed.config.dataDir);
  const live = join(dir, "tocsin.db");
  if (!existsSync(dir)) {
    // a new installation restored from its backup: the directory as serve would make it
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }
  const claim = claimStoppedDataDir(dir, live);
  if (claim.running) {
    io.err(`tocsin restore: ${dir} is in use${claim.pid === null ? "" : ` by PID ${claim.pid}`}; stop the daemon, restore, then start it again`);
    return EXIT_USAGE;
  }
  try {
    return restoreInto(io, source, dir, stamp(io.now()));
  } finally {
    claim.release();
  }
}

function restoreInto(io: CommandIo, source: string, dir: string, at: string): number {
  const live = join(dir, "tocsin.db");
  const temp = join(dir, `.tocsin.db.restore-${at}`);
  try {
    copyFileSync(source, temp, constants.COPYFILE_EXCL);
    chmodSync(temp, DATABASE_FILE_MODE);
    const checked = checkBackup(temp);
    if (!checked.ok) {
      removeWithCompanions(temp);
      io.err(`tocsin restore: refusing ${source}: ${checked.error}`);
      return EXIT_USAGE;
    }
    removeCompanions(temp);
    syncFile(temp);
    const kept = existsSync(live) ? keepReplaced(live, join(dir, `tocsin.db.before-restore-${at}`)) : null;
    renameSync(temp, live);
    syncFile(dir);
    io.out(`restored ${source} into ${live} (schema version ${checked.version})`);
    if (kept) io.out(`the replaced database is kept as ${kept}`);
    if (checked.version < checked.latest) io.out(`the next start brings its schema up to date (version ${checked.latest})`);
    return 0;
  } catch (e) {
    removeWithCompanions(temp);
    io.err(`tocsin restore: ${(e as Error).message}`);
    return 1;
  }
}

/**
 * Keeps the database about to be replaced as `kept`, with its WAL (whatever the last daemon had not
 * yet checkpointed), and clears the live name's companions. A hard link keeps tocsin.db in place
 * until the rename replaces it, so no moment exists without a database (a start then would make an
 * empty one).
 */
function keepReplaced(live: string, kept: string): string {
  try {
    linkSync(live, kept);
  } catch {
    copyFileSync(live, kept, constants.COPYFILE_EXCL);
  }
  chmodSync(kept, DATABASE_FILE_MODE);
  // a journal belongs to the file it was written for: it goes with the kept copy, never the new one
  for (const suffix of ["-wal", "-journal"]) if (existsSync(live + suffix)) renameSync(live + suffix, kept + suffix);
  removeCompanions(live);
  return kept;
}

function removeWithCompanions(path: string): void {
  if (existsSync(path)) unlinkSync(path);
  removeCompanions(path);
}

function removeCompanions(path: string): void {
  for (const suffix of COMPANIONS) if (existsSync(path + suffix)) unlinkSync(path + suffix);
}

/** Data (or a directory entry) on disk before the next step relies on it. */
function syncFile(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** 20260115T120000Z: sortable, and safe in a file name. */
function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
}
