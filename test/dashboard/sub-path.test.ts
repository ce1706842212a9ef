import { describe, expect, test } from "bun:test";
import { silentLogger } from "../../src/log.ts";
import { createServices } from "../../src/services.ts";
import { setAdminPassword } from "../../src/sessions/admin-password.ts";
import { migratedStore, settableClock } from "../support/db.ts";
import { T0 } from "../support/world.ts";
import { aBrowser, PASSWORD } from "./support.ts";

/** A Tocsin behind a proxy at https://example.org/tocsin (the proxy strips the prefix). */
async function underSubPath() {
  const store = migratedStore();
  const clock = settableClock(T0);
  const keys = store.write((tx) => tx.createProject("default", "Default", clock.now()));
  const services = createServices({ store, config: { pingBodyLimit: 100_000, pingLogLimit: 100, trustProxy: false, statusAtRoot: false }, log: silentLogger, now: clock.now, baseUrl: () => "https://example.org/tocsin" });
  const request = (path: string, init: RequestInit = {}, addr = "192.0.2.7") => services.fetch(new Request(`http://tocsin.test${path}`, init), addr);
  await setAdminPassword(store, PASSWORD);
  const browser = aBrowser({ request } as never);
  await browser.logIn();
  const check = store.write((tx) => tx.insertCheck({ projectId: keys.project.id, uuid: crypto.randomUUID(), name: "job", slug: "job" }, clock.now()));
  const channel = store.write((tx) => tx.insertChannel({ id: crypto.randomUUID(), projectId: keys.project.id, name: "hook", kind: "webhook", settings: { url: "http://example.org/" }, managed: false, created: 0 }));
  return { browser, check, channel };
}

describe("under a sub-path", () => {
  test("every link, form and asset of the new pages carries the prefix", async () => {
    const { browser, check, channel } = await underSubPath();
    for (const path of ["/app/projects/default/checks/new", `/app/checks/${check.uuid}/edit`, "/app/projects/default/channels", `/app/channels/${channel.id}`, "/app/projects/default/channels/new?kind=slack", "/app/projects/default/maintenance", "/app/projects/default/settings", "/app/new-project"]) {
      const page = await browser.get(path);
      expect(page.status).toBe(200);
      const urls = [...page.text.matchAll(/(?:href|action|src|data-preview)="(\/[^"]*)"/g)].map((m) => m[1]!);
      expect(urls.length).toBeGreaterThan(3);
      expect(urls.filter((u) => !u.startsWith("/tocsin/"))).toEqual([]);
    }
    const settings = await browser.get("/app/projects/default/settings");
    expect(settings.text).toContain('href="/tocsin/status/default"');
    expect(settings.text).toContain("https://example.org/tocsin/ping/");
  });
});
