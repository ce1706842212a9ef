// Bucket runs answer what totalsByRange answers over the same final buckets, however they are
// cut into runs and extended (src/core/bucket-runs.ts).
import { describe, expect, test } from "bun:test";
import { totalsByRange } from "../../src/core/bucket-ranges.ts";
import { BucketRuns, type CountedBucket } from "../../src/core/bucket-runs.ts";
import { BUCKET_MS } from "../../src/core/uptime-buckets.ts";

const T0 = Date.UTC(2026, 0, 1);

/** A deterministic pseudo-random history: long runs of up, some down and excluded, gaps. */
function history(seed: number, count: number): CountedBucket[] {
  let s = seed;
  const next = () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const out: CountedBucket[] = [];
  let kind = 0;
  for (let i = 0; i < count; i++) {
    if (next() < 0.05) kind = Math.floor(next() * 4);
    if (kind === 3) continue; // a gap: no bucket
    const down = kind === 1 ? Math.floor(next() * BUCKET_MS) : 0;
    const excluded = kind === 2 ? BUCKET_MS : 0;
    out.push({ start: T0 + i * BUCKET_MS, up: BUCKET_MS - down - excluded, down, excluded, incidents: kind === 1 && next() < 0.3 ? 1 : 0 });
  }
  return out;
}

const round = (t: { up: number; down: number; excluded: number }) => ({ up: Math.round(t.up), down: Math.round(t.down), excluded: Math.round(t.excluded) });

describe("bucket runs", () => {
  test.each([1, 2, 3, 4, 5])("sum any ranges as totalsByRange does (history %i)", (seed) => {
    const buckets = history(seed, 2_000);
    const until = T0 + 2_000 * BUCKET_MS;
    const runs = new BucketRuns(T0);
    // extended in three steps, as pages see buckets become final
    runs.extend(buckets, T0 + 500 * BUCKET_MS);
    runs.extend(buckets, T0 + 1_200 * BUCKET_MS);
    runs.extend(buckets, until);
    // stretches of alike buckets fold into one run each
    expect(runs.size).toBeLessThan(buckets.length / 2);
    const edges = [T0 - BUCKET_MS, T0 + 123_457, T0 + 40 * BUCKET_MS, T0 + 777 * BUCKET_MS + 5_000, T0 + 1_500 * BUCKET_MS, until + BUCKET_MS];
    const expected = totalsByRange(buckets, null, edges, until);
    expect(runs.rangeTotals(edges).map(round)).toEqual(expected);
    const incidents = edges.slice(1).map((e, i) => buckets.filter((b) => b.start >= edges[i]! && b.start < e).reduce((n, b) => n + b.incidents, 0));
    expect(runs.rangeTotals(edges).map((t) => t.incidents)).toEqual(incidents);
  });

  test("keep only buckets that are final: those before the boundary, added once", () => {
    const runs = new BucketRuns(T0);
    const b = (i: number): CountedBucket => ({ start: T0 + i * BUCKET_MS, up: BUCKET_MS, down: 0, excluded: 0, incidents: 0 });
    runs.extend([b(0), b(1), b(2)], T0 + 2 * BUCKET_MS);
    runs.extend([b(0), b(1), b(2), b(3)], T0 + 3 * BUCKET_MS);
    expect(runs.until).toBe(T0 + 3 * BUCKET_MS);
    expect(runs.totalsBefore(T0 + 10 * BUCKET_MS).up).toBe(3 * BUCKET_MS);
    runs.trim(T0 + 5 * BUCKET_MS);
    expect(runs.size).toBe(0);
  });
});
