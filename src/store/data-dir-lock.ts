// One daemon per data directory (SPEC §2). The lock is SQLite's own: `tocsin.lock` is a small
// database in which the daemon keeps a write transaction open for as long as it runs. The
// operating system drops the lock however the process ends (kill -9 included), so a lock is never
// stale; a second daemon's write transaction is refused at once, and it reads the holder's PID,
// which the holder committed just before taking its lasting transaction.
import { Database, SQLiteError } from "bun:sqlite";
import { join } from "node:path";

export const LOCK_FILE = "tocsin.lock";

export interface DataDirLock {
  /** Ends the transaction and closes the file; the next daemon may start. */
  release(): void;
}

export type LockResult =
  | { readonly ok: true; readonly lock: DataDirLock }
  /** `holder`: the PID of the daemon holding the directory, when it could be read */
  | { readonly ok: false; readonly holder: number | null };

/** SQLITE_BUSY: another connection holds the lock. */
const BUSY = 5;
/** Rounds of "publish my PID, then hold" before giving up on a start race with another daemon. */
const ATTEMPTS = 5;

/**
 * Takes the lock of `dir` for the process `pid`. Each round commits `pid` and then opens the
 * lasting transaction; if another daemon committed its PID in between, the round is undone and
 * tried again, so the PID others read is always the holder's.
 */
export function lockDataDir(dir: string, pid: number): LockResult {
  const db = new Database(join(dir, LOCK_FILE), { create: true, strict: true });
  try {
    db.exec("PRAGMA busy_timeout = 0");
    db.exec("CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL)");
    for (let i = 0; i < ATTEMPTS; i++) {
      if (!begin(db)) return refused(db, pid);
      db.exec("DELETE FROM holder");
      db.query("INSERT INTO holder (pid) VALUES (?)").run(pid);
      db.exec("COMMIT");
      if (!begin(db)) return refused(db, pid);
      if (holderPid(db) === pid) return { ok: true, lock: { release: () => release(db) } };
      db.exec("ROLLBACK");
    }
    return refused(db, pid);
  } catch (e) {
    db.close();
    throw e;
  }
}

function begin(db: Database): boolean {
  try {
    db.exec("BEGIN IMMEDIATE");
    return true;
  } catch (e) {
    if (e instanceof SQLiteError && (e.errno & 0xff) === BUSY) return false;
    throw e;
  }
}

function refused(db: Database, self: number): LockResult {
  let holder: number | null = null;
  try {
    holder = holderPid(db);
  } catch {
    // the holder is committing at this very moment: its PID is not readable, only its lock
  }
  db.close();
  return { ok: false, holder: holder === self ? null : holder };
}

function holderPid(db: Database): number | null {
  return (db.query("SELECT pid FROM holder").get() as { pid: number } | null)?.pid ?? null;
}

function release(db: Database): void {
  if (db.inTransaction) db.exec("ROLLBACK");
  db.close();
}
