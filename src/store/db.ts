// Opening the one SQLite file every part of Tocsin shares (used by store.ts only).
import { Database } from "bun:sqlite";

export type SyncMode = "normal" | "full";

/**
 * WAL with synchronous=NORMAL keeps every committed transaction across a process crash
 * (kill -9); FULL also across power loss, at some cost in commit latency (SPEC §1.3).
 */
export function openDatabase(path: string, sync: SyncMode = "normal", busyTimeoutMs = 5000): Database {
  const db = new Database(path, { create: true, strict: true });
  db.exec("PRAGMA journal_mode = WAL");
  db.exec(`PRAGMA synchronous = ${sync === "full" ? "FULL" : "NORMAL"}`);
  db.exec("PRAGMA foreign_keys = ON");
  // readers and a backup may briefly hold locks; wait instead of failing
  db.exec(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  return db;
}

export function databaseAnswers(db: Database): boolean {
  try {
    return db.query("SELECT 1 AS one").get() !== null;
  } catch {
    return false;
  }
}

export function backupTo(db: Database, target: string): void {
  db.query("VACUUM INTO ?").run(target);
}
