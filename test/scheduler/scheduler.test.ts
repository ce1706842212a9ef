import type { Database } from "bun:sqlite";
import { describe, expect, test } from "bun:test";
import type { CheckEvent } from "../../src/core/types.ts";
import { applyEvent } from "../../src/ingest/apply-event.ts";
import { silentLogger } from "../../src/log.ts";
import { CronCache } from "../../src/scheduler/cron-cache.ts";
import { applyStartupGrace, lastAlive, markAlive } from "../../src/scheduler/liveness.ts";
import { Scheduler } from "../../src/scheduler/scheduler.ts";
import { insertCheck, type NewCheck } from "../../src/store/check-definitions.ts";
import { type Check, getCheckById } from "../../src/store/checks.ts";
import { listFlips } from "../../src/store/flips.ts";
import { aProject, migratedDb, settableClock, tempDbPath } from "../support/db.ts";

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const S = 1000;

function setup(db: Database = migratedDb(), start = T0) {
  const clock = settableClock(start);
  const crons = new CronCache();
  const project = aProject(db);
  const scheduler = new Scheduler({ db, log: silentLogger, now: clock.now, crons });
  const add = (c: Partial<NewCheck> = {}): Check => insertCheck(db, { projectId: project.id, uuid: crypto.randomUUID(), ...c }, clock.now());
  const send = (check: Check, event: CheckEvent): Check => {
    const applied = db.transaction(() => applyEvent(db, crons, getCheckById(db, check.id)!, event, clock.now())).immediate();
    scheduler.update(check.id, applied.check.downAt);
    return applied.check;
  };
  return { db, clock, crons, scheduler, add, send, reload: (c: Check) => getCheckById(db, c.id)! };
}

describe("deadline scheduler", () => {
  test("moves a pinged simple check down exactly once when its grace expires", () => {
    const { db, clock, scheduler, add, send, reload } = setup();
    const check = add({ timeout: 60, grace: 10 });
    send(check, { type: "success", rid: null });
    expect(reload(check).downAt).toBe(T0 + 70 * S);
    clock.set(T0 + 70 * S - 1);
    expect(scheduler.runDue()).toBe(0);
    expect(reload(check).status).toBe("up");
    clock.set(T0 + 70 * S + 400);
    expect(scheduler.runDue()).toBe(1);
    expect(scheduler.runDue()).toBe(0);
    clock.advance(3_600 * S);
    expect(scheduler.runDue()).toBe(0);
    const flips = listFlips(db, check.id).filter((f) => f.newStatus === "down");
    expect(flips).toHaveLength(1);
    expect(flips[0]).toMatchObject({ created: T0 + 70 * S, oldStatus: "up", reason: "timeout", silent: false });
    expect(reload(check)).toMatchObject({ status: "down", downAt: null });
  });

  test("writes one flip even when two schedulers run on the same database", () => {
    const path = tempDbPath();
    const a = setup(migratedDb(path));
    const check = a.add({ timeout: 60, grace: 0 });
    a.send(check, { type: "success", rid: null });
    const other = new Scheduler({ db: migratedDb(path), log: silentLogger, now: a.clock.now, crons: new CronCache() });
    a.scheduler.start();
    other.start();
    a.scheduler.stop();
    other.stop();
    a.clock.set(T0 + 61 * S);
    expect(a.scheduler.runDue() + other.runDue()).toBe(1);
    expect(listFlips(a.db, check.id).filter((f) => f.newStatus === "down")).toHaveLength(1);
  });

  test("loads the stored deadlines at start without recomputing them", () => {
    const { db, clock, add, send } = setup();
    const check = add({ timeout: 60, grace: 0 });
    send(check, { type: "success", rid: null });
    // a deadline written by an earlier run is taken as stored
    db.run("UPDATE checks SET down_at = ? WHERE id = ?", [T0 + 5 * S, check.id]);
    const fresh = new Scheduler({ db, log: silentLogger, now: clock.now, crons: new CronCache() });
    fresh.start();
    fresh.stop();
    expect(fresh.nextDeadline()).toBe(T0 + 5 * S);
    expect(fresh.pending).toBe(1);
  });

  test("leaves a check up when a ping moved its deadline after the scheduler read it", () => {
    const { db, clock, scheduler, add, send, reload } = setup();
    const check = add({ timeout: 60, grace: 0 });
    send(check, { type: "success", rid: null });
    clock.set(T0 + 50 * S);
    // the ping is committed without telling the scheduler, as a second process would
    db.transaction(() => applyEvent(db, new CronCache(), reload(check), { type: "success", rid: null }, clock.now())).immediate();
    clock.set(T0 + 61 * S);
    expect(scheduler.runDue()).toBe(0);
    expect(reload(check).status).toBe("up");
    expect(scheduler.nextDeadline()).toBe(T0 + 110 * S);
    clock.set(T0 + 110 * S);
    expect(scheduler.runDue()).toBe(1);
  });

  test("takes a started run on a new check down with reason runtime", () => {
    const { db, clock, scheduler, add, send } = setup();
    const check = add({ timeout: 3_600, grace: 60, maxRuntime: 30 });
    send(check, { type: "start", rid: null });
    clock.set(T0 + 30 * S);
    expect(scheduler.runDue()).toBe(1);
    expect(listFlips(db, check.id).at(-1)).toMatchObject({ oldStatus: "new", newStatus: "down", reason: "runtime", created: T0 + 30 * S });
  });

  test("evaluates cron checks in their time zone", () => {
    // 2021-03-27 02:00 in Riga (UTC+2) is 00:00 UTC; the next 03:00 local is 01:00 UTC
    const start = Date.UTC(2021, 2, 27, 0, 0, 0);
    const { db, clock, scheduler, add, send } = setup(migratedDb(), start);
    const check = add({ kind: "cron", schedule: "0 3 * * *", tz: "Europe/Riga", grace: 600 });
    send(check, { type: "success", rid: null });
    clock.set(Date.UTC(2021, 2, 27, 1, 10, 0) - 1);
    expect(scheduler.runDue()).toBe(0);
    clock.set(Date.UTC(2021, 2, 27, 1, 10, 0));
    expect(scheduler.runDue()).toBe(1);
    expect(listFlips(db, check.id).at(-1)!.created).toBe(Date.UTC(2021, 2, 27, 1, 10, 0));
  });

  test("keeps running when one check's evaluation throws, and retries that check later", () => {
    const db = migratedDb();
    const clock = settableClock(T0);
    const project = aProject(db);
    const broken = insertCheck(db, { projectId: project.id, uuid: crypto.randomUUID(), kind: "cron", schedule: "0 * * * *" }, T0);
    const fine = insertCheck(db, { projectId: project.id, uuid: crypto.randomUUID(), timeout: 60, grace: 0 }, T0);
    db.run("UPDATE checks SET status = 'up', last_ping = ?, down_at = ? WHERE id IN (?, ?)", [T0, T0 + 60 * S, broken.id, fine.id]);
    class ThrowingCrons extends CronCache {
      override forCheck(c: Parameters<CronCache["forCheck"]>[0]) {
        if (c.kind === "cron") throw new Error("schedule exploded");
        return super.forCheck(c);
      }
    }
    const errors: string[] = [];
    const log = { ...silentLogger, error: (m: string) => void errors.push(m) };
    const scheduler = new Scheduler({ db, log, now: clock.now, crons: new ThrowingCrons() });
    scheduler.start();
    scheduler.stop();
    clock.set(T0 + 60 * S);
    expect(scheduler.runDue()).toBe(1);
    expect(getCheckById(db, fine.id)!.status).toBe("down");
    expect(getCheckById(db, broken.id)!.status).toBe("up");
    expect(errors).toEqual(["check evaluation failed; retrying later"]);
    expect(scheduler.nextDeadline()).toBe(T0 + 120 * S);
  });

  test("wakes up by itself when the earliest deadline passes", async () => {
    const db = migratedDb();
    const project = aProject(db);
    const now = Date.now();
    const check = insertCheck(db, { projectId: project.id, uuid: crypto.randomUUID(), timeout: 1, grace: 0 }, now);
    const scheduler = new Scheduler({ db, log: silentLogger, now: () => Date.now(), crons: new CronCache() });
    scheduler.start();
    db.transaction(() => {
      const applied = applyEvent(db, new CronCache(), getCheckById(db, check.id)!, { type: "success", rid: null }, Date.now());
      scheduler.update(check.id, applied.check.downAt);
    }).immediate();
    const deadline = getCheckById(db, check.id)!.downAt!;
    for (let i = 0; i < 100 && getCheckById(db, check.id)!.status !== "down"; i++) await Bun.sleep(25);
    const flippedAt = Date.now();
    scheduler.stop();
    expect(getCheckById(db, check.id)!.status).toBe("down");
    expect(flippedAt - deadline).toBeLessThan(2_000);
  });
});

describe("startup grace", () => {
  test("postpones deadlines that fell while the daemon was down to boot + grace", () => {
    const { db, clock, scheduler, add, send, reload } = setup();
    const check = add({ timeout: 60, grace: 0 });
    send(check, { type: "success", rid: null });
    markAlive(db, T0 + 30 * S);
    // the daemon stops at T0+30s and comes back an hour later
    const boot = T0 + 3_600 * S;
    expect(applyStartupGrace(db, boot, 300)).toBe(1);
    expect(reload(check).downAt).toBe(boot + 300 * S);
    expect(lastAlive(db)).toBe(boot);
    const restarted = new Scheduler({ db, log: silentLogger, now: clock.now, crons: new CronCache() });
    restarted.start();
    restarted.stop();
    clock.set(boot + 299 * S);
    expect(restarted.runDue()).toBe(0);
    clock.set(boot + 300 * S);
    expect(restarted.runDue()).toBe(1);
    expect(listFlips(db, check.id).at(-1)).toMatchObject({ newStatus: "down", created: boot + 300 * S });
    void scheduler;
  });

  test("leaves deadlines after the boot and on a first start alone", () => {
    const { db, add, send, reload } = setup();
    const check = add({ timeout: 600, grace: 0 });
    send(check, { type: "success", rid: null });
    expect(applyStartupGrace(db, T0 + 60 * S, 300)).toBe(0); // first start: no alive record
    markAlive(db, T0 + 60 * S);
    expect(applyStartupGrace(db, T0 + 120 * S, 300)).toBe(0); // deadline T0+600s is after boot
    expect(reload(check).downAt).toBe(T0 + 600 * S);
  });
});
