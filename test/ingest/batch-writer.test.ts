import { describe, expect, test } from "bun:test";
import { BatchFailedError, BatchWriter } from "../../src/ingest/batch-writer.ts";
import { openDatabase } from "../../src/store/db.ts";
import { migratedDb, tempDbPath } from "../support/db.ts";

function setup(options = { maxBatch: 100, maxDelayMs: 0 }, path = ":memory:") {
  const db = migratedDb(path);
  const committed: number[][] = [];
  const writer = new BatchWriter<number, number>(
    db,
    (n) => {
      if (n < 0) throw new Error(`bad item ${n}`);
      db.run("INSERT INTO meta (key, value) VALUES (?, 'v')", [`k${n}`]);
      return n * 2;
    },
    (outs) => committed.push([...outs]),
    options,
  );
  const keys = (): string[] => (db.query("SELECT key FROM meta ORDER BY key").all() as { key: string }[]).map((r) => r.key);
  return { db, writer, committed, keys };
}

describe("batch writer", () => {
  test("items submitted together share one commit and are answered after it", async () => {
    const { writer, committed, keys } = setup();
    const results = await Promise.all([1, 2, 3].map((n) => writer.submit(n)));
    expect(results).toEqual([2, 4, 6]);
    expect(committed).toEqual([[2, 4, 6]]);
    expect(keys()).toEqual(["k1", "k2", "k3"]);
  });

  test("flushes as soon as a batch is full", async () => {
    const { writer, committed } = setup({ maxBatch: 2, maxDelayMs: 1_000 });
    await Promise.all([1, 2].map((n) => writer.submit(n)));
    expect(committed).toEqual([[2, 4]]);
  });

  test("a failing item fails alone and the others are committed", async () => {
    const { writer, keys } = setup();
    const results = await Promise.allSettled([1, -1, 3].map((n) => writer.submit(n)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(keys()).toEqual(["k1", "k3"]);
  });

  test("a batch whose transaction cannot start rejects every item and writes nothing", async () => {
    const path = tempDbPath();
    const { db, writer, keys } = setup(undefined, path);
    const other = openDatabase(path);
    db.run("PRAGMA busy_timeout = 10");
    other.run("BEGIN IMMEDIATE");
    const results = await Promise.allSettled([1, 2].map((n) => writer.submit(n)));
    other.run("ROLLBACK");
    other.close();
    expect(results.every((r) => r.status === "rejected" && r.reason instanceof BatchFailedError)).toBe(true);
    expect(keys()).toEqual([]);
  });
});
