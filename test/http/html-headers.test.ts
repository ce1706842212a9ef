// SPEC §2: every HTML answer carries a Content-Security-Policy without inline script, nosniff,
// Referrer-Policy same-origin and a frame policy.
import { describe, expect, test } from "bun:test";
import { silentLogger } from "../../src/log.ts";
import { route } from "../../src/http/route.ts";
import { createRouter } from "../../src/http/router.ts";
import { migratedStore } from "../support/db.ts";
import { aWorld } from "../support/world.ts";

function expectSecurityHeaders(res: Response, where: string): void {
  const csp = res.headers.get("content-security-policy") ?? "";
  expect({ where, csp: csp.includes("default-src 'self'") && csp.includes("frame-ancestors 'none'") && !csp.includes("unsafe-inline") }).toEqual({ where, csp: true });
  expect({ where, nosniff: res.headers.get("x-content-type-options") }).toEqual({ where, nosniff: "nosniff" });
  expect({ where, referrer: res.headers.get("referrer-policy") }).toEqual({ where, referrer: "same-origin" });
  expect({ where, frames: res.headers.get("x-frame-options") }).toEqual({ where, frames: "DENY" });
}

/** A request path for a route's pattern, with each parameter filled in. */
const pathOf = (pattern: string): string => pattern.replace(/:file\b/, "status.css").replace(/:[a-z]+/g, "x");

describe("HTML security headers", () => {
  test("every HTML route of the route table answers with them", async () => {
    const w = aWorld({ config: { statusAtRoot: true } });
    const html = (await w.services.web()).app.routes.filter((r) => r.method === "GET" && Object.values(r.doc.responses).some((d) => d.contentType === "text/html"));
    expect(html.length).toBeGreaterThan(0);
    for (const r of html) {
      const res = await w.request(pathOf(r.path));
      expect({ path: r.path, type: res.headers.get("content-type") }).toEqual({ path: r.path, type: "text/html; charset=utf-8" });
      expectSecurityHeaders(res, r.path);
    }
  });

  test("every GET route that happens to answer HTML carries them too", async () => {
    const w = aWorld({ config: { statusAtRoot: true } });
    for (const r of (await w.services.web()).app.routes.filter((x) => x.method === "GET")) {
      const res = await w.request(pathOf(r.path), { headers: { "X-Api-Key": w.keys.apiKey } });
      if ((res.headers.get("content-type") ?? "").startsWith("text/html")) expectSecurityHeaders(res, r.path);
    }
  });

  test("a route that returns bare HTML gets them from the router", async () => {
    const bare = route({ method: "GET", path: "/bare", auth: "none", doc: { summary: "bare", responses: { "200": { description: "HTML", contentType: "text/html" } } }, handle: () => new Response("<p>hi</p>", { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } }) });
    const router = createRouter([bare], { store: migratedStore(), log: silentLogger, baseUrl: () => "http://tocsin.test" });
    const res = await router(new Request("http://tocsin.test/bare"), new URL("http://tocsin.test/bare"));
    expectSecurityHeaders(res, "/bare");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.text()).toBe("<p>hi</p>");
  });

  test("a page that sets its own policy keeps it (embed mode may be framed)", async () => {
    const framable = route({
      method: "GET",
      path: "/embed",
      auth: "none",
      doc: { summary: "embed", responses: { "200": { description: "HTML", contentType: "text/html" } } },
      handle: () => new Response("<p>embed</p>", { headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "default-src 'self'; frame-ancestors *" } }),
    });
    const router = createRouter([framable], { store: migratedStore(), log: silentLogger, baseUrl: () => "http://tocsin.test" });
    const res = await router(new Request("http://tocsin.test/embed"), new URL("http://tocsin.test/embed"));
    expect(res.headers.get("content-security-policy")).toBe("default-src 'self'; frame-ancestors *");
    expect(res.headers.get("x-frame-options")).toBeNull();
  });
});
