import { describe, expect, test } from "bun:test";
import { aWorld } from "../support/world.ts";

function app(statusAtRoot = false) {
  const w = aWorld({ config: { statusAtRoot } });
  return { store: w.store, app: w };
}
const get = (a: ReturnType<typeof aWorld>, path: string) => a.request(path);

describe("http app", () => {
  test("the status endpoint answers OK while the database answers", async () => {
    const { app: a } = app();
    const res = await get(a, "/api/v3/status/");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("OK");
  });

  test("the status endpoint answers 503 when the database is gone", async () => {
    const { app: a, store } = app();
    store.close();
    const res = await get(a, "/api/v3/status/");
    expect(res.status).toBe(503);
  });

  test("serves the embedded status page and its assets with content types", async () => {
    const { app: a } = app();
    const page = await get(a, "/status");
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toContain('href="/static/status.css"');
    expect((await get(a, "/static/status.css")).headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect((await get(a, "/static/favicon.svg")).headers.get("content-type")).toBe("image/svg+xml");
  });

  test("never serves files outside public/", async () => {
    const { app: a } = app();
    expect((await get(a, "/static/..%2Fpackage.json")).status).toBe(404);
    expect((await get(a, "/static/.hidden")).status).toBe(404);
    expect((await get(a, "/static/missing.css")).status).toBe(404);
  });

  test("serves the status page at / only when asked to, and otherwise sends the browser to the dashboard", async () => {
    const root = await get(app(false).app, "/");
    expect(root.status).toBe(303);
    expect(root.headers.get("location")).toBe("/app");
    expect((await get(app(true).app, "/")).status).toBe(200);
  });
});
