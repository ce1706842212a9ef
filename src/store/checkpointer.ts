// WAL checkpoints off the request path while writes are frequent (SPEC §11).
//
// SQLite checkpoints by itself: the commit that takes the WAL past 1 000 pages copies them into
// the database file and syncs both files, inside that commit, on the thread that committed. Under
// a stream of pings that is a pause every few hundred pings, paid by whichever requests were in
// that batch (measured with bench/ping-inproc.ts: about a sixth of the ping path's CPU time, and
// the worst of its tail latency). So while commits come often, a worker thread with its own
// connection checkpoints on a timer (PASSIVE: it never waits for or blocks a writer), and the
// main connection stops checkpointing on commit. When commits thin out, the worker checkpoints
// once more, truncating the WAL the burst grew, and ends; SQLite's own checkpointing takes over
// again, and an idle daemon carries no second thread (a worker costs about 9 MB). The WAL is not
// size-limited while busy: truncating it under writes stalled them for 100-300 ms (bench/ping.ts).
//
// While busy, the main connection's page cache is also larger (8 MiB instead of SQLite's 2 MiB):
// pings spread over many checks touch a page per check in both the checks and the pings table,
// and a cache that holds them saves re-reading them for every batch (bench/ping-inproc.ts: about
// a tenth of the CPU per ping). The cache returns to its default size with the worker.
//
// Durability is untouched: a commit is durable in the WAL whoever copies it on later.
import type { Database } from "bun:sqlite";

/** Commits within one second that count as busy. */
export const BUSY_COMMITS_PER_SECOND = 50;
/** How often the worker checkpoints while busy. */
export const CHECKPOINT_EVERY_MS = 250;
/** Quiet this long ends the worker. */
export const IDLE_AFTER_MS = 30_000;
/** SQLite's default: the main connection checkpoints itself past this many WAL pages. */
const AUTOCHECKPOINT_PAGES = 1_000;
/** The main connection's page cache, in KiB (SQLite's `cache_size = -N`): its default, and while busy. */
export const CACHE_KIB = { idle: 2_000, busy: 8_192 } as const;

// The worker is this source, started from a Blob: it needs nothing but bun:sqlite, which every
// build of the runtime carries, so it works the same from the sources and from the single binary.
const WORKER_SOURCE = `
import { Database } from "bun:sqlite";
let db = null;
self.onmessage = (event) => {
  const m = event.data;
  try {
    if (m.type === "open") {
      db = new Database(m.path, { readwrite: true, create: false });
      db.exec("PRAGMA busy_timeout = 0");
    } else if (m.type === "checkpoint" && db) {
      const r = db.query("PRAGMA wal_checkpoint(PASSIVE)").get();
      postMessage({ type: "checkpointed", busy: r.busy, log: r.log, checkpointed: r.checkpointed });
    } else if (m.type === "close") {
      // the burst is over: the WAL it grew is given back to the file system (TRUNCATE waits for
      // nobody here: busy_timeout is 0, so a writer arriving just now only means it stays as it is)
      if (db) db.query("PRAGMA wal_checkpoint(TRUNCATE)").get();
      if (db) db.close();
      db = null;
      postMessage({ type: "closed" });
    }
  } catch (error) {
    postMessage({ type: "failed", error: String(error) });
  }
};
`;

type FromWorker =
  | { readonly type: "checkpointed"; readonly busy: number; readonly log: number; readonly checkpointed: number }
  | { readonly type: "closed" }
  | { readonly type: "failed"; readonly error: string };

export class WalCheckpointer {
  private worker: Worker | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private windowStart = 0;
  private commitsInWindow = 0;
  private lastCommit = 0;
  private commitsSinceCheckpoint = 0;
  private sourceUrl: string | null = null;
  /** the worker failed once: SQLite's own checkpointing stays on rather than retrying every second */
  private failed = false;

  constructor(
    private readonly db: Database,
    private readonly path: string,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Called after every commit of the main connection. */
  committed(): void {
    const now = this.now();
    this.lastCommit = now;
    this.commitsSinceCheckpoint++;
    if (this.worker || this.failed) return;
    if (now - this.windowStart >= 1_000) {
      this.windowStart = now;
      this.commitsInWindow = 0;
    }
    if (++this.commitsInWindow >= BUSY_COMMITS_PER_SECOND) this.begin();
  }

  /** Ends the worker at once: the store is closing, and closing the last connection checkpoints. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.worker?.terminate();
    this.worker = null;
    this.revoke();
  }

  private begin(): void {
    this.sourceUrl ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "application/javascript" }));
    const worker = new Worker(this.sourceUrl);
    worker.unref();
    const fail = (): void => {
      this.failed = true;
      this.end();
    };
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      if (event.data.type === "failed") fail();
    };
    worker.onerror = fail;
    worker.postMessage({ type: "open", path: this.path });
    this.worker = worker;
    this.db.exec("PRAGMA wal_autocheckpoint = 0");
    this.db.exec(`PRAGMA cache_size = -${CACHE_KIB.busy}`);
    this.timer = setInterval(() => this.tick(), CHECKPOINT_EVERY_MS);
    this.timer.unref?.();
  }

  private tick(): void {
    if (!this.worker) return;
    if (this.commitsSinceCheckpoint > 0) {
      this.commitsSinceCheckpoint = 0;
      this.worker.postMessage({ type: "checkpoint" });
    } else if (this.now() - this.lastCommit >= IDLE_AFTER_MS) {
      // everything committed has been handed over: the main connection takes over again
      this.worker.postMessage({ type: "close" });
      this.end();
    }
  }

  private end(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const worker = this.worker;
    this.worker = null;
    this.commitsInWindow = 0;
    if (!worker) return;
    // a worker told to close ends once it has closed its connection; the timer is a backstop
    setTimeout(() => {
      worker.terminate();
      this.revoke();
    }, 1_000).unref?.();
    this.db.exec(`PRAGMA wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    this.db.exec(`PRAGMA cache_size = -${CACHE_KIB.idle}`);
  }

  private revoke(): void {
    if (this.sourceUrl !== null && this.worker === null) URL.revokeObjectURL(this.sourceUrl);
    if (this.worker === null) this.sourceUrl = null;
  }
}
