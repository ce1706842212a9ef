// The ping path keeps the checks it wrote between batches (src/ingest/hot-checks.ts): every test
// here changes a check some other way between two pings and proves the second ping saw it.
import { describe, expect, test } from "bun:test";
import { definitionOf } from "../../src/store/check-model.ts";
import { migratedStore, tempDbPath } from "../support/db.ts";
import { aWorld } from "../support/world.ts";

describe("the checks the ping path keeps between batches", () => {
  test("a ping after a ping sees the first one's state and number", async () => {
    const w = aWorld();
    const check = w.addCheck({ timeout: 60, grace: 10 });
    expect((await w.request(`/ping/${check.uuid}/start`)).status).toBe(200);
    w.clock.advance(5_000);
    expect((await w.request(`/ping/${check.uuid}`)).status).toBe(200);
    const stored = w.reload(check);
    expect(stored.nPings).toBe(2);
    expect(stored.lastDuration).toBe(5);
    expect(w.pings(check).map((p) => p.n)).toEqual([1, 2]);
  });

  test("a check paused by another writer in this process between two pings stays paused: the second ping read the pause", async () => {
    const w = aWorld();
    const check = w.addCheck({ timeout: 60, grace: 10, manualResume: true });
    expect((await w.request(`/ping/${check.uuid}`)).status).toBe(200);
    w.setState(check, { status: "paused", downAt: null });
    expect((await w.request(`/ping/${check.uuid}`)).status).toBe(200);
    expect(w.reload(check)).toMatchObject({ status: "paused", nPings: 2 });
  });

  test("a definition changed in this process between two pings gives the second ping's deadline", async () => {
    const w = aWorld();
    const check = w.addCheck({ timeout: 60, grace: 10 });
    await w.request(`/ping/${check.uuid}`);
    w.setDefinition(check, { timeout: 3_600 });
    await w.request(`/ping/${check.uuid}`);
    expect(w.reload(check).downAt).toBe(w.clock.now() + 3_610_000);
  });

  test("a check another process changed between two pings is read anew by the second", async () => {
    const path = tempDbPath();
    const w = aWorld({ store: migratedStore(path) });
    const other = migratedStore(path);
    const check = w.addCheck({ timeout: 60, grace: 10 });
    await w.request(`/ping/${check.uuid}`);
    const current = w.reload(check);
    other.write((tx) => tx.updateCheckDefinition(check.id, { ...definitionOf(current), timeout: 7_200 }, current.downAt));
    await w.request(`/ping/${check.uuid}`);
    expect(w.reload(check)).toMatchObject({ nPings: 2, downAt: w.clock.now() + 7_210_000 });
    other.close();
  });
});
