import { describe, expect, test } from "bun:test";
import { type OpenSegment, totalsByRange } from "../../src/core/bucket-ranges.ts";
import type { Interval } from "../../src/core/interval.ts";
import type { CheckStatus } from "../../src/core/types.ts";
import {
  BUCKET_MS,
  historySegments,
  RETENTION_MS,
  segmentDeltas,
  type StatusSegment,
  sumDeltas,
  type UptimeBucket,
} from "../../src/core/uptime-buckets.ts";
import { uptimeFromBuckets, uptimePercent } from "../../src/core/uptime.ts";

const M = 60_000;
const H = 60 * M;
const D = 24 * H;
const T0 = Date.UTC(2025, 5, 1, 10, 0); // a bucket boundary
const seg = (from: number, to: number, status: CheckStatus): StatusSegment => ({ from, to, status });
const b = (start: number, up: number, down: number, excluded: number): UptimeBucket => ({ start, up, down, excluded });

describe("segmentDeltas", () => {
  test.each([
    { name: "a segment inside one bucket gives one delta", segment: seg(T0 + 2 * M, T0 + 9 * M, "up"), maintenance: [],
      expected: [b(T0, 7 * M, 0, 0)] },
    { name: "a segment across buckets is split at the 15-minute UTC boundaries", segment: seg(T0 + 10 * M, T0 + 50 * M, "up"), maintenance: [],
      expected: [b(T0, 5 * M, 0, 0), b(T0 + 15 * M, 15 * M, 0, 0), b(T0 + 30 * M, 15 * M, 0, 0), b(T0 + 45 * M, 5 * M, 0, 0)] },
    { name: "down time inside maintenance is excluded", segment: seg(T0, T0 + 30 * M, "down"), maintenance: [{ start: T0 + 10 * M, end: T0 + 20 * M }],
      expected: [b(T0, 0, 10 * M, 5 * M), b(T0 + 15 * M, 0, 10 * M, 5 * M)] },
    { name: "up time inside maintenance is excluded too", segment: seg(T0, T0 + 15 * M, "up"), maintenance: [{ start: T0 - H, end: T0 + 5 * M }],
      expected: [b(T0, 10 * M, 0, 5 * M)] },
    { name: "overlapping maintenance windows are not counted twice", segment: seg(T0, T0 + 15 * M, "down"),
      maintenance: [{ start: T0 + 8 * M, end: T0 + 12 * M }, { start: T0 + 2 * M, end: T0 + 10 * M }],
      expected: [b(T0, 0, 5 * M, 10 * M)] },
    { name: "maintenance outside the segment changes nothing", segment: seg(T0, T0 + 15 * M, "up"), maintenance: [{ start: T0 + H, end: T0 + 2 * H }],
      expected: [b(T0, 15 * M, 0, 0)] },
    { name: "new time is excluded", segment: seg(T0, T0 + 15 * M, "new"), maintenance: [], expected: [b(T0, 0, 0, 15 * M)] },
    { name: "paused time is excluded, maintenance or not", segment: seg(T0, T0 + 15 * M, "paused"), maintenance: [{ start: T0, end: T0 + 5 * M }],
      expected: [b(T0, 0, 0, 15 * M)] },
    { name: "an empty segment gives nothing", segment: seg(T0, T0, "up"), maintenance: [], expected: [] },
    { name: "a reversed segment (a clock stepped back) gives nothing", segment: seg(T0 + M, T0, "up"), maintenance: [], expected: [] },
  ] as { name: string; segment: StatusSegment; maintenance: Interval[]; expected: UptimeBucket[] }[])("$name", ({ segment, maintenance, expected }) => {
    expect(segmentDeltas(segment, maintenance)).toEqual(expected);
  });

  test("a check up for 90 days touches 8 640 buckets holding all of its time", () => {
    const deltas = segmentDeltas(seg(T0, T0 + 90 * D, "up"), []);
    expect(deltas.length).toBe(8_640);
    expect(deltas.reduce((sum, d) => sum + d.up, 0)).toBe(90 * D);
  });

  test("a segment of years is bucketed over the retention horizon only", () => {
    const to = T0 + 5 * 365 * D;
    const deltas = segmentDeltas(seg(T0, to, "down"), []);
    expect(deltas.length).toBe(RETENTION_MS / BUCKET_MS);
    expect(deltas[0]!.start).toBe(to - RETENTION_MS);
    expect(deltas.at(-1)!.start).toBe(to - BUCKET_MS);
  });

  test("many maintenance windows are walked once, with every bucket right", () => {
    // a 5-minute window at the start of every hour for 30 days
    const windows = Array.from({ length: 720 }, (_, k) => ({ start: T0 + k * H, end: T0 + k * H + 5 * M })).reverse();
    const deltas = segmentDeltas(seg(T0, T0 + 30 * D, "up"), windows);
    expect(deltas.length).toBe(2_880);
    expect(deltas.filter((d) => d.excluded === 5 * M).length).toBe(720);
    expect(deltas.reduce((sum, d) => sum + d.excluded, 0)).toBe(720 * 5 * M);
  });
});

describe("historySegments", () => {
  test("replays flips into the statuses held between them", () => {
    const h = { since: T0, status: "up" as const, flips: [{ created: T0 + H, oldStatus: "new" as const, newStatus: "up" as const }, { created: T0 + 2 * H, oldStatus: "up" as const, newStatus: "down" as const }, { created: T0 + 3 * H, oldStatus: "down" as const, newStatus: "up" as const }] };
    expect(historySegments(h, 0, T0 + 4 * H)).toEqual([seg(T0, T0 + H, "new"), seg(T0 + H, T0 + 2 * H, "up"), seg(T0 + 2 * H, T0 + 3 * H, "down"), seg(T0 + 3 * H, T0 + 4 * H, "up")]);
  });

  test("takes the status at the range's start from the first flip after it", () => {
    const h = { since: 0, status: "up" as const, flips: [{ created: T0 + H, oldStatus: "down" as const, newStatus: "up" as const }] };
    expect(historySegments(h, T0, T0 + 30 * M)).toEqual([seg(T0, T0 + 30 * M, "down")]);
  });
});

describe("totalsByRange: how window edges inside a bucket count", () => {
  test("a bucket wholly inside a range counts whole", () => {
    expect(totalsByRange([b(T0, 10 * M, 5 * M, 0)], null, [T0, T0 + H], T0 + H)).toEqual([{ up: 10 * M, down: 5 * M, excluded: 0 }]);
  });

  test("a bucket of one status split by an edge is exact", () => {
    expect(totalsByRange([b(T0, 15 * M, 0, 0)], null, [T0 + 6 * M, T0 + H], T0 + H)).toEqual([{ up: 9 * M, down: 0, excluded: 0 }]);
  });

  test("a mixed bucket split by an edge is prorated, at most a quarter bucket off", () => {
    // truly: up for the first 7.5 minutes, down for the last 7.5; the edge is in the middle
    const [t] = totalsByRange([b(T0, 7.5 * M, 7.5 * M, 0)], null, [T0 + 7.5 * M, T0 + H], T0 + H);
    expect(t).toEqual({ up: 3.75 * M, down: 3.75 * M, excluded: 0 });
    expect(Math.abs(t!.down - 7.5 * M)).toBeLessThanOrEqual(BUCKET_MS / 4);
  });

  test("the bucket the open segment starts in holds only the time before it", () => {
    const open: OpenSegment = { from: T0 + 5 * M, status: "down", maintenance: [] };
    const [t] = totalsByRange([b(T0, 5 * M, 0, 0)], open, [T0 + 2 * M, T0 + 20 * M], T0 + 20 * M);
    expect(t).toEqual({ up: 3 * M, down: 15 * M, excluded: 0 });
  });

  test("without an open segment a bucket's time ends at now", () => {
    const [t] = totalsByRange([b(T0, 0, 10 * M, 0)], null, [T0 + 5 * M, T0 + 10 * M], T0 + 10 * M);
    expect(t).toEqual({ up: 0, down: 5 * M, excluded: 0 });
  });

  test("the open segment is split exactly at every edge and stops at now", () => {
    const open: OpenSegment = { from: T0 + 7 * M, status: "up", maintenance: [{ start: T0 + 8 * M, end: T0 + 9 * M }, { start: T0 + 8 * M, end: T0 + 10 * M }] };
    expect(totalsByRange([], open, [T0, T0 + 9 * M, T0 + 2 * H], T0 + 30 * M)).toEqual([
      { up: M, down: 0, excluded: M },
      { up: 20 * M, down: 0, excluded: M },
    ]);
  });

  test("buckets outside every range are ignored", () => {
    expect(totalsByRange([b(T0 - H, 15 * M, 0, 0), b(T0 + 2 * H, 15 * M, 0, 0)], null, [T0, T0 + H], T0 + 3 * H)).toEqual([{ up: 0, down: 0, excluded: 0 }]);
  });
});

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Minute-by-minute reference: what each minute of [from, to) was. */
function reference(segments: readonly StatusSegment[], maintenance: readonly { start: number; end: number }[], from: number, to: number) {
  const out = { up: 0, down: 0, excluded: 0 };
  for (let t = from; t < to; t += M) {
    const s = segments.find((x) => x.from <= t && t < x.to);
    if (s === undefined) continue;
    const inMaintenance = maintenance.some((w) => w.start <= t && t < w.end);
    if (s.status === "new" || s.status === "paused" || inMaintenance) out.excluded += M;
    else out[s.status] += M;
  }
  return out;
}

describe("buckets against a minute-by-minute replay", () => {
  const statuses: CheckStatus[] = ["up", "down", "paused", "new"];
  test.each([1, 2, 3, 4, 5])("random history %d: exact on bucket edges, within a quarter bucket elsewhere", (seed) => {
    const rnd = random(seed);
    const now = T0 + 3 * D;
    const segments: StatusSegment[] = [];
    for (let t = T0; t < now;) {
      const to = Math.min(now, t + (1 + Math.floor(rnd() * 180)) * M);
      segments.push(seg(t, to, statuses[Math.floor(rnd() * (rnd() < 0.8 ? 2 : 4))]!));
      t = to;
    }
    const maintenance = Array.from({ length: 6 }, () => {
      const start = T0 + Math.floor(rnd() * 4_000) * M;
      return { start, end: start + Math.floor(rnd() * 200) * M };
    });
    const open = segments.pop()!;
    const buckets = sumDeltas(segments.flatMap((s) => segmentDeltas(s, maintenance)));
    const live: OpenSegment = { from: open.from, status: open.status, maintenance };
    const all = [...segments, open];
    const aligned = [T0 + 15 * M, T0 + 27 * H, T0 + 2 * D, now];
    const got = totalsByRange(buckets, live, aligned, now);
    got.forEach((t, i) => expect(t).toEqual(reference(all, maintenance, aligned[i]!, aligned[i + 1]!)));
    const ragged = [T0 + 7 * M, T0 + 26 * H + 4 * M, T0 + 2 * D + 11 * M, now];
    totalsByRange(buckets, live, ragged, now).forEach((t, i) => {
      const exact = reference(all, maintenance, ragged[i]!, ragged[i + 1]!);
      for (const k of ["up", "down", "excluded"] as const) expect(Math.abs(t[k] - exact[k])).toBeLessThanOrEqual(2 * (BUCKET_MS / 4));
    });
  });
});

describe("uptimeFromBuckets", () => {
  const now = T0 + 100 * D;

  test("a check up for 90 days without a flip is all open segment", () => {
    expect(uptimeFromBuckets([], { from: now - 95 * D, status: "up", maintenance: [] }, now)).toEqual({ "1d": 100, "7d": 100, "30d": 100, "90d": 100 });
  });

  test("is null where nothing was monitored", () => {
    const buckets = segmentDeltas(seg(now - 20 * D, now - 10 * D, "down"), []);
    expect(uptimeFromBuckets(buckets, { from: now - 10 * D, status: "paused", maintenance: [] }, now)).toEqual({ "1d": null, "7d": null, "30d": 0, "90d": 0 });
  });

  test("flushing the open segment into buckets changes no answer", () => {
    const before = segmentDeltas(seg(now - 40 * D, now - 3 * D, "up"), []);
    const open: OpenSegment = { from: now - 3 * D, status: "down", maintenance: [] };
    const flushAt = now - D + 7 * M; // mid-bucket
    const flushed = sumDeltas([...before, ...segmentDeltas(seg(open.from, flushAt, "down"), [])]);
    const expected = uptimeFromBuckets(before, open, now);
    expect(uptimeFromBuckets(flushed, { ...open, from: flushAt }, now)).toEqual(expected);
    expect(expected["7d"]).toBe(57.1428);
  });

  test("cuts to 4 decimals without float noise", () => {
    expect(uptimePercent({ up: 71, down: 29 })).toBe(71);
    expect(uptimePercent({ up: 2, down: 1 })).toBe(66.6666);
    expect(uptimePercent({ up: 400 * D - M, down: M })).toBe(99.9998); // 99.99982…
    expect(uptimePercent({ up: 0, down: 0 })).toBeNull();
  });
});
