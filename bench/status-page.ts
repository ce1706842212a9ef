// Status page benchmark (SPEC §9, §11): a project with 200 public checks and 90 days of uptime
// buckets (1.7 million rows), a few incidents each, a maintenance window. Prints the first page
// after a start (its history read in slices), then the median of R runs of: the read model, the
// pure render, the whole request through the services' fetch, a revalidation (304), a check's
// page, the Atom feed and a badge.
//
//   bun bench/status-page.ts [--checks 200] [--runs 30]
//
// Requests go through the services' fetch as the daemon serves them, timed until the body's bytes.
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadMigrations } from "../src/assets.ts";
import { CronCache } from "../src/core/cron-cache.ts";
import { BUCKET_MS, bucketStart } from "../src/core/uptime-buckets.ts";
import { silentLogger } from "../src/log.ts";
import { createServices } from "../src/services.ts";
import { renderProjectPage } from "../src/status-page/render.ts";
import { DEFAULT_DEFINITION } from "../src/store/check-model.ts";
import { type BucketDelta, openStore } from "../src/store/store.ts";
import { HistoryCache } from "../src/views/history-cache.ts";
import { projectStatus } from "../src/views/public-status.ts";

const { values } = parseArgs({ options: { checks: { type: "string", default: "200" }, runs: { type: "string", default: "30" } } });
const CHECKS = Number(values.checks);
const RUNS = Number(values.runs);
const DAY = 86_400_000;
const BASE = "http://127.0.0.1:8000";

const store = openStore(join(mkdtempSync("/tmp/tocsin-bench-status-"), "tocsin.db"));
store.migrate(loadMigrations());
let now = Date.UTC(2026, 0, 15, 12, 7);
const created = now - 91 * DAY;
const project = store.write((tx) => tx.createProject("default", "Default", created)).project;
const badgeKey = crypto.randomUUID().replaceAll("-", "");
let rows = 0;
store.write((tx) => {
  tx.updateStatusPageSettings(project.id, { mode: "public", title: "Acme status", description: "Jobs that keep Acme running.", logoUrl: "", tz: "Europe/Berlin" });
  tx.insertWindow({ projectId: project.id, name: "Database upgrade", start: now + DAY, end: now + DAY + 7_200_000, cron: null, tz: "UTC", duration: null, slugs: ["job-1"], tags: [], managed: false }, now);
  for (let i = 0; i < CHECKS; i++) {
    const c = tx.insertDefinedCheck({ projectId: project.id, uuid: crypto.randomUUID(), badgeKey: i === 0 ? badgeKey : null, managed: false, definition: { ...DEFAULT_DEFINITION, name: `Nightly job ${i}`, slug: `job-${i}`, public: true, group: `Group ${i % 5}`, tags: `team-${i % 7}` } }, created);
    // every bucket of 90 days, fully up, except a 20-minute outage every 9 days (shifted per check)
    const deltas: BucketDelta[] = [];
    const cursor = bucketStart(now) - BUCKET_MS;
    for (let s = bucketStart(now - 90 * DAY); s < cursor; s += BUCKET_MS) {
      const down = (s / BUCKET_MS + i * 37) % 864 === 0;
      deltas.push(down ? { start: s, up: 600_000, down: 300_000, excluded: 0, incidents: 1 } : { start: s, up: BUCKET_MS, down: 0, excluded: 0 });
    }
    tx.addToBuckets(c.id, deltas);
    tx.advanceUptimeCursor(c.id, cursor);
    tx.saveStateIf(c.id, c, { ...c, status: "up", lastPing: now - 3_600_000, lastDuration: 42 });
    rows += deltas.length;
  }
});

const services = createServices({ store, config: { pingBodyLimit: 100_000, pingLogLimit: 100, trustProxy: false, statusAtRoot: false }, log: silentLogger, now: () => now, baseUrl: () => BASE });
const get = (path: string, headers: Record<string, string> = {}) => services.fetch(new Request(`${BASE}${path}`, { headers }), "127.0.0.1");

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Median wall time and median CPU time (user + system of this process) of `fn`. On a shared
 * machine the wall time includes waiting for the CPU; the CPU time is what the request cost.
 */
async function measure(label: string, fn: () => unknown | Promise<unknown>, before?: (i: number) => unknown | Promise<unknown>): Promise<void> {
  const wall: number[] = [];
  const cpu: number[] = [];
  // a few unmeasured runs first: the first calls of a path are the JIT's, not the request's
  for (let i = 0; i < 5; i++) {
    await before?.(RUNS + i);
    await fn();
  }
  for (let i = 0; i < RUNS; i++) {
    await before?.(i);
    const t = performance.now();
    const c = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    wall.push(performance.now() - t);
  }
  console.log(`${label.padEnd(60)} ${median(wall).toFixed(2).padStart(8)} ms  (cpu ${median(cpu).toFixed(2).padStart(6)} ms)`);
}

console.log(`${CHECKS} public checks, ${rows.toLocaleString("en")} uptime buckets (90 days), zone Europe/Berlin`);
const t0 = performance.now();
const first = await get("/status");
const firstBody = await first.text();
console.log(`${"first page after a start (history read in slices)".padEnd(60)} ${(performance.now() - t0).toFixed(2).padStart(8)} ms`);
console.log(`${"page size".padEnd(60)} ${(firstBody.length / 1000).toFixed(0).padStart(8)} KB`);

const deps = { crons: new CronCache(), history: new HistoryCache() };
await deps.history.warm(store, store.read((tx) => tx.publicCheckKeys(project.id)), now);
const fresh = store.read((tx) => tx.getProjectById(project.id))!;
const ask = { basePath: "", theme: "auto" as const, embed: null };
const model = store.read((tx) => projectStatus(tx, deps, fresh, ask, now));
// the pure render without a row memo: what a page costs when every row must be rendered
await measure("read model (warm history)", () => store.read((tx) => projectStatus(tx, deps, fresh, ask, now)));
await measure("render (pure, model → HTML, no row reused)", () => renderProjectPage(model));
await measure("GET /status (read, render reusing rows, ETag, bytes)", async () => (await get("/status")).arrayBuffer());
const uuids = store.read((tx) => tx.listPublicChecksOfProject(project.id).map((c) => c.uuid));
await measure("GET /status after a ping (its check's row rendered again)", async () => (await get("/status")).arrayBuffer(), (i) => get(`/ping/${uuids[i % uuids.length]}`));
await measure("GET /status after every check pinged (all rows rendered)", async () => (await get("/status")).arrayBuffer(), async () => {
  now += 1_000;
  await Promise.all(uuids.map((uuid) => get(`/ping/${uuid}`)));
});
const etag = (await get("/status")).headers.get("etag") ?? "";
await measure("GET /status with If-None-Match (304)", async () => {
  const res = await get("/status", { "If-None-Match": etag });
  if (res.status !== 304) throw new Error(`expected 304, got ${res.status}`);
});
await measure("GET /status/default/job-1 (a check's page)", async () => (await get("/status/default/job-1")).text());
await measure("GET /status/default/feed.atom", async () => (await get("/status/default/feed.atom")).text());
await measure("GET /b/3/<key>.svg (a check's badge)", async () => (await get(`/b/3/${badgeKey}.svg`)).text());
await measure(`GET /badge/<key>/*.svg (${CHECKS} checks)`, async () => (await get(`/badge/${project.badgeKey}/*.svg`)).text());
