// What the dashboard's guard promises for every route, walked over the route tables themselves so
// that a route added later is covered too.
import { describe, expect, test } from "bun:test";
import { MAX_FORM_BYTES } from "../../src/dashboard/guard.ts";
import { aBrowser, aDashboard, formToken, ORIGIN } from "./support.ts";

function pathOf(template: string, params: Record<string, string>): string {
  return template.replace(/:(\w+)/g, (_, name: string) => params[name] ?? "x");
}

async function aWorldWithACheck() {
  const w = await aDashboard();
  const check = w.addCheck({ name: "nightly", slug: "nightly" });
  await w.request(`/ping/${check.uuid}`, { method: "POST", body: "output" });
  return { w, check, params: { project: "default", uuid: check.uuid, n: "1" } };
}

describe("every dashboard route", () => {
  test("only the login form and its POST answer without a session", async () => {
    const { w } = await aWorldWithACheck();
    const open = (await w.services.web()).dashboard.routes.filter((r) => r.auth !== "session").map((r) => `${r.method} ${r.path}`);
    expect(open).toEqual(["GET /app/login", "POST /app/login"]);
  });

  test.each([
    { name: "no cookie", cookie: null },
    { name: "a made-up session cookie", cookie: "tocsin_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
    { name: "a cookie of a session that ended", cookie: "ended" },
  ])("sends a request with $name to the login form and changes nothing", async (row) => {
    const { w, check, params } = await aWorldWithACheck();
    let cookie: string | null = row.cookie;
    if (cookie === "ended") {
      cookie = w.browser.cookieHeader().Cookie!;
      await w.browser.get("/app/projects/default");
      await w.browser.post("/app/logout");
    }
    const routes = (await w.services.web()).dashboard.routes.filter((r) => r.auth === "session");
    expect(routes.length).toBeGreaterThan(8);
    for (const r of routes) {
      const headers: Record<string, string> = { Origin: ORIGIN, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded" };
      if (cookie !== null) headers.Cookie = cookie;
      const res = await w.request(pathOf(r.path, params), { method: r.method, headers, body: r.method === "POST" ? "confirm=yes&hours=5" : undefined, redirect: "manual" });
      expect({ route: `${r.method} ${r.path}`, status: res.status, location: res.headers.get("location")?.split("?")[0] }).toEqual({ route: `${r.method} ${r.path}`, status: 303, location: "/app/login" });
    }
    const after = w.reload(check);
    expect({ status: after.status, mutedUntil: after.mutedUntil }).toEqual({ status: "up", mutedUntil: null });
  });

  test("every API route still requires its key, whatever dashboard session the browser holds", async () => {
    const w = await aDashboard({ config: { metricsToken: "metrics-token-0000" } });
    const check = w.addCheck({ name: "nightly" });
    const params = { uuid: check.uuid, n: "1" };
    const cookie = w.browser.cookieHeader();
    const keyed = (await w.services.web()).app.routes.filter((r) => r.auth !== "none");
    expect(keyed.length).toBeGreaterThan(10);
    for (const r of keyed) {
      const path = pathOf(r.path, { ...params, code: params.uuid, id: "00000000-0000-4000-8000-000000000000" });
      const res = await w.request(path, { method: r.method, headers: { ...cookie, "Content-Type": "application/json" }, body: r.method === "GET" ? undefined : "{}" });
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 401 });
    }
  });

  test("nothing of the dashboard is reachable from the status page", async () => {
    const w = await aDashboard({ config: { statusAtRoot: true } });
    w.addCheck({ name: "public job", slug: "public-job", public: true });
    w.addCheck({ name: "secret job", slug: "secret-job" });
    for (const path of ["/status", "/"]) {
      const res = await w.request(path, { headers: w.browser.cookieHeader() });
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(text).toContain("public job");
      expect(text).not.toContain("secret job");
      expect(text).not.toContain("/app");
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    // the session cookie is scoped to /app: a browser never sends it to the status page
    const login = await aBrowser(w).logIn();
    expect(login.headers.getSetCookie().find((c) => c.startsWith("tocsin_session="))).toContain("Path=/app;");
  });

  test("/ sends the browser to the dashboard unless the status page is at the root", async () => {
    const w = await aDashboard();
    const res = await w.request("/", { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/app");
  });
});

describe("unsafe requests to the dashboard", () => {
  const refusals: { name: string; token: "none" | "own" | "other"; headers: Record<string, string | null>; status: number }[] = [
    { name: "without the form token", token: "none", headers: {}, status: 403 },
    { name: "with another session's form token", token: "other", headers: {}, status: 403 },
    { name: "sent from another site", token: "own", headers: { "Sec-Fetch-Site": "cross-site" }, status: 403 },
    { name: "sent from a sibling site", token: "own", headers: { "Sec-Fetch-Site": "same-site" }, status: 403 },
    { name: "from a browser without fetch metadata and a foreign Origin", token: "own", headers: { "Sec-Fetch-Site": null, Origin: "https://evil.example" }, status: 403 },
    { name: "without fetch metadata or Origin", token: "own", headers: { "Sec-Fetch-Site": null, Origin: null }, status: 403 },
    { name: "as JSON instead of a form", token: "own", headers: { "Content-Type": "application/json" }, status: 415 },
  ];

  test.each(refusals)("are refused $name, and change nothing", async (row) => {
    const { w, check } = await aWorldWithACheck();
    await w.browser.get(`/app/checks/${check.uuid}`);
    let token: string | null | undefined = row.token === "none" ? null : undefined;
    if (row.token === "other") {
      const other = aBrowser(w, "198.51.100.1");
      await other.logIn();
      token = formToken((await other.get("/app/projects/default")).text);
    }
    const res = await w.browser.post(`/app/checks/${check.uuid}/pause`, {}, { token, headers: row.headers });
    expect(res.status).toBe(row.status);
    expect(w.reload(check).status).toBe("up");
  });

  test("are accepted from our own page by Origin alone when the browser sends no fetch metadata", async () => {
    const { w, check } = await aWorldWithACheck();
    await w.browser.get(`/app/checks/${check.uuid}`);
    const res = await w.browser.post(`/app/checks/${check.uuid}/pause`, {}, { headers: { "Sec-Fetch-Site": null } });
    expect(res.status).toBe(303);
    expect(w.reload(check).status).toBe("paused");
  });

  test("with a form larger than the bound are refused before it is read", async () => {
    const { w, check } = await aWorldWithACheck();
    await w.browser.get(`/app/checks/${check.uuid}`);
    const res = await w.browser.post(`/app/checks/${check.uuid}/mute`, { hours: "1", pad: "x".repeat(MAX_FORM_BYTES) });
    expect(res.status).toBe(413);
    expect(w.reload(check).mutedUntil).toBeNull();
  });
});
