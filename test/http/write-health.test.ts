// /api/v3/status/ tells the truth about writes (SPEC §2): while the database refuses writes (a full
// disk, a lock held elsewhere) it answers 503 with the reason, and the first failure and the
// recovery are each logged once, however many requests fail in between.
import { Database } from "bun:sqlite";
import { expect, test } from "bun:test";
import { createLogger } from "../../src/log.ts";
import { migratedStore, tempDbPath } from "../support/db.ts";
import { aWorld } from "../support/world.ts";

function aLoggedWorld(path: string) {
  const lines: { level: string; msg: string; [k: string]: unknown }[] = [];
  const log = createLogger("json", (line) => lines.push(JSON.parse(line)));
  // Tocsin waits only 20 ms for a lock held by someone else
  const w = aWorld({ store: migratedStore(path, { busyTimeoutMs: 20 }), log });
  const status = async () => {
    const res = await w.request("/api/v3/status/");
    return [res.status, await res.text()] as const;
  };
  return { w, lines, status };
}

test("while writes fail the status endpoint answers 503 with the reason, and OK again once a write succeeds", async () => {
  const path = tempDbPath();
  const { w, lines, status } = aLoggedWorld(path);
  const check = w.addCheck();
  expect(await status()).toEqual([200, "OK"]);
  // another process holds the write lock longer than Tocsin waits: every write fails, reads answer
  const other = new Database(path);
  other.run("BEGIN IMMEDIATE");
  const refused = [];
  for (let i = 0; i < 5; i++) refused.push((await w.request(`/ping/${check.uuid}`)).status);
  expect(refused).toEqual([503, 503, 503, 503, 503]);
  expect(await status()).toEqual([503, "database writes are failing: the database is locked by another connection"]);
  other.run("COMMIT");
  other.close();
  expect((await w.request(`/ping/${check.uuid}`)).status).toBe(200);
  expect(await status()).toEqual([200, "OK"]);
  // one line when the failures began, one when they ended
  expect(lines.filter((l) => l.msg.startsWith("database writes")).map(({ level, msg, reason, failedWrites }) => ({ level, msg, reason, failedWrites }))).toEqual([
    { level: "error", msg: "database writes are failing", reason: "the database is locked by another connection", failedWrites: undefined },
    { level: "info", msg: "database writes succeed again", reason: "the database is locked by another connection", failedWrites: 5 },
  ]);
});

test("a transaction that throws for its own reasons says nothing about the database", async () => {
  const { w, lines, status } = aLoggedWorld(tempDbPath());
  expect(() =>
    w.store.write(() => {
      throw new Error("a bug in the caller");
    }),
  ).toThrow("a bug in the caller");
  expect(await status()).toEqual([200, "OK"]);
  expect(lines).toEqual([]);
});
