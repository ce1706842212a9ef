// The ping path's own cost, without the network or a load generator: requests handed straight to
// the services' fetch in waves of `--concurrency`, against a real database in a temporary
// directory, so the figure is this code's CPU time per ping (steadier than a wrk run on a busy
// machine, and the place to compare two versions of the code).
//
//   bun bench/ping-inproc.ts [--checks 1000] [--pings 200000] [--concurrency 64] [--cron]
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadMigrations } from "../src/assets.ts";
import { silentLogger } from "../src/log.ts";
import { createServices } from "../src/services.ts";
import { openStore } from "../src/store/store.ts";

const { values } = parseArgs({
  options: {
    checks: { type: "string", default: "1000" },
    pings: { type: "string", default: "200000" },
    concurrency: { type: "string", default: "64" },
    cron: { type: "boolean", default: false },
  },
});
const N = Number(values.checks);
const PINGS = Number(values.pings);
const C = Number(values.concurrency);

const dir = mkdtempSync("/tmp/tocsin-bench-inproc-");
const store = openStore(join(dir, "tocsin.db"));
const migrated = store.migrate(loadMigrations());
if (!migrated.ok) throw new Error(migrated.error);
const project = store.write((t) => t.createProject("default", "Default", Date.now()).project);
const uuids: string[] = [];
store.write((t) => {
  for (let i = 0; i < N; i++) {
    const uuid = crypto.randomUUID();
    uuids.push(uuid);
    const cron = values.cron ? { kind: "cron" as const, schedule: `${i % 60} 3 * * 1-5`, tz: "Europe/Berlin" } : { timeout: 3600 };
    t.insertCheck({ projectId: project.id, uuid, name: `check ${i}`, grace: 3600, ...cron }, Date.now());
  }
});
const config = { pingBodyLimit: 100_000, pingLogLimit: 100, trustProxy: false, statusAtRoot: false };
const services = createServices({ store, config, log: silentLogger, now: Date.now, baseUrl: () => "http://127.0.0.1:8000" });

async function wave(from: number): Promise<void> {
  const all: Promise<Response>[] = [];
  for (let i = 0; i < C; i++) all.push(services.fetch(new Request(`http://127.0.0.1:8000/ping/${uuids[(from + i) % N]}`), "127.0.0.1"));
  for (const r of await Promise.all(all)) if (r.status !== 200) throw new Error(`answered ${r.status}: ${await r.text()}`);
}
// warm up: a first round over every check, so the log has rows and the code is compiled
for (let k = 0; k < N * 2; k += C) await wave(k);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let k = 0; k < PINGS; k += C) await wave(k);
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
console.log(
  `${N} ${values.cron ? "cron" : "simple"} checks, ${PINGS} pings in waves of ${C}: ${((cpu.user + cpu.system) / PINGS).toFixed(1)} µs CPU per ping ` +
    `(${(cpu.user / PINGS).toFixed(1)} user, ${(cpu.system / PINGS).toFixed(1)} system), ${((wall * 1000) / PINGS).toFixed(1)} µs wall`,
);
await services.stop();
store.close();
rmSync(dir, { recursive: true, force: true });
