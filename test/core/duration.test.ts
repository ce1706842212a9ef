import { describe, expect, test } from "bun:test";
import { DURATION_HINT, durationInWords, formatDuration, parseDuration } from "../../src/core/duration.ts";
import { editDistance, nearest, nearestZone } from "../../src/core/nearest.ts";

describe("parseDuration reads what people type", () => {
  test.each([
    { name: "a number of seconds", input: 3600, seconds: 3600 },
    { name: "zero", input: 0, seconds: 0 },
    { name: "digits in a text", input: "300", seconds: 300 },
    { name: "seconds", input: "90s", seconds: 90 },
    { name: "minutes", input: "5m", seconds: 300 },
    { name: "hours and minutes", input: "1h30m", seconds: 5400 },
    { name: "days", input: "2d", seconds: 172_800 },
    { name: "a week", input: "1w", seconds: 604_800 },
    { name: "every unit once", input: "1w2d3h4m5s", seconds: 604_800 + 172_800 + 10_800 + 240 + 5 },
    { name: "a component larger than the next unit", input: "90m", seconds: 5400 },
    { name: "surrounding spaces", input: " 10m ", seconds: 600 },
    { name: "the largest safe number", input: Number.MAX_SAFE_INTEGER, seconds: Number.MAX_SAFE_INTEGER },
  ])("$name: $input → $seconds", ({ input, seconds }) => {
    expect(parseDuration(input)).toEqual({ ok: true, seconds });
  });

  test.each([
    { name: "a word", input: "soon", error: DURATION_HINT },
    { name: "an empty text", input: "", error: DURATION_HINT },
    { name: "a negative number", input: -5, error: "must not be negative" },
    { name: "a negative text", input: "-5m", error: DURATION_HINT },
    { name: "a fraction", input: 1.5, error: "must be a whole number of seconds" },
    { name: "a fractional unit", input: "1.5h", error: DURATION_HINT },
    { name: "an unknown unit", input: "3y", error: DURATION_HINT },
    { name: "an upper-case unit (M could be months)", input: "5M", error: DURATION_HINT },
    { name: "a unit without a number", input: "h", error: DURATION_HINT },
    { name: "a number after the last unit", input: "1h30", error: DURATION_HINT },
    { name: "a space inside", input: "1h 30m", error: DURATION_HINT },
    { name: "units out of order", input: "30m1h", error: `${DURATION_HINT} (units from the largest down, each once)` },
    { name: "a unit twice", input: "1m1m", error: `${DURATION_HINT} (units from the largest down, each once)` },
    { name: "a boolean", input: true, error: DURATION_HINT },
    { name: "not a number", input: Number.NaN, error: DURATION_HINT },
    { name: "infinity", input: Number.POSITIVE_INFINITY, error: DURATION_HINT },
    { name: "seconds past the safe range", input: 2 ** 60, error: "is too large" },
    { name: "digits past the safe range", input: "99999999999999999999", error: "is too large" },
    { name: "weeks past the safe range", input: "999999999999999w", error: "is too large" },
    { name: "a component of more than 15 digits", input: "1234567890123456s", error: DURATION_HINT },
    { name: "a very long text", input: "1s".repeat(1000), error: "is too long" },
  ])("refuses $name", ({ input, error }) => {
    expect(parseDuration(input)).toEqual({ ok: false, error });
  });
});

describe("formatting durations", () => {
  test.each([
    [0, "0s", "0 seconds"],
    [1, "1s", "1 second"],
    [90, "1m30s", "1 minute 30 seconds"],
    [5400, "1h30m", "1 hour 30 minutes"],
    [86_400, "1d", "1 day"],
    [1_209_600 + 3600, "2w1h", "2 weeks 1 hour"],
  ])("%p s is %p, in words %p", (seconds, short, words) => {
    expect(formatDuration(seconds)).toBe(short);
    expect(durationInWords(seconds)).toBe(words);
    expect(parseDuration(short)).toEqual({ ok: true, seconds });
  });
});

describe("nearest candidates for typos", () => {
  test.each([
    ["", "", 0],
    ["timeout", "timout", 1],
    ["timeout", "timoeut", 1],
    ["kitten", "sitting", 3],
    ["abc", "", 3],
  ])("distance(%p, %p) = %p", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  test.each([
    { name: "a missing letter", word: "timout", candidates: ["tags", "timeout", "tz"], found: "timeout" },
    { name: "two swapped letters", word: "gracee", candidates: ["grace", "group"], found: "grace" },
    { name: "another letter case", word: "LISTEN", candidates: ["listen", "sync"], found: "listen" },
    { name: "nothing close enough", word: "colour", candidates: ["listen", "sync", "data_dir"], found: null },
    { name: "an exact candidate is no suggestion", word: "tags", candidates: ["tags"], found: null },
    { name: "a word too long to be a typo", word: "x".repeat(65), candidates: ["x".repeat(64)], found: null },
  ])("$name", ({ word, candidates, found }) => {
    expect(nearest(word, candidates)).toBe(found);
  });

  const zones = Intl.supportedValuesOf("timeZone");
  test.each([
    ["Europe/Berln", "Europe/Berlin"],
    ["europe/riga", "Europe/Riga"],
    ["Berlin", "Europe/Berlin"],
    ["Sao_Paolo", "America/Sao_Paulo"],
    ["Mars/Olympus", null],
  ])("the zone meant by %p is %p", (name, zone) => {
    expect(nearestZone(name, zones)).toBe(zone);
  });
});
