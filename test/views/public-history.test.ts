// Public pages keep each check's final buckets between requests (src/views/history-cache.ts): a
// page read with what was kept is the page read from scratch, whatever happened in between.
import { describe, expect, test } from "bun:test";
import { HistoryUpkeep } from "../../src/ingest/history-upkeep.ts";
import { createServices } from "../../src/services.ts";
import { silentLogger } from "../../src/log.ts";
import { aWorld } from "../support/world.ts";

const MIN = 60_000;
const DAY = 86_400_000;

describe("a page read with kept history", () => {
  test("is the page read from scratch, as days pass, checks flap and buckets become final", async () => {
    const w = aWorld();
    w.store.write((tx) => tx.updateStatusPageSettings(w.project.id, { mode: "public", title: "", description: "", logoUrl: "", tz: "America/New_York" }));
    const checks = [w.addCheck({ name: "steady", slug: "steady", public: true, timeout: 3 * DAY }), w.addCheck({ name: "flaky", slug: "flaky", public: true, timeout: 3 * DAY })];
    const upkeep = new HistoryUpkeep(w.store);
    const fromScratch = async (path: string) => {
      const other = createServices({ store: w.store, config: { pingBodyLimit: 100_000, pingLogLimit: 100, trustProxy: false, statusAtRoot: false }, log: silentLogger, now: w.clock.now, baseUrl: () => "http://tocsin.test" });
      return (await other.fetch(new Request(`http://tocsin.test${path}`))).text();
    };
    for (const c of checks) await w.request(`/ping/${c.uuid}`);
    for (let day = 0; day < 5; day++) {
      for (let i = 0; i < 3; i++) {
        w.clock.advance(97 * MIN);
        await w.request(`/ping/${checks[1]!.uuid}${i % 2 ? "" : "/fail"}`);
      }
      w.clock.advance(DAY - 3 * 97 * MIN);
      await w.request(`/ping/${checks[0]!.uuid}`);
      await upkeep.run(w.clock.now());
      for (const path of ["/status", "/status/default/flaky", "/status/default/feed.json"]) {
        const kept = await (await w.request(path)).text();
        expect({ day, path, same: kept === (await fromScratch(path)) }).toEqual({ day, path, same: true });
      }
    }
    // and it did show what happened: the day bars and incidents of those days
    const page = await (await w.request("/status")).text();
    expect(page).toContain("<title>2026-01-16: 6.73% up, down 22 h 23 min, 1 incident</title>");
    expect(page).toContain("(1 h 37 min)");
  });
});
