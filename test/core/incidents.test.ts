import { describe, expect, test } from "bun:test";
import { type Incident, type IncidentFlip, incidents } from "../../src/core/incidents.ts";
import type { CheckStatus } from "../../src/core/types.ts";

const M = 60_000;
const T0 = Date.UTC(2025, 5, 1, 12, 0);
const NOW = T0 + 600 * M;
const f = (minute: number, oldStatus: CheckStatus, newStatus: CheckStatus, o: Partial<IncidentFlip> = {}): IncidentFlip => ({ created: T0 + minute * M, oldStatus, newStatus, ...o });
const inc = (start: number | null, end: number | null, changes: number): Incident => ({
  start: start === null ? null : T0 + start * M,
  end: end === null ? null : T0 + end * M,
  durationMs: start === null ? null : ((end ?? 600) - start) * M,
  changes,
});

describe("incidents", () => {
  test.each([
    { name: "no flips, no incidents", flips: [], expected: [] },
    { name: "a plain outage", flips: [f(0, "new", "up"), f(10, "up", "down"), f(25, "down", "up")], expected: [inc(10, 25, 2)] },
    { name: "an outage still going has no end and lasts until now", flips: [f(10, "up", "down")], expected: [inc(10, null, 1)] },
    { name: "newest first", flips: [f(10, "up", "down"), f(20, "down", "up"), f(30, "up", "down"), f(31, "down", "up")], expected: [inc(30, 31, 2), inc(10, 20, 2)] },
    { name: "a folded row that went down and back within a minute still counts",
      flips: [f(10, "up", "up", { changes: 2, silentChanges: 0, lastChange: T0 + 10 * M + 40_000 })],
      expected: [{ start: T0 + 10 * M, end: T0 + 10 * M + 40_000, durationMs: 40_000, changes: 2 }] },
    { name: "a folded row of fail and ok (silent) counts too",
      flips: [f(10, "up", "up", { changes: 4, silentChanges: 2, lastChange: T0 + 10.5 * M })],
      expected: [{ start: T0 + 10 * M, end: T0 + 10.5 * M, durationMs: 30_000, changes: 4 }] },
    { name: "a folded pause and unpause is no incident", flips: [f(10, "up", "up", { changes: 2, silentChanges: 2, lastChange: T0 + 10.5 * M })], expected: [] },
    { name: "a row that flapped while down extends the outage to its last change",
      flips: [f(10, "up", "down"), f(20, "down", "up", { changes: 3, silentChanges: 0, lastChange: T0 + 20.5 * M })],
      expected: [{ start: T0 + 10 * M, end: T0 + 20.5 * M, durationMs: 10.5 * M, changes: 4 }] },
    { name: "a row folding a silent success and the failure after it is down from the failure",
      flips: [f(10, "new", "down", { changes: 2, silentChanges: 1, lastChange: T0 + 10.5 * M }), f(20, "down", "up")],
      expected: [{ start: T0 + 10.5 * M, end: T0 + 20 * M, durationMs: 9.5 * M, changes: 3 }] },
    { name: "a folded row ending down keeps the outage open", flips: [f(10, "up", "down", { changes: 3, silentChanges: 0, lastChange: T0 + 10.5 * M })], expected: [inc(10, null, 3)] },
    { name: "pausing a down check ends the outage", flips: [f(10, "up", "down"), f(15, "down", "paused")], expected: [inc(10, 15, 2)] },
    { name: "a fail while paused starts one", flips: [f(10, "up", "paused"), f(15, "paused", "down")], expected: [inc(15, null, 1)] },
    { name: "a new check that never ran and timed out", flips: [f(5, "new", "down")], expected: [inc(5, null, 1)] },
    { name: "down before the first flip given: the start is unknown",
      flips: [f(10, "down", "up")], expected: [{ start: null, end: T0 + 10 * M, durationMs: null, changes: 1 }] },
  ] as { name: string; flips: IncidentFlip[]; expected: Incident[] }[])("$name", ({ flips, expected }) => {
    expect(incidents(flips, NOW, 10)).toEqual(expected);
  });

  test.each([
    { name: "keeps the newest when over the limit", limit: 2, expected: 2 },
    { name: "a zero limit gives none", limit: 0, expected: 0 },
    { name: "a negative limit gives none", limit: -1, expected: 0 },
  ])("$name", ({ limit, expected }) => {
    const flips = [f(1, "up", "down"), f(2, "down", "up"), f(3, "up", "down"), f(4, "down", "up"), f(5, "up", "down")];
    const found = incidents(flips, NOW, limit);
    expect(found.length).toBe(expected);
    if (expected > 0) expect(found[0]!.start).toBe(T0 + 5 * M);
  });
});
