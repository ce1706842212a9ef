// WAL checkpoints move to a worker thread while commits come often (src/store/checkpointer.ts).
import { statSync } from "node:fs";
import { describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { BUSY_COMMITS_PER_SECOND, CACHE_KIB, CHECKPOINT_EVERY_MS, IDLE_AFTER_MS, WalCheckpointer } from "../../src/store/checkpointer.ts";
import { migratedStore, tempDbPath } from "../support/db.ts";

describe("checkpoints while commits are frequent", () => {
  test("a burst of commits is copied into the database between bursts, so the WAL is reused instead of growing", async () => {
    const path = tempDbPath();
    const store = migratedStore(path);
    const burst = (from: number) => {
      for (let i = from; i < from + 100; i++) store.write((tx) => tx.setMeta("counter", String(i)));
    };
    burst(0);
    const afterFirst = statSync(`${path}-wal`).size;
    // the worker checkpoints on its timer; the next write then starts the WAL over from its beginning
    await Bun.sleep(CHECKPOINT_EVERY_MS * 3);
    burst(100);
    const afterSecond = statSync(`${path}-wal`).size;
    // 200 commits of a page or two stay under SQLite's own 1 000-page threshold: without the
    // worker nothing would be checkpointed and the second burst would grow the file by half
    expect(afterSecond).toBeLessThanOrEqual(afterFirst);
    expect(store.read((tx) => tx.getMeta("counter"))).toBe("199");
    store.close();
  });

  test("the page cache grows while commits are frequent and returns to SQLite's default when they stop", async () => {
    const path = tempDbPath();
    migratedStore(path).close();
    const db = new Database(path);
    let now = 0;
    const checkpointer = new WalCheckpointer(db, path, () => now);
    const cacheKib = () => -(db.query("PRAGMA cache_size").get() as { cache_size: number }).cache_size;
    try {
      for (let i = 0; i < BUSY_COMMITS_PER_SECOND - 1; i++) checkpointer.committed();
      expect(cacheKib()).toBe(CACHE_KIB.idle);
      checkpointer.committed();
      expect(cacheKib()).toBe(CACHE_KIB.busy);
      // quiet for longer than the idle time: the tick after the last checkpoint hands back to SQLite's defaults
      now += IDLE_AFTER_MS + 1;
      await Bun.sleep(CHECKPOINT_EVERY_MS * 4);
      expect(cacheKib()).toBe(CACHE_KIB.idle);
    } finally {
      checkpointer.stop();
      db.close();
    }
  });
});
