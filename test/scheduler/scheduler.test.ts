import { describe, expect, test } from "bun:test";
import type { CheckEvent } from "../../src/core/types.ts";
import { applyEvent } from "../../src/ingest/apply-event.ts";
import { silentLogger } from "../../src/log.ts";
import { CronCache } from "../../src/core/cron-cache.ts";
import { applyStartupGrace, lastAlive, markAlive } from "../../src/scheduler/liveness.ts";
import { Scheduler } from "../../src/scheduler/scheduler.ts";
import { Changes } from "../../src/live/changes.ts";
import type { Check, NewCheck, Store } from "../../src/store/store.ts";
import { aProject, directTx, migratedStore, settableClock, tempDbPath } from "../support/db.ts";

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const S = 1000;

function setup(store: Store = migratedStore(), start = T0) {
  const clock = settableClock(start);
  const crons = new CronCache();
  const project = aProject(store);
  const tx = directTx(store);
  const scheduler = new Scheduler({ store, log: silentLogger, now: clock.now, crons, publish: (c) => publishTo(scheduler, c) });
  const add = (c: Partial<NewCheck> = {}): Check => tx.insertCheck({ projectId: project.id, uuid: crypto.randomUUID(), ...c }, clock.now());
  const send = (check: Check, event: CheckEvent): Check => {
    const applied = store.write((t) => applyEvent(t, crons, t.getCheckById(check.id)!, event, clock.now(), new Changes()));
    scheduler.update(check.id, applied.check.downAt);
    return applied.check;
  };
  return { store, tx, clock, crons, scheduler, add, send, reload: (c: Check) => tx.getCheckById(c.id)! };
}

/** What the post-commit path does for the scheduler: committed deadlines reach its heap. */
function publishTo(scheduler: Scheduler, changes: Changes): void {
  for (const { check } of changes.checks.values()) scheduler.update(check.id, check.downAt);
}

describe("deadline scheduler", () => {
  test("moves a pinged simple check down exactly once when its grace expires", () => {
    const { tx, clock, scheduler, add, send, reload } = setup();
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
    const flips = tx.listFlips(check.id).filter((f) => f.newStatus === "down");
    expect(flips).toHaveLength(1);
    expect(flips[0]).toMatchObject({ created: T0 + 70 * S, oldStatus: "up", reason: "timeout", silent: false });
    expect(reload(check)).toMatchObject({ status: "down", downAt: null });
  });

  test("writes one flip even when two schedulers run on the same database", () => {
    const path = tempDbPath();
    const a = setup(migratedStore(path));
    const check = a.add({ timeout: 60, grace: 0 });
    a.send(check, { type: "success", rid: null });
    const other = new Scheduler({ store: migratedStore(path), log: silentLogger, now: a.clock.now, crons: new CronCache(), publish: () => {} });
    a.scheduler.start();
    other.start();
    a.scheduler.stop();
    other.stop();
    a.clock.set(T0 + 61 * S);
    expect(a.scheduler.runDue() + other.runDue()).toBe(1);
    expect(a.tx.listFlips(check.id).filter((f) => f.newStatus === "down")).toHaveLength(1);
  });

  test("loads the stored deadlines at start without recomputing them", () => {
    const { store, tx, clock, add, send } = setup();
    const check = add({ timeout: 60, grace: 0 });
    const sent = send(check, { type: "success", rid: null });
    // a deadline written by an earlier run is taken as stored
    tx.saveStateIf(check.id, sent, { ...sent, downAt: T0 + 5 * S });
    const fresh = new Scheduler({ store, log: silentLogger, now: clock.now, crons: new CronCache(), publish: () => {} });
    fresh.start();
    fresh.stop();
    expect(fresh.nextDeadline()).toBe(T0 + 5 * S);
    expect(fresh.pending).toBe(1);
  });

  test("leaves a check up when a ping moved its deadline after the scheduler read it", () => {
    const { store, clock, scheduler, add, send, reload } = setup();
    const check = add({ timeout: 60, grace: 0 });
    send(check, { type: "success", rid: null });
    clock.set(T0 + 50 * S);
    // the ping is committed without telling the scheduler, as a second process would
    store.write((t) => applyEvent(t, new CronCache(), reload(check), { type: "success", rid: null }, clock.now(), new Changes()));
    clock.set(T0 + 61 * S);
    expect(scheduler.runDue()).toBe(0);
    expect(reload(check).status).toBe("up");
    expect(scheduler.nextDeadline()).toBe(T0 + 110 * S);
    clock.set(T0 + 110 * S);
    expect(scheduler.runDue()).toBe(1);
  });

  test("takes a started run on a new check down with reason runtime", () => {
    const { tx, clock, scheduler, add, send } = setup();
    const check = add({ timeout: 3_600, grace: 60, maxRuntime: 30 });
    send(check, { type: "start", rid: null });
    clock.set(T0 + 30 * S);
    expect(scheduler.runDue()).toBe(1);
    expect(tx.listFlips(check.id).at(-1)).toMatchObject({ oldStatus: "new", newStatus: "down", reason: "runtime", created: T0 + 30 * S });
  });

  test("evaluates cron checks in their time zone", () => {
    // 2021-03-27 02:00 in Riga (UTC+2) is 00:00 UTC; the next 03:00 local is 01:00 UTC
    const start = Date.UTC(2021, 2, 27, 0, 0, 0);
    const { tx, clock, scheduler, add, send } = setup(migratedStore(), start);
    const check = add({ kind: "cron", schedule: "0 3 * * *", tz: "Europe/Riga", grace: 600 });
    send(check, { type: "success", rid: null });
    clock.set(Date.UTC(2021, 2, 27, 1, 10, 0) - 1);
    expect(scheduler.runDue()).toBe(0);
    clock.set(Date.UTC(2021, 2, 27, 1, 10, 0));
    expect(scheduler.runDue()).toBe(1);
    expect(tx.listFlips(check.id).at(-1)!.created).toBe(Date.UTC(2021, 2, 27, 1, 10, 0));
  });

  test("keeps running when one check's evaluation throws, and retries that check later", () => {
    const store = migratedStore();
    const tx = directTx(store);
    const clock = settableClock(T0);
    const project = aProject(store);
    const broken = tx.insertCheck({ projectId: project.id, uuid: crypto.randomUUID(), kind: "cron", schedule: "0 * * * *" }, T0);
    const fine = tx.insertCheck({ projectId: project.id, uuid: crypto.randomUUID(), timeout: 60, grace: 0 }, T0);
    for (const c of [broken, fine]) tx.saveStateIf(c.id, c, { ...c, status: "up", lastPing: T0, downAt: T0 + 60 * S });
    class ThrowingCrons extends CronCache {
      override forCheck(c: Parameters<CronCache["forCheck"]>[0]) {
        if (c.kind === "cron") throw new Error("schedule exploded");
        return super.forCheck(c);
      }
    }
    const errors: string[] = [];
    const log = { ...silentLogger, error: (m: string) => void errors.push(m) };
    const scheduler = new Scheduler({ store, log, now: clock.now, crons: new ThrowingCrons(), publish: () => {} });
    scheduler.start();
    scheduler.stop();
    clock.set(T0 + 60 * S);
    expect(scheduler.runDue()).toBe(1);
    expect(tx.getCheckById(fine.id)!.status).toBe("down");
    expect(tx.getCheckById(broken.id)!.status).toBe("up");
    expect(errors).toEqual(["check evaluation failed; retrying later"]);
    expect(scheduler.nextDeadline()).toBe(T0 + 120 * S);
  });

  test("wakes up by itself when the earliest deadline passes", async () => {
    const store = migratedStore();
    const tx = directTx(store);
    const project = aProject(store);
    const now = Date.now();
    const check = tx.insertCheck({ projectId: project.id, uuid: crypto.randomUUID(), timeout: 1, grace: 0 }, now);
    const scheduler: Scheduler = new Scheduler({ store, log: silentLogger, now: () => Date.now(), crons: new CronCache(), publish: (c) => publishTo(scheduler, c) });
    scheduler.start();
    const applied = store.write((t) => applyEvent(t, new CronCache(), t.getCheckById(check.id)!, { type: "success", rid: null }, Date.now(), new Changes()));
    scheduler.update(check.id, applied.check.downAt);
    const deadline = tx.getCheckById(check.id)!.downAt!;
    for (let i = 0; i < 100 && tx.getCheckById(check.id)!.status !== "down"; i++) await Bun.sleep(25);
    const flippedAt = Date.now();
    scheduler.stop();
    expect(tx.getCheckById(check.id)!.status).toBe("down");
    expect(flippedAt - deadline).toBeLessThan(2_000);
  });
});

describe("startup grace", () => {
  test("postpones deadlines that fell while the daemon was down to boot + grace", () => {
    const { store, tx, clock, scheduler, add, send, reload } = setup();
    const check = add({ timeout: 60, grace: 0 });
    send(check, { type: "success", rid: null });
    markAlive(store, T0 + 30 * S);
    // the daemon stops at T0+30s and comes back an hour later
    const boot = T0 + 3_600 * S;
    expect(applyStartupGrace(store, boot, 300)).toBe(1);
    expect(reload(check).downAt).toBe(boot + 300 * S);
    expect(lastAlive(store)).toBe(boot);
    const restarted = new Scheduler({ store, log: silentLogger, now: clock.now, crons: new CronCache(), publish: () => {} });
    restarted.start();
    restarted.stop();
    clock.set(boot + 299 * S);
    expect(restarted.runDue()).toBe(0);
    clock.set(boot + 300 * S);
    expect(restarted.runDue()).toBe(1);
    expect(tx.listFlips(check.id).at(-1)).toMatchObject({ newStatus: "down", created: boot + 300 * S });
    void scheduler;
  });

  test("leaves deadlines after the boot and on a first start alone", () => {
    const { store, add, send, reload } = setup();
    const check = add({ timeout: 600, grace: 0 });
    send(check, { type: "success", rid: null });
    expect(applyStartupGrace(store, T0 + 60 * S, 300)).toBe(0); // first start: no alive record
    markAlive(store, T0 + 60 * S);
    expect(applyStartupGrace(store, T0 + 120 * S, 300)).toBe(0); // deadline T0+600s is after boot
    expect(reload(check).downAt).toBe(T0 + 600 * S);
  });
});
