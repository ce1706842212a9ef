// The running daemon: database, HTTP server and background loops, started and stopped as one.
import { accessSync, constants, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadMigrations } from "./assets.ts";
import type { Config } from "./config.ts";
import { applyDeclared, type LoadResult, reloadConfigFile } from "./config-file/load.ts";
import { publishNowhere } from "./live/publish.ts";
import type { Logger } from "./log.ts";
import { CronCache } from "./core/cron-cache.ts";
import { applyStartupGrace, markAlive } from "./scheduler/liveness.ts";
import { createServices } from "./services.ts";
import { type DataDirLock, lockDataDir } from "./store/data-dir-lock.ts";
import { openStore, type Store } from "./store/store.ts";

export interface Daemon {
  readonly url: string;
  readonly store: Store;
  /** stop accepting, finish in-flight requests, close the database */
  stop(): Promise<void>;
  /** SIGHUP: re-read the config file's declared objects and the projects table */
  reload(): LoadResult;
}

export type StartResult = { readonly ok: true; readonly daemon: Daemon } | { readonly ok: false; readonly error: string };

export interface StartDeps {
  readonly config: Config;
  readonly log: Logger;
  /** where first-start keys are printed (stdout) */
  readonly out: (line: string) => void;
  readonly now: () => number;
}

export type OpenResult =
  | { readonly ok: true; readonly store: Store; readonly path: string; readonly lock: DataDirLock | null }
  | { readonly ok: false; readonly error: string };

/**
 * Creates the data directory if needed, opens tocsin.db and brings its schema up to date. For the
 * daemon (`daemonPid`) it first takes the directory's lock and refuses a damaged file before
 * anything is written to it; the caller releases the lock after closing the store.
 */
export function openDataDir(config: Pick<Config, "dataDir" | "sync">, opts: { readonly daemonPid?: number } = {}): OpenResult {
  const dir = resolve(config.dataDir);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    return { ok: false, error: `data directory ${dir} is not writable (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  }
  let lock: DataDirLock | null = null;
  if (opts.daemonPid !== undefined) {
    const locked = lockDataDir(dir, opts.daemonPid);
    if (!locked.ok) return { ok: false, error: `data directory ${dir} is in use by another tocsin (${locked.holder === null ? "PID unknown" : `PID ${locked.holder}`})` };
    lock = locked.lock;
  }
  const opened = openChecked(join(dir, "tocsin.db"), config.sync, opts.daemonPid !== undefined);
  if (!opened.ok) lock?.release();
  return opened.ok ? { ...opened, lock } : opened;
}

function openChecked(path: string, sync: Config["sync"], quickCheck: boolean): { ok: true; store: Store; path: string } | { ok: false; error: string } {
  let store: Store;
  try {
    store = openStore(path, { sync });
  } catch (e) {
    return { ok: false, error: `cannot open ${path}: ${(e as Error).message}` };
  }
  const damage = quickCheck ? damageOf(store) : null;
  if (damage !== null) {
    store.close();
    return { ok: false, error: `${path} is damaged (PRAGMA quick_check: ${damage}); restore a backup, or recover it with sqlite3's .recover` };
  }
  const migrated = store.migrate(loadMigrations());
  if (!migrated.ok) {
    store.close();
    return { ok: false, error: `${path}: ${migrated.error}` };
  }
  return { ok: true, store, path };
}

/** null when the file is sound, else what `PRAGMA quick_check` found (cut to one line's length). */
function damageOf(store: Store): string | null {
  let answer: string;
  try {
    answer = store.check();
  } catch (e) {
    return (e as Error).message;
  }
  return answer === "ok" ? null : answer.replace(/\s+/g, " ").slice(0, 300);
}

export async function startDaemon(deps: StartDeps): Promise<StartResult> {
  const { config, log } = deps;
  const opened = openDataDir(config, { daemonPid: process.pid });
  if (!opened.ok) return opened;
  const { store } = opened;
  const close = (): void => {
    store.close();
    opened.lock?.release();
  };
  const pinned = { apiKey: config.apiKey, pingKey: config.pingKey };
  const project = store.write((tx) => tx.ensureDefaultProject(deps.now(), pinned));
  if (project.created) {
    deps.out("Created the default project. These keys are shown only once:");
    deps.out(`  API key (read-write): ${config.apiKey ? "(pinned by TOCSIN_API_KEY)" : project.keys.apiKey}`);
    deps.out(`  API key (read-only):  ${project.keys.apiKeyReadOnly}`);
    deps.out(`  Ping key:             ${project.keys.project.pingKey}`);
  }
  if (config.configFile !== null) {
    // before the services start: they load the index and the deadlines from what this writes
    const declared = applyDeclared({ store, crons: new CronCache(), now: deps.now, publish: publishNowhere, log, out: deps.out }, config.declared, config.configFile);
    if (!declared.ok) {
      close();
      return { ok: false, error: `invalid configuration:\n${declared.problems.map((p) => `  - ${p}`).join("\n")}` };
    }
  }
  const boot = deps.now();
  const postponed = applyStartupGrace(store, boot, config.startupGrace);
  if (postponed > 0) log.warn("deadlines that fell while Tocsin was down were postponed", { checks: postponed, seconds: config.startupGrace });
  let baseUrl = config.baseUrl?.replace(/\/+$/, "") ?? "";
  const services = createServices({ store, config, log, now: deps.now, baseUrl: () => baseUrl });
  const { hostname, port } = splitHostPort(config.listen);
  let server: ReturnType<typeof Bun.serve>;
  try {
    server = Bun.serve({ ...services.server, hostname, port, fetch: (req, srv) => services.fetch(req, srv.requestIP(req)?.address ?? "") });
  } catch (e) {
    close();
    return { ok: false, error: `cannot listen on ${config.listen}: ${(e as Error).message}` };
  }
  const url = `http://${hostname.includes(":") && !hostname.startsWith("[") ? `[${hostname}]` : hostname}:${server.port}`;
  baseUrl ||= url;
  services.start();
  log.info("listening", { url, database: opened.path, deadlines: services.scheduler.pending, checks: services.index.size });
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      // stop accepting; in-flight requests finish, their pings land in the last batch
      const drained = server.stop();
      services.writer.flush();
      await drained;
      await services.stop();
      markAlive(store, deps.now());
      close();
      log.info("stopped");
    })());
  const reload = (): LoadResult => {
    const result = reloadConfigFile({ store, crons: services.crons, now: deps.now, publish: services.publish, log, out: deps.out }, config.configFile, (p) => readFileSync(p, "utf8"));
    if (!result.ok) log.error("config reload failed; nothing was changed", { problems: result.problems });
    return result;
  };
  return { ok: true, daemon: { url, store, stop, reload } };
}

export function splitHostPort(listen: string): { hostname: string; port: number } {
  const i = listen.lastIndexOf(":");
  return { hostname: listen.slice(0, i).replace(/^\[(.*)\]$/, "$1"), port: Number(listen.slice(i + 1)) };
}
