// The daemon's lock as commands that must not run beside a daemon see it: a write transaction kept
// open in tocsin.lock, with the holder's PID committed in it.
import { Database } from "bun:sqlite";
import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { probeLock } from "../../src/store/lock-probe.ts";

function aHeldLock(pid: number) {
  const path = join(mkdtempSync("/tmp/tocsin-lock-"), "tocsin.lock");
  const daemon = new Database(path, { create: true });
  daemon.exec("CREATE TABLE holder (pid INTEGER NOT NULL)");
  daemon.query("INSERT INTO holder (pid) VALUES (?)").run(pid);
  daemon.exec("BEGIN IMMEDIATE");
  return { path, stop: () => (daemon.exec("ROLLBACK"), daemon.close()) };
}

describe("lock probe", () => {
  test("names the PID of the daemon holding the lock", () => {
    const lock = aHeldLock(4242);
    expect(probeLock(lock.path)).toEqual({ held: true, pid: 4242 });
    lock.stop();
  });

  test("once the daemon is gone, takes the lock so that none can start until released", () => {
    const lock = aHeldLock(4242);
    lock.stop();
    const probe = probeLock(lock.path);
    expect(probe.held).toBe(false);
    const starting = new Database(lock.path);
    starting.exec("PRAGMA busy_timeout = 0");
    expect(() => starting.exec("BEGIN IMMEDIATE")).toThrow();
    if (!probe.held) probe.release();
    starting.exec("BEGIN IMMEDIATE");
    starting.exec("ROLLBACK");
    starting.close();
  });

  test("a directory without a lock file has no daemon of a version with the lock", () => {
    const probe = probeLock(join(mkdtempSync("/tmp/tocsin-lock-"), "tocsin.lock"));
    expect(probe.held).toBe(false);
  });
});
