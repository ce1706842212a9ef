// What `tocsin restore` checks of a file before it replaces the database: that SQLite can read it,
// that `PRAGMA quick_check` finds nothing damaged, and that a Tocsin wrote it with a schema this
// Tocsin understands (the next start brings an older one up to date).
import { Database } from "bun:sqlite";
import { loadMigrations } from "../assets.ts";

export type BackupCheck = { readonly ok: true; readonly version: number; readonly latest: number } | { readonly ok: false; readonly error: string };

export function checkBackup(path: string): BackupCheck {
  let db: Database;
  try {
    db = new Database(path, { readwrite: true, create: false, strict: true });
  } catch (e) {
    return { ok: false, error: `cannot open it: ${(e as Error).message}` };
  }
  try {
    const latest = loadMigrations().at(-1)?.version ?? 0;
    const rows = db.query("PRAGMA quick_check").all() as Record<string, string>[];
    const answer = rows.map((r) => Object.values(r)[0]).join("; ");
    if (answer !== "ok") return { ok: false, error: `it is damaged (PRAGMA quick_check: ${answer.slice(0, 300)})` };
    const version = (db.query("PRAGMA user_version").get() as { user_version: number }).user_version;
    if (version === 0) return { ok: false, error: "it is not a Tocsin database (schema version 0)" };
    if (version > latest) return { ok: false, error: `its schema version ${version} is newer than this Tocsin understands (${latest}); restore it with a newer Tocsin` };
    return { ok: true, version, latest };
  } catch (e) {
    // "file is not a database" and the like
    return { ok: false, error: `it is not a readable SQLite database (${(e as Error).message})` };
  } finally {
    db.close();
  }
}
