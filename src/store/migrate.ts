// Numbered, append-only migrations tracked by PRAGMA user_version, each in its own transaction.
// A migration that rebuilds a table (SQLite cannot alter a CHECK constraint or a column in place)
// declares it on its first line, and then runs as https://www.sqlite.org/lang_altertable.html
// (section 7) requires: foreign keys off outside the transaction (inside one the pragma does
// nothing, and DROP TABLE would cascade into every referencing table), PRAGMA foreign_key_check
// before the commit, foreign keys back on after it.
//
// A version may also have a code step: arithmetic SQL cannot do (a back-fill), run right after
// that version's SQL in the same transaction, so it happens exactly once.
import type { Database } from "bun:sqlite";
import type { Migration } from "../assets.ts";
import { backfillUptime } from "./uptime-backfill.ts";

export type MigrateResult =
  | { readonly ok: true; readonly from: number; readonly to: number }
  | { readonly ok: false; readonly error: string };

/** Code steps by the version they complete. */
const CODE_STEPS: Readonly<Record<number, (db: Database) => void>> = {
  3: backfillUptime,
};

export function schemaVersion(db: Database): number {
  return (db.query("PRAGMA user_version").get() as { user_version: number }).user_version;
}

/** First line of a migration that must run with foreign keys off (table rebuilds). */
export const FOREIGN_KEYS_OFF = "-- migrate: foreign_keys off";

export function needsForeignKeysOff(sql: string): boolean {
  return sql.split("\n", 1)[0]!.trim() === FOREIGN_KEYS_OFF;
}

export function migrate(db: Database, migrations: readonly Migration[]): MigrateResult {
  const from = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    // a newer Tocsin wrote this file: touching it could destroy data this version does not know
    return {
      ok: false,
      error: `database schema version ${from} is newer than this Tocsin understands (${latest}); run a newer Tocsin or restore a backup`,
    };
  }
  for (const m of migrations) {
    if (m.version <= from) continue;
    if (needsForeignKeysOff(m.sql)) withoutForeignKeys(db, () => apply(db, m, true));
    else apply(db, m, false);
  }
  return { ok: true, from, to: Math.max(from, latest) };
}

function apply(db: Database, m: Migration, checkForeignKeys: boolean): void {
  db.transaction(() => {
    db.exec(m.sql);
    CODE_STEPS[m.version]?.(db);
    if (checkForeignKeys) {
      const broken = db.query("PRAGMA foreign_key_check").all();
      // a bug in the migration: throwing rolls all of it back
      if (broken.length > 0) throw new Error(`migration ${m.version} (${m.name}) leaves ${broken.length} rows with dangling foreign keys, e.g. ${JSON.stringify(broken[0])}`);
    }
    // PRAGMA takes no bound parameters; version is a parsed integer
    db.exec(`PRAGMA user_version = ${Math.trunc(m.version)}`);
  })();
}

function withoutForeignKeys(db: Database, fn: () => void): void {
  const was = (db.query("PRAGMA foreign_keys").get() as { foreign_keys: number }).foreign_keys === 1;
  db.exec("PRAGMA foreign_keys = OFF");
  try {
    fn();
  } finally {
    if (was) db.exec("PRAGMA foreign_keys = ON");
  }
}
