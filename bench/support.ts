// What the benchmarks that run a server share: waiting until it answers, reading its resident
// memory and CPU time, and loading it with wrk.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Resolves once `url` answers 2xx (the binary is up); polls every `pollMs`. */
export async function waitUntilAnswering(url: string, pollMs = 10): Promise<void> {
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await Bun.sleep(pollMs);
  }
}

/** The process's resident set (VmRSS), in MB. */
export function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
}

/** A port in the range the benchmarks use; each server gets its own. */
export const freePort = (): number => 19_000 + Math.floor(Math.random() * 1_000);

// wrk picks a check per request, round robin per thread
const lua = (uuids: readonly string[], delayMs: number): string => `
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

export interface WrkResult {
  /** requests per second */
  rate: number;
  /** the server's CPU time per request */
  cpuUs: number;
  requests: number;
  non2xx: number;
  socketErrors: number;
  p50: number;
  p99: number;
  seconds: number;
}

let scripts = 0;
/**
 * wrk on one thread (so the client takes one of the two cores) against `port`, each request a
 * `GET /ping/<uuid>` round robin over `uuids`; `delayMs` paces each connection. The script is
 * written into `dir`.
 */
export async function wrk(dir: string, pid: number, port: number, uuids: readonly string[], seconds: number, connections: number, delayMs: number): Promise<WrkResult> {
  const script = join(dir, `wrk-${scripts++}.lua`);
  writeFileSync(script, lua(uuids, delayMs));
  const cpu0 = cpuUsOf(pid);
  const run = Bun.spawn(["wrk", "-t1", `-c${connections}`, `-d${seconds}s`, "-s", script, `http://127.0.0.1:${port}`], { stdout: "pipe", stderr: "pipe" });
  const out = await new Response(run.stdout).text();
  await run.exited;
  const m = /RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(out);
  if (!m) throw new Error(`wrk failed: ${out}`);
  const [requests, non2xx, socketErrors, p50, p99, us] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return { rate: requests / (us / 1e6), cpuUs: (cpuUsOf(pid) - cpu0) / requests, requests, non2xx, socketErrors, p50: p50 / 1000, p99: p99 / 1000, seconds: us / 1e6 };
}

export const line = (name: string, r: WrkResult, extra = ""): string =>
  `${name.padEnd(44)} ${r.rate.toFixed(0).padStart(6)}/s  p50 ${r.p50.toFixed(2).padStart(5)} ms  p99 ${r.p99.toFixed(2).padStart(6)} ms  ` +
  `${r.cpuUs.toFixed(1).padStart(5)} µs CPU/request  non-2xx ${r.non2xx}  socket errors ${r.socketErrors}${extra}`;

/** CPU time (user + system) the process has used, in µs: on a shared machine a steadier figure than the rate. */
function cpuUsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after "(comm) "; in clock ticks of 10 ms
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}
