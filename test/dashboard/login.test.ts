import { describe, expect, test } from "bun:test";
import { PER_ADDRESS } from "../../src/dashboard/login-limits.ts";
import { setAdminPassword } from "../../src/sessions/admin-password.ts";
import { SESSION_IDLE_MS } from "../../src/sessions/sessions.ts";
import { aWorld } from "../support/world.ts";
import { aBrowser, aDashboard, PASSWORD } from "./support.ts";

async function aWorldWithPassword(opts: Parameters<typeof aWorld>[0] = {}) {
  const w = aWorld(opts);
  await setAdminPassword(w.store, PASSWORD);
  return w;
}

describe("dashboard login", () => {
  test("logs in with the admin password and sets an HttpOnly, SameSite=Lax session cookie for /app", async () => {
    const w = await aWorldWithPassword();
    const b = aBrowser(w);
    const res = await b.logIn();
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/app");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("tocsin_session="))!;
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/app");
    expect(cookie).not.toContain("Secure");
    expect(w.count("sessions")).toBe(1);
    expect((await b.get("/app/projects/default")).status).toBe(200);
  });

  test("stores only a digest of the session token", async () => {
    const w = await aDashboard();
    const token = w.browser.jar.get("tocsin_session")!;
    const rows = w.store.read((tx) => tx.listSessions(w.clock.now()));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(w.rows("meta")) + JSON.stringify(rows)).not.toContain(token);
  });

  test.each([
    { name: "is set over HTTPS", url: "https://tocsin.test", headers: {}, trustProxy: false, secure: true },
    { name: "is set behind a trusted proxy that says https", url: "http://tocsin.test", headers: { "X-Forwarded-Proto": "https" }, trustProxy: true, secure: true },
    { name: "is not set when an untrusted client says https", url: "http://tocsin.test", headers: { "X-Forwarded-Proto": "https" }, trustProxy: false, secure: false },
  ] as { name: string; url: string; headers: Record<string, string>; trustProxy: boolean; secure: boolean }[])("the session cookie's Secure flag $name", async (row) => {
    const w = await aWorldWithPassword({ config: { trustProxy: row.trustProxy } });
    const form = await w.services.fetch(new Request(`${row.url}/app/login`, { headers: row.headers }), "192.0.2.1");
    const loginCookie = form.headers.getSetCookie()[0]!.split(";")[0]!;
    const token = /name="csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const res = await w.services.fetch(
      new Request(`${row.url}/app/login`, {
        method: "POST",
        body: new URLSearchParams({ csrf: token, password: PASSWORD }).toString(),
        headers: { ...row.headers, Cookie: loginCookie, "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
      }),
      "192.0.2.1",
    );
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("tocsin_session="))!;
    expect(cookie.includes("; Secure")).toBe(row.secure);
  });

  test("refuses a wrong password, then rate-limits the address, even for the right password", async () => {
    const w = await aWorldWithPassword();
    const b = aBrowser(w);
    await b.get("/app/login");
    const statuses: number[] = [];
    for (let i = 0; i < PER_ADDRESS.burst; i++) statuses.push((await b.post("/app/login", { password: "wrong password" })).status);
    expect(statuses).toEqual(Array(PER_ADDRESS.burst).fill(401));
    const limited = await b.post("/app/login", { password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.text).toContain("Too many login attempts");
    // another address is not held back by this one
    const other = aBrowser(w, "198.51.100.9");
    expect((await other.logIn()).status).toBe(303);
    // and the address may try again once a token has come back
    w.clock.advance(PER_ADDRESS.refillMs);
    expect((await b.post("/app/login", { password: PASSWORD })).status).toBe(303);
  });

  test("limits attempts from all addresses together", async () => {
    const w = await aWorldWithPassword();
    let limited = 0;
    for (let i = 0; i < 30; i++) {
      const b = aBrowser(w, `203.0.113.${i}`);
      await b.get("/app/login");
      if ((await b.post("/app/login", { password: "guess" })).status === 429) limited++;
    }
    expect(limited).toBeGreaterThan(0);
  });

  test("logout ends the session in the database: the old cookie opens nothing", async () => {
    const w = await aDashboard();
    const cookie = w.browser.cookieHeader();
    await w.browser.get("/app/projects/default");
    expect((await w.browser.post("/app/logout")).status).toBe(303);
    expect(w.store.read((tx) => tx.listSessions(w.clock.now()))).toHaveLength(0);
    const res = await w.request("/app/projects/default", { headers: cookie, redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toStartWith("/app/login");
  });

  test("a session ends after a week unused, and lives on while it is used", async () => {
    const w = await aDashboard();
    w.clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await w.browser.get("/app/projects/default")).status).toBe(200);
    w.clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await w.browser.get("/app/projects/default")).status).toBe(200);
    w.clock.advance(SESSION_IDLE_MS + 1);
    expect((await w.browser.get("/app/projects/default")).status).toBe(303);
  });

  test("setting a new password ends every session", async () => {
    const w = await aDashboard();
    await setAdminPassword(w.store, "another password");
    expect((await w.browser.get("/app/projects/default")).status).toBe(303);
    expect((await w.browser.logIn(PASSWORD)).status).toBe(401);
    expect((await w.browser.logIn("another password")).status).toBe(303);
  });

  test.each([
    { name: "never sent to another site", next: "https://evil.example/", to: "/app" },
    { name: "never sent to a protocol-relative URL", next: "//evil.example/app", to: "/app" },
    { name: "never sent outside the dashboard", next: "/api/v3/checks/", to: "/app" },
    { name: "never sent away by a backslash trick", next: "/app\\@evil.example", to: "/app" },
    { name: "sent to the dashboard page it asked for", next: "/app/projects/default?tag=db", to: "/app/projects/default?tag=db" },
  ])("after login the browser is $name", async (row) => {
    const w = await aWorldWithPassword();
    const b = aBrowser(w);
    await b.get("/app/login");
    const res = await b.post("/app/login", { password: PASSWORD, next: row.next });
    expect(res.headers.get("location")).toBe(row.to);
  });
});
