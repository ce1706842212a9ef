// Ping throughput and latency (SPEC §11), against the compiled binary on loopback, with wrk as the
// load generator on one thread (so the client takes one of the two cores). Absolute figures move
// between machines; the target is the ratio to a bare Bun.serve answering "OK", measured in the
// same run with the same wrk settings.
//
//   npm run build && bun bench/ping.ts [--checks 1000] [--seconds 10] [--connections 64] [--binary dist/tocsin]
//
// Phases: the bare server; Tocsin with pings spread round robin over `--checks` simple checks;
// every ping to one hot check; pings spread over as many cron checks (each ping computes the
// next fire); about 2 000 pings/s over the simple checks (wrk's per-request delay hook), for the
// latency under ordinary load. Afterwards the stored pings are counted and compared with the 2xx
// answers wrk saw.
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadMigrations } from "../src/assets.ts";
import { openStore } from "../src/store/store.ts";
import { freePort, line, rssMb, waitUntilAnswering, wrk, type WrkResult } from "./support.ts";

const { values } = parseArgs({
  options: {
    checks: { type: "string", default: "1000" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "64" },
    binary: { type: "string", default: "dist/tocsin" },
    sync: { type: "string", default: "normal" },
  },
});
const N = Number(values.checks);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);

const dir = mkdtempSync("/tmp/tocsin-bench-ping-");
const store = openStore(join(dir, "tocsin.db"));
const migrated = store.migrate(loadMigrations());
if (!migrated.ok) throw new Error(migrated.error);
const project = store.write((t) => t.createProject("default", "Default", Date.now()).project);
const simple: string[] = [];
const cron: string[] = [];
store.write((t) => {
  for (let i = 0; i < N; i++) {
    const uuid = crypto.randomUUID();
    simple.push(uuid);
    t.insertCheck({ projectId: project.id, uuid, name: `check ${i}`, timeout: 3600, grace: 3600 }, Date.now());
  }
  for (let i = 0; i < N; i++) {
    const uuid = crypto.randomUUID();
    cron.push(uuid);
    t.insertCheck({ projectId: project.id, uuid, name: `cron ${i}`, kind: "cron", schedule: `${i % 60} 3 * * 1-5`, tz: "Europe/Berlin", grace: 3600 }, Date.now());
  }
});
store.close();

// 1. the runtime's ceiling on this machine: Bun.serve answering "OK", same runtime as the binary
const barePort = freePort();
const bare = Bun.spawn([process.execPath, "-e", `Bun.serve({ hostname: "127.0.0.1", port: ${barePort}, fetch: () => new Response("OK") })`], { stdout: "ignore", stderr: "inherit" });
await waitUntilAnswering(`http://127.0.0.1:${barePort}/`);
const ceiling = await wrk(dir, bare.pid, barePort, simple, SECONDS, CONNECTIONS, 0);
bare.kill("SIGTERM");
await bare.exited;

// 2. Tocsin
const port = freePort() + 1_000;
const proc = Bun.spawn([values.binary, "serve", "--listen", `127.0.0.1:${port}`, "--data-dir", dir, "--ping-log-limit", "100", "--sync", values.sync], {
  // /metrics without a key: the batch writer's counters say how the load was batched
  env: { ...process.env, TOCSIN_METRICS_PUBLIC: "1" },
  stdout: "ignore",
  stderr: "ignore",
});

interface Batches {
  count: number;
  seconds: number;
}

/** Batches committed so far and the time spent writing them (tocsin_batch_commit_seconds). */
async function batches(): Promise<Batches> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (name: string): number => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? Number.NaN);
  return { count: value("tocsin_batch_commit_seconds_count"), seconds: value("tocsin_batch_commit_seconds_sum") };
}
await waitUntilAnswering(`http://127.0.0.1:${port}/api/v3/status/`);
const idleRss = rssMb(proc.pid);
const batchesBefore = await batches();
const spread = await wrk(dir, proc.pid, port, simple, SECONDS, CONNECTIONS, 0);
const batchesAfter = await batches();
const rssAfter = rssMb(proc.pid);
const hot = await wrk(dir, proc.pid, port, simple.slice(0, 1), SECONDS, CONNECTIONS, 0);
const crons = await wrk(dir, proc.pid, port, cron, SECONDS, CONNECTIONS, 0);
// 22 connections, each waiting 10 ms between requests: about 2 000 pings/s
const paced = await wrk(dir, proc.pid, port, simple, SECONDS, 22, 10);
proc.kill("SIGTERM");
await proc.exited;

const after = openStore(join(dir, "tocsin.db"));
const stored = after.read((t) => t.tableRows("checks")).reduce((n, c) => n + (c.n_pings as number), 0);
after.close();
const runs = [spread, hot, crons, paced];
const acked = runs.reduce((n, r) => n + r.requests - r.non2xx, 0);

console.log(`${N} simple and ${N} cron checks, ${values.binary}, sync=${values.sync}, wrk -t1 -c${CONNECTIONS} -d${SECONDS}s`);
console.log(line("bare Bun.serve answering OK", ceiling));
const ratio = (r: WrkResult): string => `  ratio ${(r.rate / ceiling.rate).toFixed(2)} (CPU ${(ceiling.cpuUs / r.cpuUs).toFixed(2)})`;
console.log(line(`Tocsin, ${N} simple checks round robin`, spread, ratio(spread)));
{
  const n = batchesAfter.count - batchesBefore.count;
  const writing = batchesAfter.seconds - batchesBefore.seconds;
  console.log(`  ${n} batches, ${(spread.requests / n).toFixed(1)} pings per batch; writing them (SQLite and the state machine) ${((writing / spread.seconds) * 100).toFixed(0)} % of the time, ${((writing * 1e6) / spread.requests).toFixed(1)} µs per ping`);
}
console.log(line("Tocsin, one hot check", hot, ratio(hot)));
console.log(line(`Tocsin, ${N} cron checks (Europe/Berlin)`, crons, ratio(crons)));
console.log(line("Tocsin, about 2 000/s (22 conns x 10 ms delay)", paced));
console.log(`RSS: ${idleRss.toFixed(0)} MB after start, ${rssAfter.toFixed(0)} MB after the first load (with the web part, which /metrics loaded)`);
// wrk stops counting at its deadline; requests already sent may still be stored after that
console.log(`stored pings ${stored}, 2xx answers counted by wrk ${acked}, difference ${stored - acked} (0 up to the open connections is expected; negative would be a lost ping)`);
rmSync(dir, { recursive: true, force: true });
