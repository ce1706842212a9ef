// Numbered, append-only migrations tracked by PRAGMA user_version, each in its own transaction.
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
    db.transaction(() => {
      db.exec(m.sql);
      CODE_STEPS[m.version]?.(db);
      // PRAGMA takes no bound parameters; version is a parsed integer
      db.exec(`PRAGMA user_version = ${Math.trunc(m.version)}`);
    })();
  }
  return { ok: true, from, to: Math.max(from, latest) };
}
