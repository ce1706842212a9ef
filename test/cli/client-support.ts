// Live daemons for the client-command tests: a data directory prepared with the store functions,
// `tocsin serve` on a free port with pinned keys, and the pings it recorded read back from its file.
import { Database } from "bun:sqlite";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { hashKey } from "../../src/auth/keys.ts";
import { insertCheck, type NewCheck } from "../../src/store/check-definitions.ts";
import { setProjectKeyHashes } from "../../src/store/projects.ts";
import { aProject, migratedDb } from "../support/db.ts";
import { startServe } from "../support/cli.ts";

export const API_KEY = "tcw_clientclientclientclientclie";
export const PING_KEY = "clientpingkey0123456";
export const READ_ONLY_KEY = "tcr_readonlyreadonlyreadonlyread";

export interface LiveDaemon {
  readonly url: string;
  readonly dir: string;
  stop(): Promise<void>;
  pings(uuid: string): RecordedPing[];
  /** slugs of the default project's checks, as stored */
  slugs(): string[];
}

export interface RecordedPing {
  readonly kind: string;
  readonly exitStatus: number | null;
  readonly rid: string | null;
  readonly msg: string | null;
  readonly body: string | null;
  readonly duration: number | null;
}

type SeedCheck = Omit<NewCheck, "projectId">;

/**
 * A daemon whose default project holds `checks` (inserted before start; it loads its index then),
 * with pinned read-write and ping keys and READ_ONLY_KEY as its read-only key.
 */
export async function liveDaemon(checks: readonly SeedCheck[] = [], keys: { apiKey?: string; pingKey?: string } = {}): Promise<LiveDaemon> {
  const dir = mkdtempSync("/tmp/tocsin-client-");
  const db = migratedDb(join(dir, "tocsin.db"));
  const project = aProject(db, "default");
  for (const c of checks) insertCheck(db, { ...c, projectId: project.id }, Date.now());
  setProjectKeyHashes(db, project.id, { readOnly: hashKey(READ_ONLY_KEY) });
  db.close();
  const { proc, url } = await startServe(["--data-dir", dir], {
    env: { TOCSIN_API_KEY: keys.apiKey ?? API_KEY, TOCSIN_PING_KEY: keys.pingKey ?? PING_KEY },
  });
  return {
    url,
    dir,
    stop: async () => {
      proc.kill("SIGTERM");
      await proc.exited;
    },
    pings: (uuid) => readPings(join(dir, "tocsin.db"), uuid),
    slugs: () => withDb(join(dir, "tocsin.db"), (db) => (db.query("SELECT slug FROM checks ORDER BY slug").all() as { slug: string }[]).map((r) => r.slug)),
  };
}

/** Pings are committed before the daemon answers 2xx, so a second connection sees them at once. */
function readPings(path: string, uuid: string): RecordedPing[] {
  return withDb(path, (db) => {
    const rows = db
      .query(
        `SELECT p.kind, p.exit_status AS exitStatus, p.rid, p.msg, p.body, p.duration
         FROM pings p JOIN checks c ON c.id = p.check_id WHERE c.uuid = ? ORDER BY p.n`,
      )
      .all(uuid) as { kind: string; exitStatus: number | null; rid: string | null; msg: string | null; body: Uint8Array | null; duration: number | null }[];
    return rows.map((r) => ({ ...r, body: r.body === null ? null : Buffer.from(r.body).toString("utf8") }));
  });
}

function withDb<T>(path: string, read: (db: Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** A port nothing listens on: bound by a server that is then stopped. */
export function closedPortUrl(): string {
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("") });
  const url = `http://127.0.0.1:${server.port}`;
  server.stop(true);
  return url;
}
