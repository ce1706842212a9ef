// Dashboard benchmark (SPEC §11, §12): a project with 1 000 checks — rendering the checks page,
// filtering it, a check's page with a full ping log, the forms (a check's, the channels page with
// every check to assign, maintenance windows), the schedule preview, and the statements each costs. Requests go
// through the services' fetch (guard, session lookup, view, render), as the daemon serves them.
//
//   bun bench/dashboard.ts [--checks 1000] [--runs 50]
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadMigrations } from "../src/assets.ts";
import { silentLogger } from "../src/log.ts";
import { createServices } from "../src/services.ts";
import { startSession } from "../src/sessions/sessions.ts";
import { openStore } from "../src/store/store.ts";

const { values } = parseArgs({ options: { checks: { type: "string", default: "1000" }, runs: { type: "string", default: "50" } } });
const CHECKS = Number(values.checks);
const RUNS = Number(values.runs);

const store = openStore(join(mkdtempSync("/tmp/tocsin-bench-dashboard-"), "tocsin.db"), { countStatements: true });
store.migrate(loadMigrations());
let now = Date.now();
const project = store.write((tx) => tx.createProject("default", "Default", now)).project;
const uuids: string[] = [];
store.write((tx) => {
  for (let i = 0; i < CHECKS; i++) {
    const cron = i % 3 === 0;
    const c = tx.insertCheck(
      { projectId: project.id, uuid: crypto.randomUUID(), name: `job ${i}`, slug: `job-${i}`, tags: `team-${i % 7} ${i % 2 ? "prod" : "staging"}`, ...(cron ? { kind: "cron", schedule: "0 3 * * *", tz: "Europe/Berlin" } : { timeout: 300 }) },
      now,
    );
    uuids.push(c.uuid);
  }
});
const services = createServices({ store, config: { pingBodyLimit: 100_000, pingLogLimit: 100, trustProxy: false, statusAtRoot: false }, log: silentLogger, now: () => now, baseUrl: () => "http://127.0.0.1:8000" });
// every check pinged once, the first one 100 times with a body (a full ping log)
for (const uuid of uuids) await services.fetch(new Request(`http://127.0.0.1:8000/ping/${uuid}`), "127.0.0.1");
for (let i = 0; i < 100; i++) {
  now += 60_000;
  await services.fetch(new Request(`http://127.0.0.1:8000/ping/${uuids[0]}/${i % 5 === 0 ? 1 : 0}?duration=${1 + (i % 9)}`, { method: "POST", body: `line ${i}\n`.repeat(200) }), "127.0.0.1");
}
services.writer.flush();
store.write((tx) => {
  const hook = tx.insertChannel({ id: crypto.randomUUID(), projectId: project.id, name: "hook", kind: "webhook", settings: { url: "http://127.0.0.1:9/", method: "POST", headers: {}, body: "", on_down: true, on_up: true }, managed: false, created: now });
  for (const c of tx.listChecksOfProject(project.id)) tx.setCheckChannels(c.id, [hook.id]);
  for (let i = 0; i < 7; i++) tx.insertWindow({ projectId: project.id, name: `team ${i}`, start: null, end: null, cron: `0 ${i} * * 0`, tz: "Europe/Berlin", duration: 3600, slugs: [], tags: [`team-${i}`], managed: false }, now);
});
const session = startSession(store, now, { remoteAddr: "127.0.0.1", ua: "bench" });
const cookie = { Cookie: `tocsin_session=${session.token}` };

async function measure(label: string, path: string): Promise<void> {
  const times: number[] = [];
  let statements = 0;
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const before = store.statements();
    const t = performance.now();
    const res = await services.fetch(new Request(`http://127.0.0.1:8000${path}`, { headers: cookie }), "127.0.0.1");
    const text = await res.text();
    times.push(performance.now() - t);
    statements = store.statements() - before;
    bytes = text.length;
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`${label.padEnd(48)} p50 ${p(0.5).padStart(6)} ms  p95 ${p(0.95).padStart(6)} ms  max ${p(1).padStart(6)} ms  ${String(statements).padStart(2)} statements  ${(bytes / 1000).toFixed(0)} KB`);
}

console.log(`${CHECKS} checks, ${RUNS} runs each`);
await measure(`checks page, all ${CHECKS} checks`, "/app/projects/default");
await measure("checks page, filtered by tag and status", "/app/projects/default?tag=prod&status=up");
await measure("checks page, searched", "/app/projects/default?q=job-99");
await measure("check page with 100 pings and bodies", `/app/checks/${uuids[0]}`);
await measure("check edit form", `/app/checks/${uuids[0]}/edit`);
await measure(`channels page, ${CHECKS} checks to assign`, "/app/projects/default/channels");
await measure("maintenance page, 7 windows", "/app/projects/default/maintenance");
await measure("schedule preview (5 fires, DST gaps)", "/app/schedule-preview?schedule=30+2+*+*+*&tz=Europe%2FBerlin");
await services.stop();
store.close();
