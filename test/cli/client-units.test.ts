import { describe, expect, test } from "bun:test";
import { settingsFromFlags } from "../../src/cli/client/channel-settings.ts";
import { checkFieldsFromFlags } from "../../src/cli/client/check-flags.ts";
import { isCron, RemoteCheckSchema, uuidOf } from "../../src/cli/client/check-json.ts";
import { pickCheck } from "../../src/cli/client/check-ref.ts";
import { nextExpected, relativeTime, scheduleText } from "../../src/cli/client/check-text.ts";
import { printable } from "../../src/cli/client/history-text.ts";
import { pingUrl, type PingTarget } from "../../src/cli/client/ping-target.ts";
import { fitTable, formatAge, formatTable } from "../../src/cli/client/table.ts";
import { TailBuffer } from "../../src/cli/client/tail-buffer.ts";

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe("TailBuffer keeps the last N bytes", () => {
  test.each([
    { name: "nothing", chunks: [], limit: 5, kept: "" },
    { name: "less than the limit", chunks: ["ab", "c"], limit: 5, kept: "abc" },
    { name: "exactly the limit", chunks: ["abc", "de"], limit: 5, kept: "abcde" },
    { name: "over the limit across chunks", chunks: ["abc", "def", "gh"], limit: 5, kept: "defgh" },
    { name: "one chunk larger than the limit", chunks: ["ab", "cdefghij"], limit: 5, kept: "fghij" },
    { name: "many small chunks", chunks: "abcdefghijklmnop".split(""), limit: 4, kept: "mnop" },
  ])("$name", ({ chunks, limit, kept }) => {
    const tail = new TailBuffer(limit);
    for (const c of chunks) tail.push(bytes(c));
    expect(text(tail.bytes())).toBe(kept);
  });

  test("a cut inside a UTF-8 character drops the character's remains", () => {
    const tail = new TailBuffer(5);
    tail.push(bytes("xé")); // é is two bytes
    tail.push(bytes("abcd"));
    // the last 5 bytes start with é's second byte, which alone is not text
    expect(text(tail.bytes())).toBe("abcd");
  });
});

describe("ping URLs", () => {
  const byUuid: PingTarget = { base: "http://h/ping", path: "abc", pingKey: undefined, create: false };
  const bySlug: PingTarget = { base: "https://hc-ping.com", path: "key/slug", pingKey: "key", create: true };
  test.each([
    ["success", byUuid, { type: "success" } as const, {}, "http://h/ping/abc"],
    ["start with a run id", byUuid, { type: "start" } as const, { rid: "r" }, "http://h/ping/abc/start?rid=r"],
    ["exit status with duration", byUuid, { type: "exit", status: 3 } as const, { rid: "r", duration: "1.500" }, "http://h/ping/abc/3?rid=r&duration=1.500"],
    ["a message is encoded", byUuid, { type: "log" } as const, { msg: "a b&c" }, "http://h/ping/abc/log?msg=a+b%26c"],
    ["slug with create", bySlug, { type: "fail" } as const, {}, "https://hc-ping.com/key/slug/fail?create=1"],
  ])("%s", (_name, target, event, query, url) => {
    expect(pingUrl(target, event, query)).toBe(url);
  });
});

describe("Healthchecks check JSON", () => {
  const parse = (o: object) => RemoteCheckSchema.parse(o);
  test("the uuid comes from `uuid`, or from `ping_url` for servers that only send that", () => {
    expect(uuidOf(parse({ uuid: "6C1A7E2E-4A31-4F4E-9D5E-1F3F7C0B9A01" }))).toBe("6c1a7e2e-4a31-4f4e-9d5e-1f3f7c0b9a01");
    expect(uuidOf(parse({ ping_url: "https://hc-ping.com/6c1a7e2e-4a31-4f4e-9d5e-1f3f7c0b9a01" }))).toBe("6c1a7e2e-4a31-4f4e-9d5e-1f3f7c0b9a01");
    expect(uuidOf(parse({ unique_key: "a1b2" }))).toBeNull();
  });

  test("a check is cron when it has a schedule and no timeout, or says so", () => {
    expect(isCron(parse({ schedule: "0 3 * * *", tz: "UTC" }))).toBe(true);
    expect(isCron(parse({ timeout: 60 }))).toBe(false);
    expect(isCron(parse({ kind: "cron", schedule: "* * * * *", timeout: 60 }))).toBe(true);
  });

  test("mistyped optional fields are dropped, mistyped core fields are refused", () => {
    expect(parse({ methods: 5, name: "x" }).methods).toBeUndefined();
    expect(RemoteCheckSchema.safeParse({ name: 5 }).success).toBe(false);
  });
});

describe("tables", () => {
  test("columns are padded to the widest cell and trailing spaces are trimmed", () => {
    expect(formatTable(["A", "BB"], [["xxx", ""], ["y", "z"]])).toEqual(["A    BB", "xxx", "y    z"]);
  });

  test.each([
    [null, "never"],
    ["2024-01-01T00:00:00+00:00", "30s ago"],
    ["2023-12-31T23:55:00+00:00", "5m ago"],
    ["2023-12-31T21:30:30+00:00", "2h ago"],
    ["2023-12-28T12:00:30+00:00", "3d ago"],
    ["garbage", "garbage"],
  ])("last ping %p is shown as %p", (iso, shown) => {
    expect(formatAge(iso, Date.parse("2024-01-01T00:00:30+00:00"))).toBe(shown);
  });
});

describe("fitting a table into the terminal", () => {
  test("the widest shrinkable column loses characters until the rows fit, cut cells end in …", () => {
    const lines = fitTable(["NAME", "STATUS"], [["a very long name of a check indeed", "up"]], [0], 20);
    expect(lines).toEqual(["NAME          STATUS", "a very long…  up"]);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(20);
  });

  test("columns that may not shrink keep their text, even past the width", () => {
    expect(fitTable(["UUID"], [["6c1a7e2e-4a31-4f4e-9d5e-1f3f7c0b9a01"]], [], 20)).toEqual(["UUID", "6c1a7e2e-4a31-4f4e-9d5e-1f3f7c0b9a01"]);
  });
});

describe("times and schedules as a listing shows them", () => {
  const now = Date.parse("2026-01-15T12:00:00+00:00");
  test.each([
    [now + 90_000, "in 1m"],
    [now - 3 * 3_600_000, "3h ago"],
    [now + 2 * 86_400_000, "in 2d"],
    [now + 200, "now"],
  ])("%p is %p", (at, text) => {
    expect(relativeTime(at, now)).toBe(text);
  });

  const check = (o: object) => RemoteCheckSchema.parse({ name: "x", ...o });
  test.each([
    { name: "the server's next_ping wins", c: { timeout: 60, status: "up", next_ping: "2026-01-15T12:05:00+00:00" }, next: "2026-01-15T12:05:00Z" },
    { name: "a simple check: last ping plus the period", c: { timeout: 3600, status: "up", last_ping: "2026-01-15T11:30:00+00:00" }, next: "2026-01-15T12:30:00Z" },
    { name: "a simple check that never ran: unknown", c: { timeout: 3600, status: "new" }, next: null },
    { name: "a cron check that never ran: its next fire, in its zone", c: { schedule: "0 3 * * *", tz: "Europe/Riga", status: "new" }, next: "2026-01-16T01:00:00Z" },
    { name: "a paused check: nothing", c: { timeout: 60, status: "paused", last_ping: "2026-01-15T11:59:00+00:00" }, next: null },
    { name: "a down check: nothing", c: { schedule: "* * * * *", status: "down" }, next: null },
  ])("next expected: $name", ({ c, next }) => {
    const at = nextExpected(check(c), now);
    expect(at === null ? null : new Date(at).toISOString().replace(".000", "")).toBe(next);
  });

  test("the schedule column: a cron expression with a zone other than UTC, or the period", () => {
    expect(scheduleText(check({ schedule: "0 3 * * *", tz: "Europe/Riga" }))).toBe("0 3 * * * Europe/Riga");
    expect(scheduleText(check({ schedule: "0 3 * * *", tz: "UTC" }))).toBe("0 3 * * *");
    expect(scheduleText(check({ timeout: 5400 }))).toBe("every 1h30m");
  });
});

describe("which check a <ref> names", () => {
  const checks = [
    { name: "Backup", slug: "backup", uuid: "6c1a7e2e-4a31-4f4e-9d5e-1f3f7c0b9a01" },
    { name: "backup", slug: "other", uuid: "6c1a7e2e-4a31-4f4e-9d5e-1f3f7c0b9a02" },
    { name: "Reports", slug: "", uuid: "6c1a7e2e-4a31-4f4e-9d5e-1f3f7c0b9a03" },
  ].map((c) => RemoteCheckSchema.parse(c));
  test.each([
    ["a slug", "backup", "backup"],
    ["a name", "Backup", "backup"],
    ["a name in another case", "REPORTS", ""],
  ])("by %s", (_how, ref, slug) => {
    const found = pickCheck(ref, checks);
    expect(found.ok && found.value.slug).toBe(slug);
  });

  test("a name that differs only in case from two checks is ambiguous", () => {
    expect(pickCheck("BACKUP", checks)).toEqual({ ok: false, error: expect.stringContaining('"BACKUP" matches 2 checks') });
  });
});

describe("check fields from flags", () => {
  const now = Date.parse("2026-01-15T12:00:00+00:00");
  test("durations, counts, switches, methods and mutes become API values", () => {
    const values = { timeout: "1h30m", "failure-threshold": "3", public: true, "no-manual-resume": true, methods: "any", "muted-until": "2h" };
    expect(checkFieldsFromFlags(values, "edit", now)).toEqual({
      ok: true,
      value: { timeout: 5400, failure_threshold: 3, public: true, manual_resume: false, methods: "", muted_until: "2026-01-15T14:00:00+00:00" },
    });
  });

  test("add gives a schedule UTC unless a zone is named", () => {
    expect(checkFieldsFromFlags({ schedule: "0 3 * * *" }, "add", now)).toEqual({ ok: true, value: { schedule: "0 3 * * *", tz: "UTC" } });
    expect(checkFieldsFromFlags({ tz: "Europe/Riga" }, "edit", now)).toEqual({ ok: true, value: { tz: "Europe/Riga" } });
  });
});

describe("channel settings from flags", () => {
  test("--settings, then --set text and --set JSON values, later ones winning", () => {
    expect(settingsFromFlags({ settings: '{"url": "https://a", "on_up": true}', set: ["url=https://b", "on_up:=false", "to:=[\"a@x.org\"]", "note=x=y"] })).toEqual({
      ok: true,
      value: { url: "https://b", on_up: false, to: ["a@x.org"], note: "x=y" },
    });
  });

  test.each([["--settings that is not an object", { settings: "[1]" }], ["a --set without =", { set: ["url"] }], ["a --set without a key", { set: [":=1"] }]])("refuses %s", (_name, values) => {
    expect(settingsFromFlags(values).ok).toBe(false);
  });
});

describe("text from pings in a terminal", () => {
  test("control characters other than line breaks and tabs are escaped", () => {
    expect(printable("ok\tdone\r\n\u001b[2J\u0007\u009b")).toBe("ok\tdone\n\\x1b[2J\\x07\\x9b");
  });
});
