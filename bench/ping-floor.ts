// How fast a durable ping can be on this machine, whatever the ping path's own code does: servers
// that do only what storing a ping needs (read the UUID, find the check, write the ping and the
// check's new state, commit, answer once committed), each loaded with the same wrk settings as
// bench/ping.ts next to a bare Bun.serve in the same round. It measures storage layouts, not
// Tocsin: the figures bound what any change to the ping path's code can reach.
//
//   bun bench/ping-floor.ts [--checks 1000] [--seconds 10] [--rounds 1]
//
// Every server commits once per event-loop turn (as the batch writer does), with Tocsin's SQLite
// settings (src/store/db.ts), updates a narrow state row per ping and starts with empty logs, as
// Tocsin does in bench/ping.ts (shorter runs flatter the logs, which then prune less). They differ in where the
// ping goes:
//   append       one row appended in arrival order; no per-check log at all
//   log          the per-check log, clustered by (check_id, n) and pruned to the newest 100 per
//                check: Tocsin's layout (migration 0009)
//   log-thread   `log` with the SQLite work on a second thread, answered when that thread committed
//   append-fold  `append`, with the appended rows moved into the per-check log every 200 batches
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../src/store/db.ts";
import { freePort, line, waitUntilAnswering, wrk, type WrkResult } from "./support.ts";

declare const self: Worker;

const MODES = ["append", "log", "log-thread", "append-fold"] as const;
type Mode = (typeof MODES)[number];
const KEEP = 100;
const FOLD_EVERY = 200;

interface Item {
  readonly id: number;
  readonly n: number;
  readonly ua: string;
}

/** The statements of one mode, on its own connection: `write` runs a batch in one transaction. */
function writer(path: string, mode: Mode): (items: readonly Item[]) => void {
  const db = openDatabase(path);
  const state = db.query("UPDATE state SET status = ?, last_ping = ?, down_at = ?, n_pings = ? WHERE id = ?");
  const table = mode === "log" || mode === "log-thread" ? "log" : "journal";
  const insert = db.query(`INSERT INTO ${table} (check_id, n, created, kind, scheme, remote_addr, method, ua, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const prune = db.query("DELETE FROM log WHERE check_id = ? AND n <= ?");
  const batch = db.transaction((items: readonly Item[]) => {
    const now = Date.now();
    for (const it of items) {
      state.run("up", now, now + 7_200_000, it.n, it.id);
      insert.run(it.id, it.n, now, "success", "http", "127.0.0.1", "GET", it.ua, null);
      if (table === "log" && it.n > KEEP) prune.run(it.id, it.n - KEEP);
    }
  });
  if (mode !== "append-fold") return batch;
  const last = db.query("SELECT max(rowid) AS id FROM journal");
  const move = db.query("INSERT INTO log SELECT check_id, n, created, kind, scheme, remote_addr, method, ua, body FROM journal WHERE rowid <= ? ORDER BY check_id, n");
  const newest = db.query("SELECT check_id AS id, max(n) AS n FROM journal WHERE rowid <= ? GROUP BY check_id");
  const drop = db.query("DELETE FROM journal WHERE rowid <= ?");
  const fold = db.transaction(() => {
    const upTo = (last.get() as { id: number | null }).id;
    if (upTo === null) return;
    move.run(upTo);
    for (const c of newest.all(upTo) as { id: number; n: number }[]) if (c.n > KEEP) prune.run(c.id, c.n - KEEP);
    drop.run(upTo);
  });
  let batches = 0;
  return (items) => {
    batch(items);
    if (++batches % FOLD_EVERY === 0) fold();
  };
}

/** A floor server: GET /ping/<uuid> stores the ping and answers OK once it is committed. */
function serve(path: string, port: number, mode: Mode): void {
  const db = openDatabase(path);
  const checks = new Map<string, { id: number; n: number }>();
  for (const c of db.query("SELECT id, uuid, n_pings AS n FROM state").all() as { id: number; uuid: string; n: number }[]) checks.set(c.uuid, { id: c.id, n: c.n });
  db.close();
  // the batch in hand and who waits for it; with a thread, the batches sent and not yet committed
  let items: Item[] = [];
  let waiting: ((r: Response) => void)[] = [];
  let turn: ReturnType<typeof setImmediate> | null = null;
  const sent = new Map<number, ((r: Response) => void)[]>();
  let seq = 0;
  let thread: Worker | null = null;
  let write: ((items: readonly Item[]) => void) | null = null;
  if (mode === "log-thread") {
    thread = new Worker(import.meta.path);
    thread.postMessage({ path, mode: "log" });
    thread.onmessage = (e: MessageEvent<number>) => {
      for (const answer of sent.get(e.data)!) answer(new Response("OK"));
      sent.delete(e.data);
    };
  } else write = writer(path, mode);
  const flush = (): void => {
    turn = null;
    const batch = items;
    const answers = waiting;
    items = [];
    waiting = [];
    if (thread) {
      sent.set(++seq, answers);
      thread.postMessage({ seq, items: batch });
      return;
    }
    write!(batch);
    for (const answer of answers) answer(new Response("OK"));
  };
  Bun.serve({
    hostname: "127.0.0.1",
    port,
    fetch(req, server) {
      const url = new URL(req.url);
      if (url.pathname === "/up") return new Response("OK");
      const check = checks.get(url.pathname.slice("/ping/".length));
      if (!check) return new Response("not found", { status: 404 });
      server.requestIP(req);
      check.n++;
      items.push({ id: check.id, n: check.n, ua: req.headers.get("user-agent") ?? "" });
      return new Promise<Response>((resolve) => {
        waiting.push(resolve);
        turn ??= setImmediate(flush);
      });
    },
  });
}

/** The second thread of `log-thread`: writes each batch it is sent, then says which. */
function writerThread(): void {
  let write: ((items: readonly Item[]) => void) | null = null;
  self.onmessage = (e: MessageEvent<{ path: string; mode: Mode } | { seq: number; items: Item[] }>) => {
    if ("path" in e.data) write = writer(e.data.path, e.data.mode);
    else {
      write!(e.data.items);
      postMessage(e.data.seq);
    }
  };
}

function createDatabase(path: string, uuids: readonly string[]): void {
  const db = openDatabase(path);
  db.exec(`CREATE TABLE state (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL, status TEXT NOT NULL, last_ping INTEGER, down_at INTEGER, n_pings INTEGER NOT NULL);
    CREATE TABLE log (check_id INTEGER NOT NULL, n INTEGER NOT NULL, created INTEGER NOT NULL, kind TEXT NOT NULL, scheme TEXT NOT NULL,
      remote_addr TEXT NOT NULL, method TEXT NOT NULL, ua TEXT NOT NULL, body BLOB, PRIMARY KEY (check_id, n)) WITHOUT ROWID;
    CREATE TABLE journal (check_id INTEGER NOT NULL, n INTEGER NOT NULL, created INTEGER NOT NULL, kind TEXT NOT NULL, scheme TEXT NOT NULL,
      remote_addr TEXT NOT NULL, method TEXT NOT NULL, ua TEXT NOT NULL, body BLOB);`);
  const insert = db.query("INSERT INTO state (uuid, status, n_pings) VALUES (?, 'new', 0)");
  db.transaction(() => {
    for (const uuid of uuids) insert.run(uuid);
  })();
  db.close();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      checks: { type: "string", default: "1000" },
      seconds: { type: "string", default: "10" },
      rounds: { type: "string", default: "1" },
      serve: { type: "string" },
      db: { type: "string" },
      port: { type: "string" },
    },
  });
  if (values.serve) return serve(values.db!, Number(values.port), values.serve as Mode);
  const seconds = Number(values.seconds);
  const uuids = Array.from({ length: Number(values.checks) }, () => crypto.randomUUID());
  const dir = mkdtempSync("/tmp/tocsin-bench-floor-");
  console.log(`${uuids.length} checks, wrk -t1 -c64 -d${seconds}s, pruned to the newest ${KEEP} pings per check`);
  for (let round = 1; round <= Number(values.rounds); round++) {
    const run = async (mode: Mode | "bare"): Promise<WrkResult> => {
      const port = freePort();
      const path = join(dir, `${mode}-${round}.db`);
      if (mode !== "bare") createDatabase(path, uuids);
      const cmd =
        mode === "bare"
          ? [process.execPath, "-e", `Bun.serve({ hostname: "127.0.0.1", port: ${port}, fetch: () => new Response("OK") })`]
          : [process.execPath, import.meta.path, "--serve", mode, "--db", path, "--port", String(port)];
      const proc = Bun.spawn(cmd, { stdout: "ignore", stderr: "inherit" });
      await waitUntilAnswering(`http://127.0.0.1:${port}/up`);
      const result = await wrk(dir, proc.pid, port, uuids, seconds, 64, 0);
      proc.kill("SIGTERM");
      await proc.exited;
      return result;
    };
    const bare = await run("bare");
    console.log(line(`round ${round}: bare Bun.serve answering OK`, bare));
    for (const mode of MODES) {
      const r = await run(mode);
      console.log(line(`round ${round}: ${mode}`, r, `  ratio ${(r.rate / bare.rate).toFixed(2)}`));
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

if (Bun.isMainThread) await main();
else writerThread();
