import { describe, expect, test } from "bun:test";
import { isCron, RemoteCheckSchema, uuidOf } from "../../src/cli/client/check-json.ts";
import { pingUrl, type PingTarget } from "../../src/cli/client/ping-target.ts";
import { formatAge, formatTable } from "../../src/cli/client/table.ts";
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
