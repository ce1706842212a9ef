// Memory of the SMTP listener under large mail (SPEC §7, §11): many clients each send a message
// close to the 10 MB limit at once; the daemon's RSS is sampled from /proc while they do.
//
//   npm run build && bun bench/smtp.ts [--clients 50] [--bytes 9900000] [--binary dist/tocsin | --binary src]
//
// The clients run here and stream their messages from a generator, so the daemon's memory is the
// only one measured. Afterwards the stored pings are counted and compared with the 250 answers.
import { Database } from "bun:sqlite";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import nodemailer from "nodemailer";
import { loadMigrations } from "../src/assets.ts";
import { openDatabase } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";
import { createProject } from "../src/store/projects.ts";
import { rssMb, waitUntilAnswering } from "./support.ts";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "50" },
    bytes: { type: "string", default: "9900000" },
    binary: { type: "string", default: "dist/tocsin" },
  },
});
const CLIENTS = Number(values.clients);
const BYTES = Number(values.bytes);
const DOMAIN = "ping.bench";

const dir = mkdtempSync("/tmp/tocsin-bench-smtp-");
const db = openDatabase(join(dir, "tocsin.db"));
const migrated = migrate(db, loadMigrations());
if (!migrated.ok) throw new Error(migrated.error);
const project = createProject(db, "default", "Default", Date.now()).project;
const uuids = Array.from({ length: CLIENTS }, () => crypto.randomUUID());
const insert = db.prepare("INSERT INTO checks (project_id, uuid, name, timeout, grace, created) VALUES (?, ?, ?, 3600, 3600, ?)");
db.transaction(() => uuids.forEach((u, i) => insert.run(project.id, u, `check ${i}`, Date.now())))();
db.close();

const httpPort = 19_000 + Math.floor(Math.random() * 1_000);
const smtpPort = httpPort + 1_000;
const command = values.binary === "src" ? [process.execPath, "src/main.ts"] : [values.binary];
const proc = Bun.spawn([...command, "serve", "--listen", `127.0.0.1:${httpPort}`, "--smtp-listen", `127.0.0.1:${smtpPort}`, "--data-dir", dir], {
  env: { ...process.env, TOCSIN_EMAIL_DOMAIN: DOMAIN },
  stdout: "ignore",
  stderr: "ignore",
});
await waitUntilAnswering(`http://127.0.0.1:${httpPort}/api/v3/status/`);
await Bun.sleep(500); // the listener starts right after HTTP
const rss = (): number => rssMb(proc.pid);
const idle = rss();

/** A raw message of about `bytes`, produced in 64 KB chunks as the socket takes them. */
function message(to: string, bytes: number): Readable {
  const head = `From: cron@bench.example\r\nTo: ${to}\r\nSubject: Cron <root@bench> big job\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n`;
  const line = "0123456789 output of a job that prints a lot, line after line, until it is done\r\n";
  const chunk = line.repeat(Math.floor(65_536 / line.length));
  return Readable.from(
    (function* () {
      yield head;
      for (let sent = head.length; sent < bytes; sent += chunk.length) yield chunk.slice(0, Math.min(chunk.length, bytes - sent));
    })(),
  );
}

let peak = idle;
const sampler = setInterval(() => (peak = Math.max(peak, rss())), 20);
const t0 = performance.now();
const results = await Promise.allSettled(
  uuids.map((u) => {
    const to = `${u}@${DOMAIN}`;
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: smtpPort, secure: false, ignoreTLS: true, socketTimeout: 120_000 });
    return transport.sendMail({ envelope: { from: "cron@bench.example", to }, raw: message(to, BYTES) }).finally(() => transport.close());
  }),
);
const seconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
const accepted = results.filter((r) => r.status === "fulfilled").length;
const firstError = results.find((r) => r.status === "rejected");
await Bun.sleep(1_000);
const after = rss();
proc.kill("SIGTERM");
await proc.exited;
const stored = new Database(join(dir, "tocsin.db"), { readonly: true }).query("SELECT count(*) AS n FROM pings WHERE scheme = 'email'").get() as { n: number };

console.log(`${CLIENTS} clients × ${(BYTES / 1e6).toFixed(1)} MB at once, ${values.binary === "src" ? "bun src/main.ts" : values.binary}`);
console.log(`RSS: idle with the listener on ${idle.toFixed(0)} MB, peak ${peak.toFixed(0)} MB, 1 s after ${after.toFixed(0)} MB`);
console.log(`accepted ${accepted}/${CLIENTS} in ${seconds.toFixed(1)} s (${((CLIENTS * BYTES) / 1e6 / seconds).toFixed(0)} MB/s), pings stored ${stored.n}`);
if (firstError?.status === "rejected") console.log(`first refusal: ${String(firstError.reason)}`);
