// Ping throughput and latency (SPEC §11), against the compiled binary on loopback, with wrk as the
// load generator on one thread (so the client takes one of the two cores).
//
//   npm run build && bun bench/ping.ts [--checks 1000] [--seconds 20] [--connections 64] [--binary dist/tocsin]
//
// Phase 1: sustained load with keep-alive, as fast as it goes. Phase 2: ~2 000 pings/s (wrk's
// per-request delay hook), for the latency figure. Afterwards the stored pings are counted and
// compared with the 2xx answers wrk saw.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadMigrations } from "../src/assets.ts";
import { openStore } from "../src/store/store.ts";

const { values } = parseArgs({
  options: {
    checks: { type: "string", default: "1000" },
    seconds: { type: "string", default: "20" },
    connections: { type: "string", default: "64" },
    binary: { type: "string", default: "dist/tocsin" },
    sync: { type: "string", default: "normal" },
  },
});
const N = Number(values.checks);

const dir = mkdtempSync("/tmp/tocsin-bench-ping-");
const store = openStore(join(dir, "tocsin.db"));
const migrated = store.migrate(loadMigrations());
if (!migrated.ok) throw new Error(migrated.error);
const tx = store.read((t) => t);
const project = tx.createProject("default", "Default", Date.now()).project;
const uuids: string[] = [];
store.write((t) => {
  for (let i = 0; i < N; i++) {
    const uuid = crypto.randomUUID();
    uuids.push(uuid);
    t.insertCheck({ projectId: project.id, uuid, name: `check ${i}`, timeout: 3600, grace: 3600 }, Date.now());
  }
});
store.close();

// wrk picks a check per request, round robin per thread
const lua = (delayMs: number): string => `
local uuids = { ${uuids.map((u) => `"${u}"`).join(",")} }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/ping/" .. uuids[(i % #uuids) + 1])
end
${delayMs > 0 ? `delay = function() return ${delayMs} end` : ""}
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), summary.duration))
end
`;

const port = 19_000 + Math.floor(Math.random() * 1_000);
const proc = Bun.spawn([values.binary, "serve", "--listen", `127.0.0.1:${port}`, "--data-dir", dir, "--ping-log-limit", "100", "--sync", values.sync], {
  stdout: "ignore",
  stderr: "ignore",
});
for (;;) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/api/v3/status/`)).ok) break;
  } catch {}
  await Bun.sleep(10);
}
const rss = (): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, "utf8"))![1]) / 1024;
console.log(`${N} checks, binary ${values.binary}, sync=${values.sync}, idle RSS ${rss().toFixed(0)} MB`);

interface WrkResult { requests: number; non2xx: number; socketErrors: number; p50: number; p99: number; seconds: number }

async function wrk(seconds: number, connections: number, delayMs: number): Promise<WrkResult> {
  const script = join(dir, `wrk-${delayMs}.lua`);
  writeFileSync(script, lua(delayMs));
  const run = Bun.spawn(["wrk", "-t1", `-c${connections}`, `-d${seconds}s`, "-s", script, `http://127.0.0.1:${port}`], { stdout: "pipe", stderr: "pipe" });
  const out = await new Response(run.stdout).text();
  await run.exited;
  const m = /RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(out);
  if (!m) throw new Error(`wrk failed: ${out}`);
  const [requests, non2xx, socketErrors, p50, p99, us] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return { requests, non2xx, socketErrors, p50: p50 / 1000, p99: p99 / 1000, seconds: us / 1e6 };
}

const sustained = await wrk(Number(values.seconds), Number(values.connections), 0);
console.log(
  `sustained, ${values.connections} connections, ${sustained.seconds.toFixed(1)} s: ${(sustained.requests / sustained.seconds).toFixed(0)} pings/s, ` +
    `p50 ${sustained.p50.toFixed(2)} ms, p99 ${sustained.p99.toFixed(2)} ms, non-2xx ${sustained.non2xx}, socket errors ${sustained.socketErrors}, RSS ${rss().toFixed(0)} MB`,
);
// 22 connections, each waiting 10 ms between requests: about 2 000 pings/s
const paced = await wrk(10, 22, 10);
console.log(
  `paced, 22 connections x 10 ms delay, ${paced.seconds.toFixed(1)} s: ${(paced.requests / paced.seconds).toFixed(0)} pings/s, ` +
    `p50 ${paced.p50.toFixed(2)} ms, p99 ${paced.p99.toFixed(2)} ms, non-2xx ${paced.non2xx}, socket errors ${paced.socketErrors}`,
);
proc.kill("SIGTERM");
await proc.exited;

const after = openStore(join(dir, "tocsin.db"));
const stored = after.read((t) => t.tableRows("checks")).reduce((n, c) => n + (c.n_pings as number), 0);
after.close();
const acked = sustained.requests - sustained.non2xx + paced.requests - paced.non2xx;
// wrk stops counting at its deadline; requests already sent may still be stored after that
console.log(`stored pings ${stored}, 2xx answers counted by wrk ${acked}, difference ${stored - acked} (≤ open connections is expected)`);
