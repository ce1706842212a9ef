// A real, migrated SQLite database for tests: in memory, or a file when two connections must share it.
import type { Database } from "bun:sqlite";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { loadMigrations } from "../../src/assets.ts";
import { openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { createProject, type Project } from "../../src/store/projects.ts";

export function migratedDb(path = ":memory:"): Database {
  const db = openDatabase(path);
  const result = migrate(db, loadMigrations());
  if (!result.ok) throw new Error(result.error);
  return db;
}

export function tempDbPath(): string {
  return join(mkdtempSync("/tmp/tocsin-test-"), "tocsin.db");
}

export function aProject(db: Database, slug = "default"): Project {
  return createProject(db, slug, slug, 0).project;
}

/** A settable clock: tests move time explicitly. */
export function settableClock(start: number) {
  let t = start;
  return {
    now: (): number => t,
    set: (ms: number): void => {
      t = ms;
    },
    advance: (ms: number): void => {
      t += ms;
    },
  };
}
