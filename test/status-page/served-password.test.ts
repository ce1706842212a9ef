// Password-protected status pages (SPEC §9, §2): the form, the signed cookie, ?pw= on feeds, and
// attempts limited per page as well as per address.
import { describe, expect, test } from "bun:test";
import { STATUS_PASSWORD_LIMITS } from "../../src/http/status-pages/access.ts";
import { aStatusWorld } from "./served.ts";

const PASSWORD = "correct horse battery";

async function protectedWorld(opts: Parameters<typeof aStatusWorld>[0] = {}) {
  const w = aStatusWorld(opts);
  await w.check({ name: "Nightly backup", slug: "backup", public: true });
  await w.settings({ status_page: "password", password: PASSWORD, title: "Acme status" });
  /** posts the form as a browser does, from `addr` */
  const submit = (path: string, password: string, addr = "198.51.100.20") =>
    w.request(path, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ password }).toString() }, addr);
  const cookieOf = (res: Response): string => (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  return { ...w, submit, cookieOf };
}

describe("a password-protected page", () => {
  test("shows the form in place of the page, the check's page and the embed, and feeds want a password", async () => {
    const w = await protectedWorld();
    for (const path of ["/status", "/status/default", "/status/default/backup", "/status/default?embed=checks"]) {
      const { status, text, headers } = await w.visit(path);
      expect({ path, status, form: text.includes('<form class="login-form" method="post"'), leaks: text.includes("Nightly backup") }).toEqual({ path, status: 200, form: true, leaks: false });
      expect(headers.get("cache-control")).toBe("no-store");
    }
    expect((await w.visit("/status/default/backup")).text).toContain('action="/status/default/backup"');
    for (const path of ["/status/default/feed.atom", "/status/default/feed.json", "/status.json"]) {
      const { status, text } = await w.visit(path);
      expect({ path, status, text }).toEqual({ path, status: 401, text: "password required: add ?pw=<the status page password>" });
    }
  });

  test("the right password sets a signed cookie and leads back to the page asked for, in its theme", async () => {
    const w = await protectedWorld();
    const res = await w.submit("/status/default/backup?theme=dark", PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/status/default/backup?theme=dark");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^tocsin_status_\d+=\d+\.[A-Za-z0-9_-]{43}; Path=\/; Max-Age=604800; HttpOnly; SameSite=Lax$/);
    expect(cookie).not.toContain(PASSWORD);
    const page = await w.visit("/status/default/backup", { Cookie: w.cookieOf(res) });
    expect(page.text).toContain("<h1>Nightly backup</h1>");
    expect(page.headers.get("cache-control")).toBe("private, no-cache");
    // the cookie opens the feeds too, as in a browser
    expect((await w.visit("/status/default/feed.atom", { Cookie: w.cookieOf(res) })).status).toBe(200);
    // a cookie with its signature changed opens nothing
    const forged = w.cookieOf(res).replace(/.$/, (ch) => (ch === "A" ? "B" : "A"));
    expect((await w.visit("/status/default", { Cookie: forged })).text).toContain("login-form");
  });

  test("a wrong password shows the form again with the error", async () => {
    const w = await protectedWorld();
    const res = await w.submit("/status/default", "not the password");
    expect(res.status).toBe(403);
    const text = await res.text();
    expect(text).toContain('<p class="form-error" id="password-error" role="alert">Wrong password.</p>');
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  test("a new password ends every cookie the old one opened", async () => {
    const w = await protectedWorld();
    const cookie = w.cookieOf(await w.submit("/status/default", PASSWORD));
    expect((await w.visit("/status/default", { Cookie: cookie })).text).toContain("Nightly backup");
    await w.settings({ password: "another long password" });
    expect((await w.visit("/status/default", { Cookie: cookie })).text).toContain("login-form");
  });

  test("feeds take ?pw=; a wrong one is refused", async () => {
    const w = await protectedWorld();
    const ok = await w.visit(`/status/default/feed.json?pw=${encodeURIComponent(PASSWORD)}`);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain("Nightly backup");
    expect(ok.headers.get("cache-control")).toBe("private, no-cache");
    expect((await w.visit("/status/default/feed.atom?pw=wrong")).status).toBe(401);
  });

  test("cookies are Secure when the page is served over https", async () => {
    const w = await protectedWorld({ baseUrl: "https://status.example.org/tocsin" });
    const res = await w.submit("/status/default", PASSWORD);
    expect(res.headers.get("location")).toBe("/tocsin/status/default");
    expect(res.headers.get("set-cookie")).toContain("; Path=/tocsin/; Max-Age=604800; HttpOnly; SameSite=Lax; Secure");
  });
});

describe("password attempts", () => {
  test("are limited per page, so that many addresses (or one proxy) cannot try quickly", async () => {
    const w = await protectedWorld();
    const burst = STATUS_PASSWORD_LIMITS.page.burst;
    for (let i = 0; i < burst; i++) expect((await w.submit("/status/default", `wrong ${i}`, `203.0.113.${i}`)).status).toBe(403);
    // a new address, even with the right password, waits for the page's bucket
    const limited = await w.submit("/status/default", PASSWORD, "203.0.113.200");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.text()).toContain("Too many attempts; try again in");
    w.clock.advance(STATUS_PASSWORD_LIMITS.page.refillMs);
    expect((await w.submit("/status/default", PASSWORD, "203.0.113.200")).status).toBe(303);
  });

  test("are limited per address across pages", async () => {
    const w = await protectedWorld();
    const ops = w.store.write((tx) => tx.createProject("ops", "Operations", w.clock.now()));
    await w.call("POST", "/api/v3/project", { status_page: "password", password: PASSWORD }, ops.apiKey);
    const burst = STATUS_PASSWORD_LIMITS.address.burst;
    for (let i = 0; i < burst; i++) expect((await w.submit(i % 2 ? "/status/ops" : "/status/default", "wrong", "203.0.113.9")).status).toBe(403);
    expect((await w.submit("/status/ops", PASSWORD, "203.0.113.9")).status).toBe(429);
    expect((await w.submit("/status/ops", PASSWORD, "203.0.113.10")).status).toBe(303);
  });

  test("a ?pw= that verified is remembered for a minute: a feed reader keeps reading while the page is under attack", async () => {
    const w = await protectedWorld();
    const feed = `/status/default/feed.atom?pw=${encodeURIComponent(PASSWORD)}`;
    expect((await w.visit(feed)).status).toBe(200);
    for (let i = 0; i < STATUS_PASSWORD_LIMITS.page.burst; i++) await w.visit("/status/default/feed.atom?pw=wrong", {}, `203.0.113.${i}`);
    expect((await w.visit("/status/default/feed.atom?pw=wrong", {}, "203.0.113.99")).status).toBe(429);
    w.clock.advance(30_000);
    expect((await w.visit(feed)).status).toBe(200);
  });
});
