// Alert latency benchmark (SPEC §8, issue 6): from the instant a check goes down (its down_at)
// to the webhook arriving at a receiver on loopback, through the real scheduler, outbox and
// notifier with the real clock. Prints median, p95 and max over N checks.
//
//   bun bench/alert-latency.ts [--checks 50] [--spacing 73]
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadMigrations } from "../src/assets.ts";
import { silentLogger } from "../src/log.ts";
import { createServices } from "../src/services.ts";
import { openStore } from "../src/store/store.ts";

const { values } = parseArgs({ options: { checks: { type: "string", default: "50" }, spacing: { type: "string", default: "73" } } });
const N = Number(values.checks);
const SPACING_MS = Number(values.spacing);

const arrivals = new Map<string, number>();
const receiver = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch: (req) => {
    arrivals.set(new URL(req.url).pathname.slice(1), Date.now());
    return new Response("ok");
  },
});

const dir = mkdtempSync("/tmp/tocsin-bench-alert-");
const store = openStore(join(dir, "tocsin.db"));
const migrated = store.migrate(loadMigrations());
if (!migrated.ok) throw new Error(migrated.error);
const tx = store.read((t) => t);
const project = tx.createProject("default", "Default", Date.now()).project;
const hook = tx.insertChannel({
  id: crypto.randomUUID(),
  projectId: project.id,
  name: "bench",
  kind: "webhook",
  settings: { url: `http://127.0.0.1:${receiver.port}/$CODE`, method: "POST", headers: {}, body: "", on_down: true, on_up: true },
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
const uuids: string[] = [];
for (let i = 0; i < N; i++) {
  // goes down 1 s after its ping (timeout 1 s, no grace)
  const check = tx.insertCheck({ projectId: project.id, uuid: crypto.randomUUID(), name: `bench ${i}`, timeout: 1, grace: 0 }, Date.now());
  tx.setCheckChannels(check.id, [hook.id]);
  services.index.upsertCheck(check.id, check);
  uuids.push(check.uuid);
}
services.start();

// pings spread out so that deadlines fall at different phases of the timers
for (const uuid of uuids) {
  const res = await services.fetch(new Request(`http://127.0.0.1/ping/${uuid}`));
  if (res.status !== 200) throw new Error(`ping answered ${res.status}`);
  await Bun.sleep(SPACING_MS);
}
const deadline = Date.now() + 10_000;
while (arrivals.size < N && Date.now() < deadline) await Bun.sleep(50);
await services.stop();
receiver.stop(true);

const downAt = new Map(
  store.read((t) => {
    const uuidOf = new Map(t.tableRows("checks").map((c) => [c.id as number, c.uuid as string]));
    return t.tableRows("flips").filter((f) => f.new_status === "down").map((f) => [uuidOf.get(f.check_id as number)!, f.created as number] as const);
  }),
);
const latencies = uuids
  .filter((u) => arrivals.has(u) && downAt.has(u))
  .map((u) => arrivals.get(u)! - downAt.get(u)!)
  .sort((a, b) => a - b);
const pct = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? Number.NaN;
console.log(`alerts delivered: ${latencies.length}/${N}`);
console.log(`down_at -> webhook received (ms): median ${pct(50)}, p95 ${pct(95)}, max ${latencies.at(-1)}`);
store.close();
process.exit(latencies.length === N ? 0 : 1);
