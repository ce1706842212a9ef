// Scheduler benchmark (SPEC §11): 100 000 checks, mixed simple and cron schedules.
// Prints start time, RSS, idle CPU over 30 s and the delay between down_at and the flip.
//
//   npm run build && bun bench/scheduler.ts [--checks 100000] [--idle 30] [--binary dist/tocsin]
import { mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadMigrations } from "../src/assets.ts";
import { parseCron } from "../src/core/cron.ts";
import { computeDownAt } from "../src/core/deadline.ts";
import type { CheckState } from "../src/core/types.ts";
import { openStore } from "../src/store/store.ts";
import { rssMb, waitUntilAnswering } from "./support.ts";

const { values } = parseArgs({
  options: {
    checks: { type: "string", default: "100000" },
    idle: { type: "string", default: "30" },
    sample: { type: "string", default: "200" },
    binary: { type: "string", default: "dist/tocsin" },
  },
});
const N = Number(values.checks);
const IDLE_S = Number(values.idle);
const SAMPLE = Number(values.sample);
const CRONS = ["*/5 * * * *", "0 * * * *", "0 3 * * *", "30 2 * * 1-5", "0 0 1 * *", "15 */6 * * *"];
const ZONES = ["UTC", "Europe/Riga", "America/New_York", "Australia/Sydney"];

const dir = mkdtempSync("/tmp/tocsin-bench-");
const store = openStore(join(dir, "tocsin.db"));
const migrated = store.migrate(loadMigrations());
if (!migrated.ok) throw new Error(migrated.error);
const tx = store.read((t) => t);
const project = tx.createProject("default", "Default", Date.now()).project;

// Phase timing: idle window first (nothing due), then SAMPLE checks due one by one.
const startAt = Date.now();
const sampleFrom = startAt + 10_000 + IDLE_S * 1000;
const sampleIds: number[] = [];
store.write((t) => {
  for (let i = 0; i < N; i++) {
    const isCron = i % 2 === 1;
    const schedule = CRONS[i % CRONS.length]!;
    const tz = ZONES[i % ZONES.length]!;
    const state: CheckState = {
      kind: isCron ? "cron" : "simple", timeout: 86_400 + (i % 3_600), schedule, tz, grace: 3_600 * 24,
      maxRuntime: null, failureThreshold: 1, manualResume: false, status: "up", lastPing: startAt,
      lastStart: null, lastStartRid: null, lastStartSeries: null, lastDuration: null, failStreak: 0, downAt: null, mutedUntil: null, rules: [],
    };
    const parsed = isCron ? parseCron(schedule, tz) : null;
    let downAt = computeDownAt(state, parsed?.ok ? parsed.cron : null)?.at ?? null;
    if (i < SAMPLE) downAt = sampleFrom + i * 50; // due one after another, 50 ms apart
    const check = t.insertCheck({ projectId: project.id, uuid: crypto.randomUUID(), name: `check ${i}`, kind: state.kind, timeout: state.timeout, schedule, tz, grace: state.grace }, startAt);
    t.saveStateIf(check.id, check, { ...check, status: "up", lastPing: startAt, downAt });
    if (i < SAMPLE) sampleIds.push(check.id);
  }
});
store.close();
console.log(`created ${N} checks in ${dir} (${Math.round((Date.now() - startAt) / 1000)} s)`);

const port = 18_000 + Math.floor(Math.random() * 1_000);
const t0 = performance.now();
const proc = Bun.spawn([values.binary, "serve", "--listen", `127.0.0.1:${port}`, "--data-dir", dir], { stdout: "ignore", stderr: "ignore" });
await waitUntilAnswering(`http://127.0.0.1:${port}/api/v3/status/`, 5);
const startMs = performance.now() - t0;
const rss = (): number => rssMb(proc.pid);
const cpuTicks = (): number => {
  const f = readFileSync(`/proc/${proc.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(f[11]) + Number(f[12]); // utime + stime, in clock ticks (100/s)
};
console.log(`start: ${startMs.toFixed(0)} ms to first OK from /api/v3/status/`);
await Bun.sleep(2_000);
console.log(`RSS after start: ${rss().toFixed(0)} MB`);

const c0 = cpuTicks();
const w0 = performance.now();
await Bun.sleep(IDLE_S * 1000);
const idleCpu = ((cpuTicks() - c0) / 100 / ((performance.now() - w0) / 1000)) * 100;
console.log(`idle CPU over ${IDLE_S} s: ${idleCpu.toFixed(2)} % of a core; RSS ${rss().toFixed(0)} MB`);

// Detection delay: poll the flips table from a read-only connection every 5 ms.
const ro = openStore(join(dir, "tocsin.db"));
const seen = new Map<number, number>();
const lastSample = Math.max(...sampleIds);
const poll = { all: () => ro.read((t) => t.tableRows("flips")).filter((f) => f.new_status === "down" && (f.check_id as number) <= lastSample) };
const until = sampleFrom + SAMPLE * 50 + 3_000;
while (Date.now() < until && seen.size < SAMPLE) {
  const now = Date.now();
  for (const r of poll.all() as { check_id: number; created: number }[]) if (!seen.has(r.check_id)) seen.set(r.check_id, now - r.created);
  await Bun.sleep(5);
}
const delays = [...seen.values()].sort((a, b) => a - b);
const pct = (p: number): number => delays[Math.min(delays.length - 1, Math.floor((delays.length * p) / 100))] ?? NaN;
console.log(`detection: ${delays.length}/${SAMPLE} flips seen; delay after down_at p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${delays.at(-1)} ms (5 ms polling)`);
console.log(`RSS at end: ${rss().toFixed(0)} MB`);
proc.kill("SIGTERM");
console.log(`exit status after SIGTERM: ${await proc.exited}`);
ro.close();
