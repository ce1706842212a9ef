// Resident memory of the compiled binary (SPEC §11): idle (a new database, one status probe and
// one ping, then 30 s of nothing) and after the API, the dashboard and a status page were used.
//
//   npm run build && bun bench/idle-rss.ts [--binary dist/tocsin] [--wait-s 30]
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadMigrations } from "../src/assets.ts";
import { openStore } from "../src/store/store.ts";
import { rssMb, waitUntilAnswering } from "./support.ts";

const { values } = parseArgs({ options: { binary: { type: "string", default: "dist/tocsin" }, "wait-s": { type: "string", default: "30" } } });
const WAIT_MS = Number(values["wait-s"]) * 1000;

const dir = mkdtempSync("/tmp/tocsin-bench-rss-");
// the check is made in the database before the start: the idle figure is a daemon that has served
// one status probe and one ping and nothing else (SPEC §11)
const store = openStore(join(dir, "tocsin.db"));
const migrated = store.migrate(loadMigrations());
if (!migrated.ok) throw new Error(migrated.error);
const uuid = crypto.randomUUID();
store.write((tx) => {
  const project = tx.createProject("default", "Default", Date.now()).project;
  tx.insertCheck({ projectId: project.id, uuid, name: "backup", timeout: 3600, grace: 600 }, Date.now());
});
store.close();
const port = 21_000 + Math.floor(Math.random() * 1_000);
const base = `http://127.0.0.1:${port}`;
const apiKey = "rss-bench-api-key-0123456789abcdefgh";
const password = "rss-bench-password";
const proc = Bun.spawn([values.binary, "serve", "--listen", `127.0.0.1:${port}`, "--data-dir", dir], {
  env: { ...process.env, TOCSIN_API_KEY: apiKey, TOCSIN_ADMIN_PASSWORD: password },
  stdout: "ignore",
  stderr: "ignore",
});
const rss = (): number => rssMb(proc.pid);
await waitUntilAnswering(`${base}/api/v3/status/`, 20);
const atStart = rss();
if (!(await fetch(`${base}/ping/${uuid}`)).ok) throw new Error("the ping failed");
await Bun.sleep(WAIT_MS);
const idle = rss();

// now every part once: API reads, OpenAPI, the status page, a badge, the dashboard after a login
for (const path of ["/api/v3/checks/", `/api/v3/checks/${uuid}/pings/`, "/api/v3/channels/", "/api/v3/openapi.json"]) await fetch(`${base}${path}`, { headers: { "X-Api-Key": apiKey } });
for (const path of ["/status", "/api/v3/status/"]) await fetch(`${base}${path}`);
const login = await fetch(`${base}/app/login`);
const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
const csrf = /name="csrf" value="([^"]+)"/.exec(await login.text())?.[1] ?? "";
const session = await fetch(`${base}/app/login`, {
  method: "POST",
  redirect: "manual",
  headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, Origin: base },
  body: new URLSearchParams({ password, csrf }),
});
const sessionCookie = session.headers.get("set-cookie")?.split(";")[0] ?? cookie;
for (const path of ["/app", `/app/checks/${uuid}`]) await fetch(`${base}${path}`, { headers: { Cookie: sessionCookie } });
await Bun.sleep(WAIT_MS);
const used = rss();
proc.kill("SIGTERM");
await proc.exited;
rmSync(dir, { recursive: true, force: true });
console.log(`${values.binary}: RSS ${atStart.toFixed(1)} MB at start, ${idle.toFixed(1)} MB idle (${WAIT_MS / 1000} s after one status probe and one ping), ${used.toFixed(1)} MB after the API, OpenAPI, the status page and the dashboard were used (login ${session.status})`);
