import { describe, expect, test } from "bun:test";
import { formatDuration, formatPercent, STATUS_LABELS, statusLabel, statusWord } from "../../src/core/format.ts";
import { type Alert, facts } from "../../src/notify/alert.ts";
import { localDateTime, relativeTime, timeTag } from "../../src/web/format.ts";

describe("formatDuration", () => {
  test.each([
    { ms: 0, text: "0 s" },
    { ms: 45_000, text: "45 s" },
    { ms: 44_600, text: "45 s" },
    { ms: 60_000, text: "1 min 0 s" },
    { ms: 303_000, text: "5 min 3 s" },
    { ms: 3_600_000, text: "1 h" },
    { ms: 7_500_000, text: "2 h 5 min" },
    { ms: 86_400_000, text: "1 d" },
    { ms: 86_400_000 + 4 * 3_600_000 + 59_000, text: "1 d 4 h" },
    { ms: 3 * 86_400_000 + 60_000, text: "3 d 1 min" },
  ])("writes $ms ms as $text", ({ ms, text }) => {
    expect(formatDuration(ms)).toBe(text);
  });

  test("is what the alert texts say of a downtime, for every length", () => {
    const lengths = [0, 1, 499, 500, 999, 1_000, 59_499, 59_500, 60_000, 61_000, 3_599_999, 3_600_000, 3_660_000, 86_399_500, 86_400_000, 90_061_000, 10 * 86_400_000 + 1];
    for (let ms = 0; ms < 200 * 86_400_000; ms += 7_777_777) lengths.push(ms);
    const recovery = (downtimeMs: number) =>
      ({ event: "up", reminder: false, changes: 1, check: { uuid: "", name: "x", slug: "", tags: "", desc: "", status: "up" }, since: 0, downtimeMs, reason: "", from: "down", lastPing: null, now: 0, tz: "UTC", schedule: "", expectedAt: null, nextExpected: null, neverRan: null, held: null, links: { dashboard: "", statusPage: null }, link: "", checkJson: {}, key: "" }) satisfies Alert;
    for (const ms of lengths) expect(facts(recovery(ms)).find((f) => f.label === "Downtime")?.value).toBe(formatDuration(ms));
  });
});

describe("formatPercent", () => {
  test.each([
    { p: null, text: "no data" },
    { p: 100, text: "100%" },
    { p: 0, text: "0%" },
    { p: 99.9999, text: "99.99%" },
    { p: 99.29, text: "99.29%" },
    { p: 50.5, text: "50.50%" },
    { p: 0.0049, text: "0%" },
    { p: 120, text: "100%" },
    { p: Number.NaN, text: "no data" },
  ])("writes $p as $text, never rounding downtime up to 100%", ({ p, text }) => {
    expect(formatPercent(p)).toBe(text);
  });
});

describe("status words", () => {
  const facts = { ran: true, failing: false, inMaintenance: false };
  test.each([
    { name: "a check that never ran waits for its first run", f: { ...facts, status: "new", ran: false }, label: "waiting for first run" },
    { name: "a resumed check that ran before waits for its next run", f: { ...facts, status: "new" }, label: "waiting for next run" },
    { name: "an up check with failures below its threshold is failing", f: { ...facts, status: "up", failing: true }, label: "failing" },
    { name: "a late check is late even with failures", f: { ...facts, status: "grace", failing: true }, label: "late" },
    { name: "a down check is down", f: { ...facts, status: "down" }, label: "down" },
    { name: "an open run is running", f: { ...facts, status: "started" }, label: "running" },
    { name: "a check inside a maintenance window says so whatever its state", f: { ...facts, status: "down", inMaintenance: true }, label: "in maintenance" },
    { name: "a paused check is paused", f: { ...facts, status: "paused" }, label: "paused" },
  ] as const)("$name", ({ f, label }) => {
    expect(statusLabel(f)).toBe(label);
    expect(STATUS_LABELS[statusWord(f)]).toBe(label);
  });
});

describe("times on pages", () => {
  const t = Date.UTC(2026, 6, 1, 10, 30, 15);
  test("a <time> element carries the exact instant in the page's zone and shows its wall time", () => {
    expect(timeTag(t, "Europe/Riga").text).toBe('<time datetime="2026-07-01T13:30:15+03:00">2026-07-01 13:30</time>');
    expect(localDateTime(t, "UTC")).toBe("2026-07-01 10:30");
  });

  test.each([
    { delta: 0, text: "just now" },
    { delta: 45_000, text: "45 s ago" },
    { delta: 5 * 60_000 + 59_000, text: "5 min ago" },
    { delta: 2 * 3_600_000, text: "2 h ago" },
    { delta: 3 * 86_400_000, text: "3 d ago" },
    { delta: -3 * 3_600_000, text: "in 3 h" },
  ])("an instant $delta ms before now reads $text", ({ delta, text }) => {
    expect(relativeTime(t - delta, t)).toBe(text);
  });
});
