import { describe, expect, test } from "bun:test";
import { computeDownAt, expectedAt } from "../../src/core/deadline.ts";
import { isOverloaded, isReplicaLate, overloadedReplicas, type Replica, type ReplicaPolicy, replicasDueAt } from "../../src/core/reporter.ts";
import { displayStatus } from "../../src/core/status.ts";
import { transition } from "../../src/core/transition.ts";
import type { CheckState } from "../../src/core/types.ts";
import { aCheck } from "../support/check-state.ts";

const S = 1000;
const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

const aReplica = (id: string, o: Partial<Replica> = {}): Replica => ({ id, lastReport: T0, interval: 60, load: { cpu: 0.2, ram: 0.3 }, ...o });
const aReporter = (o: Partial<CheckState> = {}): CheckState => aCheck({ kind: "reporter", grace: 30, ...o });

describe("the instant a reporter check's replicas are due", () => {
  test.each<{ name: string; replicas: Replica[]; policy: ReplicaPolicy; expected: number | null }>([
    { name: "is none without replicas", replicas: [], policy: "any", expected: null },
    { name: "is one replica's last report plus its interval", replicas: [aReplica("a")], policy: "any", expected: T0 + 60 * S },
    { name: "is the earliest replica under any", replicas: [aReplica("a"), aReplica("b", { lastReport: T0 + 20 * S, interval: 10 })], policy: "any", expected: T0 + 30 * S },
    { name: "is the latest replica under all", replicas: [aReplica("a"), aReplica("b", { lastReport: T0 + 20 * S, interval: 10 })], policy: "all", expected: T0 + 60 * S },
    { name: "follows each replica's own interval", replicas: [aReplica("a", { interval: 3600 }), aReplica("b", { interval: 10 })], policy: "all", expected: T0 + 3600 * S },
    { name: "rounds fractional intervals to the millisecond", replicas: [aReplica("a", { interval: 10.0005 })], policy: "any", expected: T0 + 10_001 },
  ])("$name", ({ replicas, policy, expected }) => {
    expect(replicasDueAt(replicas, policy)).toBe(expected);
  });

  test.each([
    { name: "is on time before interval + grace", now: T0 + 89 * S, late: false },
    { name: "is late from interval + grace on", now: T0 + 90 * S, late: true },
  ])("a replica $name", ({ now, late }) => {
    expect(isReplicaLate(aReplica("a"), 30, now)).toBe(late);
  });
});

describe("load thresholds", () => {
  test.each([
    { name: "no thresholds make nothing sick", max: { cpu: null, ram: null }, load: { cpu: 9, ram: 1 }, sick: false },
    { name: "cpu above its threshold is sick", max: { cpu: 1.5, ram: null }, load: { cpu: 1.6, ram: 0.1 }, sick: true },
    { name: "cpu equal to its threshold is not", max: { cpu: 1.5, ram: null }, load: { cpu: 1.5, ram: 0.1 }, sick: false },
    { name: "ram above its threshold is sick", max: { cpu: null, ram: 0.9 }, load: { cpu: 0, ram: 0.95 }, sick: true },
    { name: "a measure the replica did not send is never above", max: { cpu: 1, ram: 0.5 }, load: { cpu: null, ram: null }, sick: false },
  ])("$name", ({ max, load, sick }) => {
    expect(isOverloaded([aReplica("a", { load })], max)).toBe(sick);
  });

  test("names only the replicas above a threshold", () => {
    const replicas = [aReplica("a", { load: { cpu: 3, ram: 0 } }), aReplica("b"), aReplica("c", { load: { cpu: 0, ram: 0.99 } })];
    expect(overloadedReplicas(replicas, { cpu: 2, ram: 0.9 }).map((r) => r.id)).toEqual(["a", "c"]);
  });
});

describe("deadlines of a reporter check", () => {
  test("D is the replicas' combined due instant and down_at adds the check's grace", () => {
    const check = aReporter({ status: "up", lastPing: T0, replicasDue: T0 + 60 * S });
    expect(expectedAt(check, null)).toBe(T0 + 60 * S);
    expect(computeDownAt(check, null)).toEqual({ at: T0 + 90 * S, reason: "timeout" });
  });

  test("a reporter without replicas has no deadline", () => {
    expect(computeDownAt(aReporter({ status: "up", lastPing: T0, replicasDue: null }), null)).toBeNull();
  });

  test("shows late between D and down_at, down from down_at on", () => {
    const check = aReporter({ status: "up", lastPing: T0, replicasDue: T0 + 60 * S, downAt: T0 + 90 * S });
    expect(displayStatus(check, T0 + 59 * S, null)).toBe("up");
    expect(displayStatus(check, T0 + 60 * S, null)).toBe("grace");
    expect(displayStatus(check, T0 + 90 * S, null)).toBe("down");
  });
});

describe("a report in the state machine", () => {
  const now = T0 + 100 * S;
  test.each<{ name: string; check: CheckState; status: string; flip: { oldStatus: string; newStatus: string; silent: boolean } | null }>([
    { name: "brings a new check up silently", check: aReporter({ replicasDue: now + 60 * S }), status: "up", flip: { oldStatus: "new", newStatus: "up", silent: true } },
    { name: "keeps an up check up without a flip", check: aReporter({ status: "up", lastPing: T0, replicasDue: now + 60 * S }), status: "up", flip: null },
    { name: "recovers a down check with an alert once every needed replica is on time", check: aReporter({ status: "down", lastPing: T0, replicasDue: now + 60 * S }), status: "up", flip: { oldStatus: "down", newStatus: "up", silent: false } },
    { name: "leaves a down check down while another replica is still late", check: aReporter({ status: "down", lastPing: T0, replicasDue: now - 30 * S }), status: "down", flip: null },
    { name: "unpauses a paused check silently", check: aReporter({ status: "paused", lastPing: T0, replicasDue: now + 60 * S }), status: "up", flip: { oldStatus: "paused", newStatus: "up", silent: true } },
    { name: "is ignored by a paused check with manual resume", check: aReporter({ status: "paused", manualResume: true, replicasDue: now + 60 * S }), status: "paused", flip: null },
  ])("$name", ({ check, status, flip }) => {
    const result = transition(check, { type: "report" }, now, null);
    expect(result.check.status).toBe(status as CheckState["status"]);
    expect(result.flip === null ? null : { oldStatus: result.flip.oldStatus, newStatus: result.flip.newStatus, silent: result.flip.silent }).toEqual(flip as never);
  });

  test("an up check whose other replica is already late keeps a deadline in the past for the scheduler", () => {
    const result = transition(aReporter({ status: "up", lastPing: T0, replicasDue: now - 40 * S }), { type: "report" }, now, null);
    expect(result.check).toMatchObject({ status: "up", lastPing: now, downAt: now - 10 * S });
    expect(transition(result.check, { type: "due" }, now, null).flip).toMatchObject({ newStatus: "down", reason: "timeout", created: now - 10 * S });
  });

  test.each([
    { name: "an ordinary success ping", event: { type: "success", rid: null } as const },
    { name: "Cronitor's ok", event: { type: "ok" } as const },
  ])("$name leaves a down check down without a flip while a replica is still late, and records the ping", ({ event }) => {
    const result = transition(aReporter({ status: "down", lastPing: T0, replicasDue: now - 30 * S, lastStart: T0 }), event, now, null);
    expect(result.check).toMatchObject({ status: "down", lastPing: now, downAt: null });
    expect(result.flip).toBeNull();
  });

  test("an ordinary success ping recovers a down check once every needed replica is on time", () => {
    const result = transition(aReporter({ status: "down", lastPing: T0, replicasDue: now + 60 * S }), { type: "success", rid: null }, now, null);
    expect(result.check.status).toBe("up");
    expect(result.flip).toMatchObject({ oldStatus: "down", newStatus: "up", silent: false });
  });

  test("moves last_ping and the deadline even when the status stays down", () => {
    const result = transition(aReporter({ status: "down", lastPing: T0, replicasDue: now - 30 * S }), { type: "report" }, now, null);
    expect(result.check.lastPing).toBe(now);
    expect(result.check.downAt).toBeNull();
  });
});
