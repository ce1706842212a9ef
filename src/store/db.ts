// Opening the one SQLite file every part of Tocsin shares (used by store.ts only).
import { Database } from "bun:sqlite";
import { chmodSync, closeSync, existsSync, openSync, unlinkSync } from "node:fs";

export type SyncMode = "normal" | "full";

/**
 * The database, its WAL and shared-memory files and backups hold job output (ping bodies may hold
 * secrets): owner only, whatever the umask (SPEC §2). SQLite gives -wal and -shm the mode of the
 * database file when it creates them; files left by an older version are tightened on open.
 */
export const DATABASE_FILE_MODE = 0o600;

/**
 * A ping commits two pages, its check's row and its log's leaf (see migration 0009), and the WAL
 * writes each whole: 2 KiB pages halve what SQLite's 4 KiB default writes per ping (SPEC §11,
 * measured with bench/disk.ts), at the cost of a little more b-tree depth on large tables.
 */
export const NEW_DATABASE_PAGE_SIZE = 2048;


/**
 * WAL with synchronous=NORMAL keeps every committed transaction across a process crash
 * (kill -9); FULL also across power loss, at some cost in commit latency (SPEC §1.3).
 */
export function openDatabase(path: string, sync: SyncMode = "normal", busyTimeoutMs = 5000, create = true): Database {
  const onDisk = path !== ":memory:" && path !== "";
  // created by us with the mode first, so it never exists with a wider one, even for a moment
  if (onDisk && create) closeSync(openSync(path, "a", DATABASE_FILE_MODE));
  const db = new Database(path, { create, readwrite: true, strict: true });
  // a page size takes effect only before the first table exists and outside WAL mode: new
  // databases only (an existing one keeps the size it was made with)
  db.exec(`PRAGMA page_size = ${NEW_DATABASE_PAGE_SIZE}`);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec(`PRAGMA synchronous = ${sync === "full" ? "FULL" : "NORMAL"}`);
  db.exec("PRAGMA foreign_keys = ON");
  // readers and a backup may briefly hold locks; wait instead of failing
  db.exec(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  if (onDisk) for (const file of [path, `${path}-wal`, `${path}-shm`]) tighten(file);
  return db;
}

function tighten(file: string): void {
  try {
    chmodSync(file, DATABASE_FILE_MODE);
  } catch (e) {
    // -wal/-shm come and go with connections; a file someone else owns stays as it is
    if ((e as NodeJS.ErrnoException).code !== "ENOENT" && (e as NodeJS.ErrnoException).code !== "EPERM") throw e;
  }
}

export function databaseAnswers(db: Database): boolean {
  try {
    return db.query("SELECT 1 AS one").get() !== null;
  } catch {
    return false;
  }
}

/**
 * VACUUM INTO a new file. The file is created first (exclusively, 0600): VACUUM INTO accepts an
 * empty file, would create a missing one with the umask's mode, and must never replace one.
 */
export function backupTo(db: Database, target: string): void {
  closeSync(openSync(target, "wx", DATABASE_FILE_MODE));
  try {
    db.query("VACUUM INTO ?").run(target);
  } catch (e) {
    if (existsSync(target)) unlinkSync(target);
    throw e;
  }
  tighten(target);
}
