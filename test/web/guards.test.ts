import { describe, expect, test } from "bun:test";
import { readCookie, setCookie } from "../../src/web/cookies.ts";
import { csrfToken, csrfTokenMatches, fromOwnPage } from "../../src/web/csrf.ts";
import { RateLimiter } from "../../src/web/rate-limit.ts";

const OWN = ["http://tocsin.test", "https://cron.example.com"];
const req = (headers: Record<string, string>) => new Request("http://tocsin.test/app/x", { method: "POST", headers });

describe("requests from our own pages", () => {
  test.each([
    { name: "same-origin fetch metadata", headers: { "Sec-Fetch-Site": "same-origin" }, own: true },
    { name: "same-site fetch metadata", headers: { "Sec-Fetch-Site": "same-site", Origin: "http://tocsin.test" }, own: false },
    { name: "cross-site fetch metadata, whatever the Origin", headers: { "Sec-Fetch-Site": "cross-site", Origin: "http://tocsin.test" }, own: false },
    { name: "a user typing the URL (none)", headers: { "Sec-Fetch-Site": "none" }, own: false },
    { name: "no metadata, our Origin", headers: { Origin: "http://tocsin.test" }, own: true },
    { name: "no metadata, the base URL's Origin", headers: { Origin: "https://cron.example.com" }, own: true },
    { name: "no metadata, a foreign Origin", headers: { Origin: "https://evil.example" }, own: false },
    { name: "no metadata, a prefix of ours", headers: { Origin: "http://tocsin.test.evil.example" }, own: false },
    { name: "no metadata, Origin null", headers: { Origin: "null" }, own: false },
    { name: "no metadata and no Origin", headers: {}, own: false },
  ])("$name → $own", (row) => {
    expect(fromOwnPage(req(row.headers as Record<string, string>), OWN)).toBe(row.own);
  });
});

describe("form tokens", () => {
  test("match only the secret they were made from, compared whole", () => {
    const token = csrfToken("secret-one");
    expect(csrfTokenMatches("secret-one", token)).toBe(true);
    expect(csrfTokenMatches("secret-two", token)).toBe(false);
    expect(csrfTokenMatches("secret-one", token.slice(0, -1))).toBe(false);
    expect(csrfTokenMatches("secret-one", "")).toBe(false);
    expect(csrfTokenMatches("secret-one", null)).toBe(false);
    expect(token).not.toContain("secret");
  });
});

describe("cookies", () => {
  test("are written HttpOnly and SameSite=Lax on their path, Secure when asked", () => {
    expect(setCookie("a", "b1", { path: "/app", maxAge: 60, secure: false })).toBe("a=b1; Path=/app; Max-Age=60; HttpOnly; SameSite=Lax");
    expect(setCookie("a", "b1", { path: "/app", maxAge: 60, secure: true })).toEndWith("; Secure");
  });

  test("are read by name, ignoring values we never write", () => {
    const r = (cookie: string) => new Request("http://x/", { headers: { Cookie: cookie } });
    expect(readCookie(r("x=1; tocsin_session=abc_-.~9; y=2"), "tocsin_session")).toBe("abc_-.~9");
    expect(readCookie(r("tocsin_session=a b"), "tocsin_session")).toBeNull();
    expect(readCookie(r("other=1"), "tocsin_session")).toBeNull();
  });
});

describe("rate limits", () => {
  test("allow a burst, then one attempt per refill period, per key", () => {
    const limiter = new RateLimiter({ burst: 3, refillMs: 1_000 });
    const taken = [0, 0, 0, 0].map(() => limiter.take("a", 0));
    expect(taken).toEqual([true, true, true, false]);
    expect(limiter.take("b", 0)).toBe(true);
    expect(limiter.waitMs("a", 0)).toBe(1_000);
    expect(limiter.take("a", 999)).toBe(false);
    expect(limiter.take("a", 1_999)).toBe(true);
  });

  test("keep a bounded table of keys, forgetting the one idle longest", () => {
    const limiter = new RateLimiter({ burst: 1, refillMs: 60_000 }, 2);
    limiter.take("a", 0);
    limiter.take("b", 1);
    limiter.take("c", 2);
    // "a" was forgotten: a fresh bucket; "c" is remembered as spent
    expect(limiter.allows("a", 3)).toBe(true);
    expect(limiter.allows("c", 3)).toBe(false);
  });
});
