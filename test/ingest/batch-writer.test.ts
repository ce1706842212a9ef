import { describe, expect, test } from "bun:test";
import { BatchFailedError, BatchWriter } from "../../src/ingest/batch-writer.ts";
import { Database } from "bun:sqlite";
import { migratedStore, tempDbPath } from "../support/db.ts";

function setup(options = { maxBatch: 100, maxDelayMs: 0 }, path = ":memory:", busyTimeoutMs?: number) {
  const store = migratedStore(path, busyTimeoutMs === undefined ? {} : { busyTimeoutMs });
  const committed: number[][] = [];
  // what the items of the batch being written produced; published once it commits
  let outputs: number[] = [];
  const writer = new BatchWriter<number, number>(
    store,
    (tx, n) => {
      if (n < 0) throw new Error(`bad item ${n}`);
      tx.setMeta(`k${n}`, "v");
      outputs.push(n * 2);
      return n * 2;
    },
    () => {
      committed.push(outputs);
      outputs = [];
    },
    options,
  );
  const keys = (): string[] => store.read((tx) => tx.tableRows("meta")).map((r) => r.key as string);
  return { store, writer, committed, keys };
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
    // Tocsin waits only 10 ms for a lock held by someone else
    const { writer, keys } = setup(undefined, path, 10);
    const other = new Database(path);
    other.run("BEGIN IMMEDIATE");
    const results = await Promise.allSettled([1, 2].map((n) => writer.submit(n)));
    other.run("ROLLBACK");
    other.close();
    expect(results.every((r) => r.status === "rejected" && r.reason instanceof BatchFailedError)).toBe(true);
    expect(keys()).toEqual([]);
  });
});
