// A real, migrated SQLite store for tests: in memory, or a file when two connections must share it.
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { loadMigrations } from "../../src/assets.ts";
import { openStore, type Project, type Store, type StoreOptions, type Tx } from "../../src/store/store.ts";

export function migratedStore(path = ":memory:", options: StoreOptions = {}): Store {
  const store = openStore(path, options);
  const result = store.migrate(loadMigrations());
  if (!result.ok) throw new Error(result.error);
  return store;
}

export function tempDbPath(): string {
  return join(mkdtempSync("/tmp/tocsin-test-"), "tocsin.db");
}

export function aProject(store: Store, slug = "default"): Project {
  return store.write((tx) => tx.createProject(slug, slug, 0).project);
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

/**
 * The store's functions outside read/write, for test set-up and inspection: each call runs (and
 * commits) on its own, as a single statement does.
 */
export function directTx(store: Store): Tx {
  return store.read((tx) => tx);
}
