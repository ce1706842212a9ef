// WAL checkpoints move to a worker thread while commits come often (src/store/checkpointer.ts).
import { statSync } from "node:fs";
import { describe, expect, test } from "bun:test";
import { CHECKPOINT_EVERY_MS } from "../../src/store/checkpointer.ts";
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
});
