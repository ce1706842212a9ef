import { describe, expect, test } from "bun:test";
import { withDownAt } from "../../src/core/deadline.ts";
import { applyMerge, coalesce, COALESCE_WINDOW_MS, type FlipRow, rowOf, touchesDown } from "../../src/core/flip-coalesce.ts";
import { incidents } from "../../src/core/incidents.ts";
import { transition } from "../../src/core/transition.ts";
import type { CheckEvent, CheckState, CheckStatus, Flip } from "../../src/core/types.ts";
import { historySegments, segmentDeltas, sumDeltas } from "../../src/core/uptime-buckets.ts";
import { aCheck } from "../support/check-state.ts";

const S = 1000;
const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);
const flip = (o: Partial<Flip> = {}): Flip => ({ created: T0 + 10 * S, oldStatus: "down", newStatus: "up", reason: "", silent: false, ...o });
const row = (o: Partial<FlipRow> = {}): FlipRow => ({
  created: T0, lastChange: T0, oldStatus: "up", newStatus: "down", reason: "fail", silent: false,
  changes: 1, silentChanges: 0, processed: null, ...o,
});

describe("coalesce: the contract", () => {
  test.each([
    { name: "1. the first change of a check inserts", previous: null, next: flip(), now: T0 + 10 * S, expected: "insert" },
    { name: "2. a change that does not follow the newest row inserts", previous: row({ newStatus: "up" }), next: flip({ oldStatus: "down" }), now: T0 + 10 * S, expected: "insert" },
    { name: "3. a change a minute after the row's first change inserts", previous: row(), next: flip({ created: T0 + COALESCE_WINDOW_MS }), now: T0 + COALESCE_WINDOW_MS, expected: "insert" },
    { name: "3. a row whose minute is over at now never changes, even for an earlier-stamped change", previous: row(), next: flip({ created: T0 + 30 * S }), now: T0 + COALESCE_WINDOW_MS, expected: "insert" },
    { name: "3. a change stamped before the row's last change (clock stepped back) inserts", previous: row({ lastChange: T0 + 20 * S, changes: 3 }), next: flip({ created: T0 + 10 * S }), now: T0 + 30 * S, expected: "insert" },
    { name: "4. a change within the minute merges", previous: row(), next: flip({ created: T0 + 59 * S }), now: T0 + 59 * S, expected: "merge" },
    { name: "4. a change at the same instant merges", previous: row(), next: flip({ created: T0 }), now: T0, expected: "merge" },
    { name: "5. a change merges into a row the notifier already claimed", previous: row({ processed: T0 + S }), next: flip(), now: T0 + 10 * S, expected: "merge" },
  ] as { name: string; previous: FlipRow | null; next: Flip; now: number; expected: "insert" | "merge" }[])("$name", ({ previous, next, now, expected }) => {
    const decision = coalesce(previous, next, now);
    expect(decision.type).toBe(expected);
    if (decision.type === "insert") expect(decision.row).toEqual(rowOf(next));
  });

  test("an inserted row holds one change, unclaimed", () => {
    expect(rowOf(flip({ silent: true, reason: "ok" }))).toEqual({
      created: T0 + 10 * S, lastChange: T0 + 10 * S, oldStatus: "down", newStatus: "up", reason: "ok", silent: true,
      changes: 1, silentChanges: 1, processed: null,
    });
  });

  test.each([
    { name: "4. a merge keeps the first old status and takes the last new status and instant",
      previous: row(), next: flip(),
      into: { lastChange: T0 + 10 * S, newStatus: "up", reason: "fail", silent: false, changes: 2, silentChanges: 0, processed: null } },
    { name: "4. a new reason to go down replaces the old one",
      previous: row({ newStatus: "up", changes: 2, reason: "fail" }), next: flip({ oldStatus: "up", newStatus: "down", reason: "timeout" }),
      into: { lastChange: T0 + 10 * S, newStatus: "down", reason: "timeout", silent: false, changes: 3, silentChanges: 0, processed: null } },
    { name: "4. a silent change counts as silent and leaves the row alerting",
      previous: row(), next: flip({ reason: "ok", silent: true }),
      into: { lastChange: T0 + 10 * S, newStatus: "up", reason: "fail", silent: false, changes: 2, silentChanges: 1, processed: null } },
    { name: "4. silent changes folded together stay silent",
      previous: row({ oldStatus: "up", newStatus: "paused", reason: "pause", silent: true, silentChanges: 1 }), next: flip({ oldStatus: "paused", newStatus: "new", reason: "resume", silent: true }),
      into: { lastChange: T0 + 10 * S, newStatus: "new", reason: "resume", silent: true, changes: 2, silentChanges: 2, processed: null } },
    { name: "5. an alerting change reopens a claimed row for the outbox",
      previous: row({ processed: T0 + S }), next: flip(),
      into: { lastChange: T0 + 10 * S, newStatus: "up", reason: "fail", silent: false, changes: 2, silentChanges: 0, processed: null } },
    { name: "5. a silent change leaves a claimed row claimed",
      previous: row({ processed: T0 + S }), next: flip({ reason: "ok", silent: true }),
      into: { lastChange: T0 + 10 * S, newStatus: "up", reason: "fail", silent: false, changes: 2, silentChanges: 1, processed: T0 + S } },
    { name: "5. an alerting change makes a silent row claimable",
      previous: row({ oldStatus: "up", newStatus: "paused", reason: "pause", silent: true, silentChanges: 1 }), next: flip({ oldStatus: "paused", newStatus: "down", reason: "fail" }),
      into: { lastChange: T0 + 10 * S, newStatus: "down", reason: "fail", silent: false, changes: 2, silentChanges: 1, processed: null } },
  ] as { name: string; previous: FlipRow; next: Flip; into: unknown }[])("$name", ({ previous, next, into }) => {
    expect(coalesce(previous, next, next.created)).toEqual({ type: "merge", into } as never);
  });
});

describe("the transition table behind touchesDown", () => {
  const statuses: CheckStatus[] = ["new", "up", "down", "paused"];
  const events: CheckEvent[] = [
    { type: "success", rid: null }, { type: "fail", rid: null }, { type: "ok" }, { type: "pause" }, { type: "resume" }, { type: "due" },
    { type: "success", rid: null, metrics: { n: 0 } },
  ];
  const cases = statuses.flatMap((status) => events.map((event) => ({ status, event })));
  test.each(cases)("from $status on $event.type: going down alerts, and every alert is about down", ({ status, event }) => {
    const check = withDownAt(aCheck({ status, lastPing: T0, lastStart: T0, rules: [{ metric: "n", op: "<", value: 1 }] }), null);
    const { flip: f } = transition(check, event, T0 + 86_400 * S, null);
    if (f === null) return;
    if (f.newStatus === "down") expect(f.silent).toBe(false);
    if (!f.silent) expect(f.oldStatus === "down" || f.newStatus === "down").toBe(true);
  });
});

// ---- a simulated store and notifier over the pure functions --------------------------------

interface StoredRow extends FlipRow {
  readonly id: number;
}

class Sim {
  check: CheckState = withDownAt(aCheck({ status: "up", lastPing: T0 - S }), null);
  rows: StoredRow[] = [];
  raw: Flip[] = [];
  deltas: ReturnType<typeof segmentDeltas> = [];
  /** instants at which the notifier claimed something and looked at the check */
  looks: { at: number; status: CheckStatus }[] = [];
  private lastChange = T0 - 3_600 * S;

  constructor(private readonly coalescing: boolean) {}

  send(event: CheckEvent, now: number): void {
    const before = this.check.status;
    const result = transition(this.check, event, now, null);
    this.check = result.check;
    const f = result.flip;
    if (f === null) return;
    this.raw.push(f);
    // the store writes the bucket deltas of every change, folded or not
    this.deltas.push(...segmentDeltas({ from: this.lastChange, to: f.created, status: before }, []));
    this.lastChange = f.created;
    const newest = this.rows.at(-1) ?? null;
    const decision = this.coalescing ? coalesce(newest, f, now) : { type: "insert" as const, row: rowOf(f) };
    if (decision.type === "insert") this.rows.push({ ...decision.row, id: this.rows.length + 1 });
    else this.rows[this.rows.length - 1] = { ...applyMerge(newest!, decision.into), id: newest!.id };
  }

  /** Claims every waiting alerting row, as claimFlips does, and looks at the check once. */
  notify(now: number): void {
    let claimed = 0;
    this.rows = this.rows.map((r) => (r.processed === null && !r.silent ? (claimed++, { ...r, processed: now }) : r));
    if (claimed > 0) this.looks.push({ at: now, status: this.check.status });
  }
}

/** Alternates fail/success (or another pair) every `stepMs` for `forMs`; the notifier runs every `notifyEveryMs`. */
function flap(coalescing: boolean, o: { forMs: number; stepMs: number; notifyEveryMs: number; pair?: [CheckEvent, CheckEvent] }): Sim {
  const sim = new Sim(coalescing);
  const [a, b] = o.pair ?? [{ type: "fail", rid: null }, { type: "success", rid: null }];
  for (let t = 0, i = 0; t < o.forMs; t += o.stepMs, i++) {
    sim.send(i % 2 === 0 ? a : b, T0 + t);
    if (t % o.notifyEveryMs === 0) sim.notify(T0 + t);
  }
  sim.notify(T0 + o.forMs);
  return sim;
}

describe("flapping through the store", () => {
  test("a loop alternating fail/success for 30 s stores at most 2 rows, with a notifier claiming after every change", () => {
    const sim = flap(true, { forMs: 30 * S, stepMs: 100, notifyEveryMs: 100 });
    expect(sim.raw.length).toBe(300);
    expect(sim.rows.length).toBeLessThanOrEqual(2);
    expect(sim.rows.reduce((n, r) => n + r.changes, 0)).toBe(300);
  });

  test.each([
    { name: "fail/success every 100 ms", pair: undefined },
    { name: "fail/ok (ok is silent) every 100 ms", pair: [{ type: "fail", rid: null }, { type: "ok" }] as [CheckEvent, CheckEvent] },
  ])("ten minutes of $name store about one row per minute", ({ pair }) => {
    const sim = flap(true, { forMs: 600 * S, stepMs: 100, notifyEveryMs: 100, ...(pair ? { pair } : {}) });
    expect(sim.raw.length).toBe(6_000);
    expect(sim.rows.length).toBeLessThanOrEqual(11);
    const silent = sim.raw.filter((f) => f.silent).length;
    expect(sim.rows.reduce((n, r) => n + r.silentChanges, 0)).toBe(silent);
  });

  test.each([
    { name: "after every change", notifyEveryMs: 250 },
    { name: "every 7 s", notifyEveryMs: 7_000 },
  ])("the notifier looks at the check exactly when it would without coalescing ($name)", ({ notifyEveryMs }) => {
    const o = { forMs: 150 * S, stepMs: 250, notifyEveryMs };
    const folded = flap(true, o);
    const plain = flap(false, o);
    expect(folded.looks).toEqual(plain.looks);
    expect(folded.looks.at(-1)?.status).toBe(folded.check.status);
    expect(folded.rows.length).toBeLessThan(plain.rows.length / 50);
  });

  test("uptime stays exact: bucket deltas written per change match the raw history", () => {
    const sim = flap(true, { forMs: 300 * S, stepMs: 1_300, notifyEveryMs: 1_300 });
    const history = { since: T0 - 3_600 * S, status: sim.check.status, flips: sim.raw };
    const end = sim.raw.at(-1)!.created;
    const replayed = sumDeltas(historySegments(history, 0, end).flatMap((s) => segmentDeltas(s, [])));
    expect(sumDeltas(sim.deltas)).toEqual(replayed);
  });

  test("incidents read from folded rows cover the flapping, one per folded minute", () => {
    const sim = flap(true, { forMs: 150 * S, stepMs: 500, notifyEveryMs: 500 });
    expect(sim.rows.every((r) => touchesDown(r))).toBe(true);
    const found = incidents(sim.rows, T0 + 150 * S, 10);
    // each row went up→down→…→up within its minute: one incident from its first change to its last
    expect(found.map((i) => [i.start, i.end])).toEqual([[T0 + 120 * S, T0 + 149_500], [T0 + 60 * S, T0 + 119_500], [T0, T0 + 59_500]]);
    expect(found.reduce((n, i) => n + i.changes, 0)).toBe(sim.raw.length);
  });
});
