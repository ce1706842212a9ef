import { describe, expect, test } from "bun:test";
import { migratedStore } from "../support/db.ts";
import { aDashboard } from "./support.ts";

/** Statements one GET of `path` runs, in a project of `n` checks, each with a channel and under a window. */
async function statementsFor(path: (ids: { channel: string }) => string, n: number): Promise<number> {
  const store = migratedStore(":memory:", { countStatements: true });
  const w = await aDashboard({ store });
  const channel = w.store.write((tx) => tx.insertChannel({ id: crypto.randomUUID(), projectId: w.project.id, name: "hook", kind: "webhook", settings: { url: "http://example.org/" }, managed: false, created: 0 }));
  store.write((tx) => {
    for (let i = 0; i < n; i++) {
      const c = tx.insertCheck({ projectId: w.project.id, uuid: crypto.randomUUID(), name: `job ${i}`, slug: `job-${i}`, tags: "nightly" }, w.clock.now());
      tx.setCheckChannels(c.id, [channel.id]);
    }
    tx.insertWindow({ projectId: w.project.id, name: "weekly", start: null, end: null, cron: "0 2 * * 0", tz: "UTC", duration: 3600, slugs: [], tags: ["nightly"], managed: false }, w.clock.now());
  });
  const url = path({ channel: channel.id });
  await w.browser.get(url);
  const before = store.statements();
  const page = await w.browser.get(url);
  expect(page.status).toBe(200);
  return store.statements() - before;
}

describe("the dashboard's pages read in a fixed number of statements", () => {
  test.each([
    { name: "channels", path: () => "/app/projects/default/channels" },
    { name: "one channel", path: (ids: { channel: string }) => `/app/channels/${ids.channel}` },
    { name: "maintenance", path: () => "/app/projects/default/maintenance" },
    { name: "new check", path: () => "/app/projects/default/checks/new" },
    { name: "settings", path: () => "/app/projects/default/settings" },
  ])("$name: the same for 10 checks and for 500", async (row) => {
    const small = await statementsFor(row.path, 10);
    const large = await statementsFor(row.path, 500);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(10);
  });
});
