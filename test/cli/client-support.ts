// Live daemons for the client-command tests: a data directory prepared with the store functions,
// `tocsin serve` on a free port with pinned keys, and the pings it recorded read back from its file.
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { hashKey } from "../../src/auth/keys.ts";
import { openStore, type NewCheck, type Store } from "../../src/store/store.ts";
import { aProject, migratedStore } from "../support/db.ts";
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
  const store = migratedStore(join(dir, "tocsin.db"));
  const project = aProject(store, "default");
  store.write((tx) => {
    for (const c of checks) tx.insertCheck({ ...c, projectId: project.id }, Date.now());
    tx.setProjectKeyHashes(project.id, { readOnly: hashKey(READ_ONLY_KEY) });
  });
  store.close();
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
    slugs: () => withStore(join(dir, "tocsin.db"), (store) => store.read((tx) => tx.tableRows("checks")).map((r) => r.slug as string).sort()),
  };
}

/** Pings are committed before the daemon answers 2xx, so a second connection sees them at once. */
function readPings(path: string, uuid: string): RecordedPing[] {
  return withStore(path, (store) =>
    store.read((tx) => {
      const check = tx.getCheckByUuid(uuid);
      const rows = check ? tx.tableRows("pings").filter((r) => r.check_id === check.id) : [];
      return rows.map((r) => ({
        kind: r.kind as string,
        exitStatus: r.exit_status as number | null,
        rid: r.rid as string | null,
        msg: r.msg as string | null,
        body: r.body === null ? null : Buffer.from(r.body as Uint8Array).toString("utf8"),
        duration: r.duration as number | null,
      }));
    }),
  );
}

function withStore<T>(path: string, read: (store: Store) => T): T {
  const store = openStore(path);
  try {
    return read(store);
  } finally {
    store.close();
  }
}

/** A port nothing listens on: bound by a server that is then stopped. */
export function closedPortUrl(): string {
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("") });
  const url = `http://127.0.0.1:${server.port}`;
  server.stop(true);
  return url;
}
