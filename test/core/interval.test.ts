import { describe, expect, test } from "bun:test";
import { CoveredTime, coveredLength, type Interval, mergeIntervals } from "../../src/core/interval.ts";

const i = (start: number, end: number): Interval => ({ start, end });

describe("mergeIntervals", () => {
  test.each([
    { name: "nothing stays nothing", input: [], expected: [] },
    { name: "sorts by start", input: [i(5, 6), i(1, 2)], expected: [i(1, 2), i(5, 6)] },
    { name: "joins overlapping intervals", input: [i(1, 4), i(3, 8)], expected: [i(1, 8)] },
    { name: "joins intervals that touch", input: [i(1, 3), i(3, 5)], expected: [i(1, 5)] },
    { name: "swallows an interval inside another", input: [i(1, 10), i(2, 3)], expected: [i(1, 10)] },
    { name: "drops empty and reversed intervals", input: [i(4, 4), i(9, 2), i(1, 2)], expected: [i(1, 2)] },
    { name: "keeps gaps between chains", input: [i(7, 9), i(1, 3), i(2, 4), i(8, 12)], expected: [i(1, 4), i(7, 12)] },
  ] as { name: string; input: Interval[]; expected: Interval[] }[])("$name", ({ input, expected }) => {
    expect(mergeIntervals(input)).toEqual(expected);
  });

  test("does not change its input", () => {
    const input = [i(5, 6), i(1, 9)];
    mergeIntervals(input);
    expect(input).toEqual([i(5, 6), i(1, 9)]);
  });
});

describe("coveredLength", () => {
  const merged = [i(10, 20), i(30, 40)];
  test.each([
    { name: "counts what lies inside the range", from: 0, to: 100, expected: 20 },
    { name: "clips at both ends", from: 15, to: 35, expected: 10 },
    { name: "is zero in a gap", from: 20, to: 30, expected: 0 },
    { name: "is zero for an empty range", from: 15, to: 15, expected: 0 },
  ])("$name", ({ from, to, expected }) => {
    expect(coveredLength(merged, from, to)).toBe(expected);
    expect(new CoveredTime(merged).length(from, to)).toBe(expected);
  });
});

describe("CoveredTime", () => {
  test("merges unsorted, overlapping input and answers as coveredLength over the merge", () => {
    const raw = [i(30, 40), i(10, 20), i(15, 25), i(40, 45), i(60, 61)];
    const covered = new CoveredTime(raw);
    const merged = mergeIntervals(raw);
    for (let from = 0; from <= 70; from += 3) {
      for (let to = from; to <= 70; to += 4) expect(covered.length(from, to)).toBe(coveredLength(merged, from, to));
    }
  });

  test("is empty without intervals and covers nothing then", () => {
    const none = new CoveredTime([]);
    expect([none.isEmpty, none.length(0, 100)]).toEqual([true, 0]);
  });
});
