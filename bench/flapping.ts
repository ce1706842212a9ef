// Flip floods (SPEC §3, §9): a job alternating /fail and /success as fast as it can for N
// seconds, against an in-process Tocsin (real services, a file database, the real clock). Prints
// how many flip rows (and uptime buckets) it left behind, and what a check's GET, the check list,
// its /flips/ and the status page cost before and after the flood.
//
//   bun bench/flapping.ts [--seconds 30] [--clients 8] [--runs 20]
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadMigrations } from "../src/assets.ts";
import { silentLogger } from "../src/log.ts";
import { createServices } from "../src/services.ts";
import { openStore } from "../src/store/store.ts";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "30" }, clients: { type: "string", default: "8" }, runs: { type: "string", default: "20" } },
});
const SECONDS = Number(values.seconds);
const CLIENTS = Number(values.clients);
const RUNS = Number(values.runs);

const dir = mkdtempSync("/tmp/tocsin-bench-flapping-");
const store = openStore(join(dir, "tocsin.db"));
const migrated = store.migrate(loadMigrations());
if (!migrated.ok) throw new Error(migrated.error);
const tx = store.read((t) => t);
const keys = tx.createProject("default", "Default", Date.now());
const hook = tx.insertChannel({
  id: crypto.randomUUID(),
  projectId: keys.project.id,
  name: "bench",
  kind: "webhook",
  // nothing listens there: attempts fail fast, as a dead receiver would
  settings: { url: "http://127.0.0.1:9/hook", method: "POST", headers: {}, body: "", on_down: true, on_up: true },
  managed: false,
  created: Date.now(),
});
const services = createServices({
  store,
  config: { pingBodyLimit: 100_000, pingLogLimit: 100, trustProxy: false, statusAtRoot: false },
  log: silentLogger,
  now: Date.now,
  baseUrl: () => "http://127.0.0.1",
});
const check = tx.insertCheck({ projectId: keys.project.id, uuid: crypto.randomUUID(), name: "flapper", slug: "flapper", public: true, timeout: 3600, grace: 3600 }, Date.now());
tx.setCheckChannels(check.id, [hook.id]);
services.index.upsertCheck(check.id, check);
services.start();

const api = { "X-Api-Key": keys.apiKey };
const get = (path: string, headers: Record<string, string> = api) => services.fetch(new Request(`http://127.0.0.1${path}`, { headers }));

async function median(path: string): Promise<{ ms: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const res = await get(path);
    bytes = (await res.arrayBuffer()).byteLength;
    times.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, bytes };
}

async function report(label: string): Promise<void> {
  const rows = store.read((t) => ({ flips: t.countRows("flips"), buckets: countBuckets() }));
  console.log(`${label}: ${rows.flips} flip rows${rows.buckets === null ? "" : `, ${rows.buckets} uptime buckets`}`);
  for (const [name, path] of [
    ["GET /api/v3/checks/<uuid>", `/api/v3/checks/${check.uuid}`],
    ["GET /api/v3/checks/", "/api/v3/checks/"],
    ["GET /api/v3/checks/<uuid>/flips/", `/api/v3/checks/${check.uuid}/flips/`],
    ["GET /status", "/status"],
  ] as const) {
    const m = await median(path);
    console.log(`  ${name.padEnd(34)} median ${m.ms.toFixed(2).padStart(8)} ms, ${m.bytes} bytes`);
  }
}

function countBuckets(): number | null {
  try {
    return store.read((t) => t.countRows("uptime_buckets" as Parameters<typeof t.countRows>[0]));
  } catch {
    return null; // a schema without buckets
  }
}

await report("before");
let pings = 0;
const until = Date.now() + SECONDS * 1000;
await Promise.all(
  Array.from({ length: CLIENTS }, async (_, c) => {
    for (let i = c; Date.now() < until; i++) {
      const res = await services.fetch(new Request(`http://127.0.0.1/ping/${check.uuid}${i % 2 === 0 ? "/fail" : ""}`));
      if (res.status !== 200) throw new Error(`ping answered ${res.status}`);
      pings++;
    }
  }),
);
await services.notifier.runDue();
const statusChanges = store.read((t) => t.tableRows("flips").reduce((n, r) => n + Number(r.changes ?? 1), 0));
console.log(`flood: ${pings} pings in ${SECONDS} s from ${CLIENTS} clients, ${statusChanges} status changes`);
await report("after");
const sent = store.read((t) => t.countRows("notifications"));
console.log(`alert attempts recorded: ${sent}`);
await services.stop();
store.close();
