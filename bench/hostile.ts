// Hostile load against the compiled binary (SPEC §2, §11): what once froze, exhausted or stalled
// the daemon, each against a fresh data directory, with the figures the README quotes.
//
//   npm run build && bun bench/hostile.ts [--binary dist/tocsin] [--seconds 10] [--flap-seconds 30]
//                                         [--only windows|bodies|metrics|flapping]
//
// 1. windows: a 30-day window opening every minute, one opening every second and back-to-back
//    hourly windows over 20 down checks with a channel. Event-loop lag is read from outside, as
//    the response time of /api/v3/status/ polled every 10 ms (target: max ≤ 50 ms).
// 2. bodies: 64 clients sending maximal ping bodies (10 MB, half declared, half chunked), then 8
//    chunked 120 MB management bodies; peak RSS from /proc (target ≤ 200 MB).
// 3. metrics: 10 000 checks, a round of 50 parallel /metrics scrapes every second while 4 clients
//    ping; the pings' latency (target p99 ≤ 50 ms).
// 4. flapping: one check alternating fail/success as fast as 4 clients can for --flap-seconds;
//    flip rows stored afterwards and the time of a GET of that check. Flip coalescing (SPEC §3)
//    bounds the rows to a few per minute; until it is in, the rows follow the changes.
import { Database } from "bun:sqlite";
import { mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadMigrations } from "../src/assets.ts";
import { openStore } from "../src/store/store.ts";

const { values } = parseArgs({
  options: {
    binary: { type: "string", default: "dist/tocsin" },
    seconds: { type: "string", default: "10" },
    "flap-seconds": { type: "string", default: "30" },
    only: { type: "string" },
  },
});
const SECONDS = Number(values.seconds);
const MB = 1_000_000;

interface Daemon {
  readonly url: string;
  readonly dir: string;
  readonly apiKey: string;
  readonly pingKey: string;
  readonly pid: number;
  stop(): Promise<number>;
}

/** A data directory with the default project and `checks` checks, and the binary serving it. */
async function start(checks = 0): Promise<Daemon> {
  const dir = mkdtempSync("/tmp/tocsin-bench-hostile-");
  const store = openStore(join(dir, "tocsin.db"));
  const migrated = store.migrate(loadMigrations());
  if (!migrated.ok) throw new Error(migrated.error);
  const keys = store.write((tx) => tx.createProject("default", "Default", Date.now()));
  store.write((tx) => {
    for (let i = 0; i < checks; i++) tx.insertCheck({ projectId: keys.project.id, uuid: crypto.randomUUID(), name: `check ${i}`, slug: `check-${i}`, tags: "bench", timeout: 3600, grace: 3600 }, Date.now());
  });
  store.close();
  const proc = Bun.spawn([values.binary, "serve", "--listen", "127.0.0.1:0", "--data-dir", dir, "--startup-grace", "0"], {
    env: { PATH: process.env.PATH ?? "", TOCSIN_LOG_FORMAT: "json" },
    stdout: "ignore",
    stderr: "pipe",
  });
  const reader = proc.stderr.getReader();
  let log = "";
  while (!/"msg":"listening"/.test(log)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`daemon exited: ${log}`);
    log += new TextDecoder().decode(value);
  }
  // keep draining stderr so that the daemon never blocks on a full pipe
  void (async () => {
    while (!(await reader.read()).done);
  })();
  const url = /"url":"([^"]+)"/.exec(log)![1]!;
  return {
    url,
    dir,
    apiKey: keys.apiKey,
    pingKey: keys.project.pingKey,
    pid: proc.pid,
    stop: async () => {
      proc.kill("SIGTERM");
      return proc.exited;
    },
  };
}

const rssKb = (pid: number, field: "VmRSS" | "VmHWM"): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function latencyLine(name: string, ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  return `${name}: n=${s.length} p50=${percentile(s, 50).toFixed(1)} ms p99=${percentile(s, 99).toFixed(1)} ms p99.9=${percentile(s, 99.9).toFixed(1)} ms max=${(s.at(-1) ?? NaN).toFixed(1)} ms`;
}

/** Calls `once` back to back until `until`, collecting each call's duration in ms. */
async function loop(until: number, once: () => Promise<unknown>, gapMs = 0): Promise<number[]> {
  const out: number[] = [];
  while (performance.now() < until) {
    const t0 = performance.now();
    await once();
    out.push(performance.now() - t0);
    if (gapMs > 0) await Bun.sleep(gapMs);
  }
  return out;
}

async function timed(once: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await once();
  return performance.now() - t0;
}

const call = (d: Daemon, path: string, body?: unknown) =>
  fetch(`${d.url}${path}`, { method: body === undefined ? "GET" : "POST", headers: { "X-Api-Key": d.apiKey }, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (r) => {
    await r.arrayBuffer();
    return r.status;
  });

async function windows(): Promise<void> {
  const d = await start();
  for (const w of [
    { cron: "* * * * *", duration: 2_592_000, slugs: ["*"] },
    { cron: "* * * * * *", duration: 2_592_000, slugs: ["*"] },
    { cron: "0 * * * *", duration: 3_600, slugs: ["*"] },
  ]) await call(d, "/api/v3/maintenance/", w);
  await call(d, "/api/v3/channels/", { name: "hook", kind: "webhook", settings: { url: "http://127.0.0.1:9/hook" } });
  for (let i = 0; i < 20; i++) {
    await call(d, "/api/v3/checks/", { name: `down ${i}`, slug: `down-${i}`, channels: "*" });
    await fetch(`${d.url}/ping/${d.pingKey}/down-${i}/fail`);
  }
  const until = performance.now() + SECONDS * 1000;
  const [lag, lists] = await Promise.all([
    loop(until, () => fetch(`${d.url}/api/v3/status/`).then((r) => r.text()), 10),
    loop(until, () => Promise.all([call(d, "/api/v3/maintenance/"), call(d, "/api/v3/checks/")]), 100),
  ]);
  console.log("1. maintenance windows (3 windows, 20 down checks with a channel)");
  console.log(`   ${latencyLine("status poll every 10 ms (event-loop lag)", lag)}`);
  console.log(`   ${latencyLine("GET maintenance + checks lists", lists)}`);
  console.log(`   SIGTERM: exit ${await d.stop()}`);
}

/** A streamed body of `bytes` bytes, sent without Content-Length. */
function chunked(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(0x78);
  let sent = 0;
  return new ReadableStream({
    pull(c) {
      if (sent >= bytes) return c.close();
      const n = Math.min(chunk.length, bytes - sent);
      c.enqueue(chunk.subarray(0, n));
      sent += n;
    },
  });
}

async function bodies(): Promise<void> {
  const d = await start(1);
  const statuses = new Map<string, number>();
  const count = (k: string) => statuses.set(k, (statuses.get(k) ?? 0) + 1);
  const idle = rssKb(d.pid, "VmRSS");
  const send = async (path: string, body: Uint8Array | ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Promise<void> => {
    try {
      const r = await fetch(`${d.url}${path}`, { method: "POST", body, headers, duplex: "half" } as RequestInit);
      await r.arrayBuffer();
      count(`${path.startsWith("/ping") ? "ping" : "api"} ${r.status}`);
    } catch {
      // the server may close a connection whose body it refused before reading it
      count(`${path.startsWith("/ping") ? "ping" : "api"} connection closed`);
    }
  };
  const maximal = new Uint8Array(10 * MB).fill(0x78);
  for (let round = 0; round < 3; round++) {
    await Promise.all(Array.from({ length: 64 }, (_, i) => send(`/ping/${d.pingKey}/check-0`, i % 2 === 0 ? maximal : chunked(10 * MB))));
  }
  const afterPings = rssKb(d.pid, "VmHWM");
  await Promise.all(Array.from({ length: 8 }, () => send("/api/v3/checks/", chunked(120 * MB), { "Content-Type": "application/json" })));
  console.log("2. maximal bodies (3 rounds of 64 clients × 10 MB ping bodies, then 8 × 120 MB chunked API bodies)");
  console.log(`   RSS idle ${(idle / 1000).toFixed(0)} MB, peak after pings ${(afterPings / 1000).toFixed(0)} MB, peak after API bodies ${(rssKb(d.pid, "VmHWM") / 1000).toFixed(0)} MB`);
  console.log(`   answers: ${[...statuses].map(([k, n]) => `${k} ×${n}`).join(", ")}`);
  await d.stop();
}

async function metrics(): Promise<void> {
  const d = await start(10_000);
  const until = performance.now() + SECONDS * 1000;
  let bytes = 0;
  const scrape = () =>
    fetch(`${d.url}/metrics`, { headers: { Authorization: `Bearer ${d.apiKey}` } }).then(async (r) => {
      bytes = (await r.arrayBuffer()).byteLength;
    });
  const ping = () => fetch(`${d.url}/ping/${d.pingKey}/check-${Math.floor(Math.random() * 10_000)}`).then((r) => r.text());
  // a round of 50 parallel scrapes every second, as 50 Prometheus servers scraping at once would
  const rounds = async (): Promise<number[]> => {
    const out: number[] = [];
    while (performance.now() < until) {
      const next = performance.now() + 1_000;
      out.push(...(await Promise.all(Array.from({ length: 50 }, () => timed(scrape)))));
      await Bun.sleep(Math.max(0, next - performance.now()));
    }
    return out;
  };
  const [scrapes, ...pingers] = await Promise.all([rounds(), ...Array.from({ length: 4 }, () => loop(until, ping))]);
  const pings = pingers.flat();
  console.log("3. /metrics at 10 000 checks (a round of 50 parallel scrapes every second, 4 clients pinging throughout)");
  console.log(`   ${latencyLine("concurrent pings", pings)}`);
  console.log(`   ${latencyLine("scrapes", scrapes)} (${(bytes / MB).toFixed(1)} MB each), peak RSS ${(rssKb(d.pid, "VmHWM") / 1000).toFixed(0)} MB`);
  await d.stop();
}

async function flapping(): Promise<void> {
  const d = await start(1);
  const seconds = Number(values["flap-seconds"]);
  const until = performance.now() + seconds * 1000;
  let n = 0;
  const flap = () => fetch(`${d.url}/ping/${d.pingKey}/check-0${n++ % 2 === 0 ? "/fail" : ""}`).then((r) => r.text());
  const sent = (await Promise.all(Array.from({ length: 4 }, () => loop(until, flap)))).flat().length;
  const list = (await (await fetch(`${d.url}/api/v3/checks/?slug=check-0`, { headers: { "X-Api-Key": d.apiKey } })).json()) as { checks: { uuid: string }[] };
  const uuid = list.checks[0]!.uuid;
  const gets = await loop(performance.now() + 3_000, () => call(d, `/api/v3/checks/${uuid}`));
  await d.stop();
  const db = new Database(join(d.dir, "tocsin.db"), { readonly: true });
  const rows = (db.query("SELECT count(*) AS n FROM flips").get() as { n: number }).n;
  db.close();
  const perMinute = rows / (seconds / 60);
  console.log(`4. flapping (${sent} alternating pings in ${seconds} s)`);
  console.log(`   flip rows: ${rows} (${perMinute.toFixed(0)} per minute; coalesced to a few per minute: ${perMinute <= 10 ? "yes" : "n/a, flips are not coalesced yet"})`);
  console.log(`   ${latencyLine("GET of the flapping check", gets)}`);
}

console.log(`bench/hostile.ts against ${values.binary}, ${navigator.hardwareConcurrency} cores\n`);
const scenarios: Record<string, () => Promise<void>> = { windows, bodies, metrics, flapping };
for (const [name, run] of Object.entries(scenarios)) if (values.only === undefined || values.only === name) await run();
