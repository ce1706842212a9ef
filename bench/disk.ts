// Bytes written to disk per ping at a low steady rate (SPEC §11: SD cards wear by what is written),
// against the compiled binary on a new database. The figure is the growth of the process's
// `write_bytes` in /proc/<pid>/io over the pings, divided by their number: what the kernel had to
// send to the storage device on the process's behalf, the WAL and checkpoints included. Run it
// with the data directory on the file system to judge (ext4 here).
//
//   npm run build && bun bench/disk.ts [--pings 60] [--interval-ms 1000] [--ping-log-limit 100] [--binary dist/tocsin] [--dir .]
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Database } from "bun:sqlite";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { waitUntilAnswering } from "./support.ts";

const { values } = parseArgs({
  options: {
    pings: { type: "string", default: "60" },
    "interval-ms": { type: "string", default: "1000" },
    binary: { type: "string", default: "dist/tocsin" },
    dir: { type: "string", default: "." },
    /** a log limit below the number of pings measures the steady state, where each ping also prunes */
    "ping-log-limit": { type: "string", default: "100" },
  },
});
const PINGS = Number(values.pings);
const INTERVAL = Number(values["interval-ms"]);

const dir = mkdtempSync(join(resolve(values.dir), ".tocsin-bench-disk-"));
const port = 20_000 + Math.floor(Math.random() * 1_000);
const base = `http://127.0.0.1:${port}`;
const apiKey = "disk-bench-api-key-0123456789abcdef";
const proc = Bun.spawn([values.binary, "serve", "--listen", `127.0.0.1:${port}`, "--data-dir", dir, "--ping-log-limit", values["ping-log-limit"]], {
  env: { ...process.env, TOCSIN_API_KEY: apiKey },
  stdout: "ignore",
  stderr: "ignore",
});
await waitUntilAnswering(`${base}/api/v3/status/`, 20);
const created = await fetch(`${base}/api/v3/checks/`, { method: "POST", headers: { "X-Api-Key": apiKey, "Content-Type": "application/json" }, body: JSON.stringify({ name: "backup", timeout: 3600, grace: 600 }) });
const check = (await created.json()) as { ping_url: string };
// let start-up writes (migrations, first housekeeping) settle before measuring
await Bun.sleep(3_000);

const writeBytes = (): number => Number(/write_bytes:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/io`, "utf8"))![1]);
const before = writeBytes();
const started = performance.now();
for (let i = 0; i < PINGS; i++) {
  const res = await fetch(check.ping_url, { method: "POST", body: `run ${i}: 1234 files, 56 MB` });
  if (!res.ok) throw new Error(`ping answered ${res.status}`);
  await Bun.sleep(Math.max(0, started + (i + 1) * INTERVAL - performance.now()));
}
// what the kernel writes back of the last pings is accounted when they are written, not later
const after = writeBytes();
proc.kill("SIGTERM");
await proc.exited;
const db = new Database(join(dir, "tocsin.db"), { readonly: true });
const page = (db.query("PRAGMA page_size").get() as { page_size: number }).page_size;
db.close();
rmSync(dir, { recursive: true, force: true });
console.log(`${PINGS} pings, one every ${INTERVAL} ms, ping log limit ${values["ping-log-limit"]}, a new database (page size ${page}) under ${resolve(values.dir)}`);
console.log(`write_bytes grew ${after - before} bytes: ${((after - before) / PINGS / 1024).toFixed(2)} KB per ping`);
