// Whether the database takes writes (SPEC §2): the outcome of the last write transaction, so that
// /api/v3/status/ can say "writes are failing" while a full disk refuses every commit although
// reads still answer. Listeners hear of each change once: the first failure and the recovery.
import { SQLiteError } from "bun:sqlite";

export type WriteHealth =
  | { readonly ok: true }
  /** `reason` says what the database answered; `failedWrites` counts writes refused since the first */
  | { readonly ok: false; readonly reason: string; readonly failedWrites: number };

export type WriteHealthListener = (now: WriteHealth, before: WriteHealth) => void;

/**
 * SQLite's primary result codes that mean the database cannot take writes, with what to tell an
 * operator. Other errors (a constraint, a bug in the transaction's own code) say nothing about
 * the database and leave the health as it was.
 */
const OUTAGES: ReadonlyMap<number, string> = new Map([
  [5, "the database is locked by another connection"], // SQLITE_BUSY
  [6, "a table is locked"], // SQLITE_LOCKED
  [7, "out of memory"], // SQLITE_NOMEM
  [8, "the database is read-only"], // SQLITE_READONLY
  [10, "disk I/O error"], // SQLITE_IOERR
  [11, "the database file is damaged"], // SQLITE_CORRUPT
  [13, "the disk is full"], // SQLITE_FULL
  [14, "the database file cannot be opened"], // SQLITE_CANTOPEN
  [15, "the database lock protocol failed"], // SQLITE_PROTOCOL
  [26, "the file is not a database"], // SQLITE_NOTADB
]);

/** What the failure says about the database, or null when it is not an outage. */
export function outageReason(error: unknown): string | null {
  if (!(error instanceof SQLiteError)) return null;
  // extended codes (SQLITE_IOERR_WRITE = 778) carry the primary code in their low byte
  return OUTAGES.get(error.errno & 0xff) ?? null;
}

export class WriteHealthTracker {
  private health: WriteHealth = { ok: true };
  private readonly listeners: WriteHealthListener[] = [];

  get current(): WriteHealth {
    return this.health;
  }

  listen(listener: WriteHealthListener): void {
    this.listeners.push(listener);
  }

  succeeded(): void {
    if (!this.health.ok) this.change({ ok: true });
  }

  failed(error: unknown): void {
    const reason = outageReason(error);
    if (reason === null) return;
    const before = this.health;
    if (!before.ok && before.reason === reason) this.health = { ...before, failedWrites: before.failedWrites + 1 };
    else this.change({ ok: false, reason, failedWrites: before.ok ? 1 : before.failedWrites + 1 });
  }

  private change(next: WriteHealth): void {
    const before = this.health;
    this.health = next;
    for (const l of this.listeners) l(next, before);
  }
}
