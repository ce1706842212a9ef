// The daemon's data-directory lock seen from outside: a write transaction the daemon keeps open in
// `tocsin.lock` (SPEC §2, one daemon per data directory). Taking the same transaction both proves
// that no daemon holds the directory and keeps one from starting until it is released.
import { Database, SQLiteError } from "bun:sqlite";
import { existsSync } from "node:fs";

export type LockProbe = { readonly held: false; release(): void } | { readonly held: true; readonly pid: number | null };

/** SQLITE_BUSY (primary result code): another connection holds the lock. */
const BUSY = 5;

/** Takes the lock in `path` for as long as the caller needs it, or says which PID holds it. */
export function probeLock(path: string): LockProbe {
  // no file: no daemon of a version with the lock has ever run here
  if (!existsSync(path)) return { held: false, release: () => {} };
  const db = new Database(path, { readwrite: true, strict: true });
  try {
    db.exec("PRAGMA busy_timeout = 0");
    db.exec("BEGIN IMMEDIATE");
  } catch (e) {
    if (!(e instanceof SQLiteError && (e.errno & 0xff) === BUSY)) {
      db.close();
      throw e;
    }
    const pid = holderPid(db);
    db.close();
    return { held: true, pid };
  }
  return {
    held: false,
    release: () => {
      if (db.inTransaction) db.exec("ROLLBACK");
      db.close();
    },
  };
}

function holderPid(db: Database): number | null {
  try {
    return (db.query("SELECT pid FROM holder").get() as { pid: number } | null)?.pid ?? null;
  } catch {
    // the holder is committing its PID at this very moment
    return null;
  }
}
