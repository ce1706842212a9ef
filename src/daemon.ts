// The running daemon: database, HTTP server and background loops, started and stopped as one.
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync } from "node:fs";
import { hostname as machineHostName } from "node:os";
import { join, resolve } from "node:path";
import { loadMigrations } from "./assets.ts";
import { changedSettings, type Config, type ConfigSources, loadConfig } from "./config.ts";
import type { LoadResult } from "./config-file/load.ts";
import { republishProjects } from "./config-file/republish.ts";
import { publishNowhere } from "./live/publish.ts";
import type { Logger } from "./log.ts";
import { CronCache } from "./core/cron-cache.ts";
import { applyStartupGrace, markAlive } from "./scheduler/liveness.ts";
import { createServices, publicBase, type Services } from "./services.ts";
import type { SmtpListener, SmtpStart } from "./ingest/smtp.ts";
import { type DataDirLock, lockDataDir } from "./store/data-dir-lock.ts";
import { type AdminPasswordAtStart, ensureAdminPassword } from "./sessions/admin-password.ts";
import { openStore, type Store } from "./store/store.ts";

export interface Daemon {
  readonly url: string;
  readonly store: Store;
  /** host:port of the SMTP listener, when it is on */
  readonly smtp: string | null;
  /** stop accepting, finish in-flight requests, close the database */
  stop(): Promise<void>;
  /** SIGHUP: re-read the config file's declared objects and the projects table */
  reload(): LoadResult;
}

export type StartResult = { readonly ok: true; readonly daemon: Daemon } | { readonly ok: false; readonly error: string };

export interface StartDeps {
  readonly config: Config;
  /** where `config` came from: SIGHUP parses them again to name settings that need a restart */
  readonly sources?: ConfigSources;
  readonly log: Logger;
  /** where first-start keys are printed (stdout) */
  readonly out: (line: string) => void;
  readonly now: () => number;
}

export type OpenResult =
  | { readonly ok: true; readonly store: Store; readonly path: string; readonly lock: DataDirLock | null }
  | { readonly ok: false; readonly error: string };

/**
 * SPEC §2: only `serve` and `migrate` create a database; every other command opens an existing one.
 * `daemonPid`: the daemon first takes the directory's lock and refuses a damaged file before
 * anything is written to it; the caller releases the lock after closing the store.
 */
export interface OpenDataDirOptions {
  readonly create: boolean;
  readonly daemonPid?: number;
}

/** The data directory holds job output: owner only (SPEC §2). */
const DATA_DIR_MODE = 0o700;

/**
 * Opens tocsin.db in the data directory and brings its schema up to date; with `create`, makes the
 * directory (0700) and the database (0600) when missing. Without it, a missing database is an
 * error naming the path looked at and how to change it, never a new empty database.
 */
export function openDataDir(config: Pick<Config, "dataDir" | "sync">, opts: OpenDataDirOptions): OpenResult {
  const dir = resolve(config.dataDir);
  const path = join(dir, "tocsin.db");
  if (!opts.create && !existsSync(path)) {
    return { ok: false, error: `no database at ${path}; use --data-dir (or TOCSIN_DATA_DIR) to name the directory that holds tocsin.db` };
  }
  try {
    if (!existsSync(dir)) {
      mkdirSync(dir, { recursive: true, mode: DATA_DIR_MODE });
      // mkdir's mode is filtered by the umask; the directory's is not left to it
      chmodSync(dir, DATA_DIR_MODE);
    }
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
  const opened = openChecked(path, config.sync, opts.create, opts.daemonPid !== undefined);
  if (!opened.ok) lock?.release();
  return opened.ok ? { ...opened, lock } : opened;
}

function openChecked(path: string, sync: Config["sync"], create: boolean, quickCheck: boolean): { ok: true; store: Store; path: string } | { ok: false; error: string } {
  let store: Store;
  try {
    store = openStore(path, { sync, create });
  } catch (e) {
    // a file too damaged even to open (its header or schema unreadable) is damaged, not missing
    const code = (e as { code?: unknown }).code;
    if (code === "SQLITE_CORRUPT" || code === "SQLITE_NOTADB") return { ok: false, error: damagedText(path, (e as Error).message) };
    return { ok: false, error: `cannot open ${path}: ${(e as Error).message}` };
  }
  const damage = quickCheck ? damageOf(store) : null;
  if (damage !== null) {
    store.close();
    return { ok: false, error: damagedText(path, damage) };
  }
  const migrated = store.migrate(loadMigrations());
  if (!migrated.ok) {
    store.close();
    return { ok: false, error: `${path}: ${migrated.error}` };
  }
  return { ok: true, store, path };
}

function damagedText(path: string, what: string): string {
  return `${path} is damaged (PRAGMA quick_check: ${what}); restore a backup, or recover it with sqlite3's .recover`;
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
  const opened = openDataDir(config, { create: true, daemonPid: process.pid });
  if (!opened.ok) return opened;
  const { store } = opened;
  const close = (): void => {
    store.close();
    opened.lock?.release();
  };
  const pinned = { apiKey: config.apiKey, pingKey: config.pingKey, reporterToken: config.reporterToken };
  const project = store.write((tx) => tx.ensureDefaultProject(deps.now(), pinned));
  if (project.created) {
    deps.out("Created the default project. These keys are shown only once:");
    deps.out(`  API key (read-write): ${config.apiKey ? "(pinned by TOCSIN_API_KEY)" : project.keys.apiKey}`);
    deps.out(`  API key (read-only):  ${project.keys.apiKeyReadOnly}`);
    deps.out(`  Ping key:             ${project.keys.project.pingKey}`);
    deps.out(`  Reporter token:       ${config.reporterToken ? "(pinned by TOCSIN_REPORTER_TOKEN)" : project.keys.reporterToken}`);
  }
  // the declared objects' schemas (the full zod, every channel kind) load only with a config file
  const declaredFile = config.configFile === null ? null : await import("./config-file/load.ts");
  if (declaredFile !== null && config.configFile !== null) {
    // before the services start: they load the index and the deadlines from what this writes
    const declared = declaredFile.applyDeclared({ store, crons: new CronCache(), now: deps.now, publish: publishNowhere, log, out: deps.out }, config.declared, config.configFile);
    if (!declared.ok) {
      close();
      return { ok: false, error: `invalid configuration:\n${declared.problems.map((p) => `  - ${p}`).join("\n")}` };
    }
  }
  const admin = await ensureAdminPassword(store, config.adminPassword);
  const boot = deps.now();
  const postponed = applyStartupGrace(store, boot, config.startupGrace);
  if (postponed > 0) log.warn("deadlines that fell while Tocsin was down were postponed", { checks: postponed, seconds: config.startupGrace });
  const { hostname, port } = splitHostPort(config.listen);
  let listeningPort = port;
  const base = publicBase({ configured: config.baseUrl, listenHost: hostname, port: () => listeningPort, machineHost: machineHostName(), trustProxy: config.trustProxy });
  const services = createServices({ store, config, log, now: deps.now, baseUrl: () => base.outside(), requestBaseUrl: (req, url) => base.forRequest(req, url) });
  let server: ReturnType<typeof Bun.serve>;
  try {
    server = Bun.serve({ ...services.server, hostname, port, fetch: (req, srv) => services.fetch(req, srv.requestIP(req)?.address ?? "") });
  } catch (e) {
    close();
    return { ok: false, error: `cannot listen on ${config.listen}: ${(e as Error).message}` };
  }
  listeningPort = server.port ?? port;
  const url = `http://${hostname.includes(":") && !hostname.startsWith("[") ? `[${hostname}]` : hostname}:${listeningPort}`;
  const smtpStart = await startSmtp(config, services, log, deps.now);
  if (!smtpStart.ok) {
    await server.stop(true);
    close();
    return smtpStart;
  }
  const smtp = smtpStart.listener;
  services.start();
  if (base.fromRequests) {
    log.warn("listening on every address without TOCSIN_BASE_URL: API answers build their URLs from each request's Host, and alerts link to this machine's host name; set TOCSIN_BASE_URL to the address people and jobs use", { alertLinks: base.outside() });
  }
  announceDashboard(deps.out, `${base.outside()}/app`, admin);
  log.info("listening", { url, smtp: smtp?.address, database: opened.path, deadlines: services.scheduler.pending, checks: services.index.size });
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      // stop accepting; in-flight requests finish, their pings land in the last batch
      const drained = server.stop();
      const mailDrained = smtp?.stop();
      services.writer.flush();
      await drained;
      await mailDrained;
      await services.stop();
      markAlive(store, deps.now());
      close();
      log.info("stopped");
    })());
  const reload = (): LoadResult => {
    if (deps.sources) reportRestartSettings(config, deps.sources, log);
    if (declaredFile === null) {
      republishProjects(store, services.publish);
      return { ok: true, warnings: [], declared: {} };
    }
    const result = declaredFile.reloadConfigFile({ store, crons: services.crons, now: deps.now, publish: services.publish, log, out: deps.out }, config.configFile, (p) => readFileSync(p, "utf8"));
    if (!result.ok) log.error("config reload failed; nothing was changed", { problems: result.problems });
    return result;
  };
  return { ok: true, daemon: { url, store, smtp: smtp?.address ?? null, stop, reload } };
}

type SmtpStarted = { readonly ok: true; readonly listener: SmtpListener | null } | Extract<SmtpStart, { ok: false }>;

/** The SMTP listener when it is configured; its module (and its libraries) load only then. */
async function startSmtp(config: Config, services: Services, log: Logger, now: () => number): Promise<SmtpStarted> {
  if (config.smtpListen === undefined) return { ok: true, listener: null };
  const { startSmtpListener } = await import("./ingest/smtp.ts");
  return startSmtpListener({
    listen: config.smtpListen,
    domains: config.emailDomains,
    tls: config.smtpTlsCert !== undefined && config.smtpTlsKey !== undefined ? { certFile: config.smtpTlsCert, keyFile: config.smtpTlsKey } : null,
    index: services.index,
    submit: (input) => services.writer.submit(input),
    bodyLimit: config.pingBodyLimit,
    log,
    now,
  });
}

/** SIGHUP changes no setting; it says which edited ones wait for a restart. */
function reportRestartSettings(running: Config, sources: ConfigSources, log: Logger): void {
  const fresh = loadConfig(sources);
  if (!fresh.ok) {
    log.warn("the configuration has problems; the running settings stay and a restart would refuse it", { problems: fresh.errors });
    return;
  }
  const changed = changedSettings(running, fresh.config);
  if (changed.length > 0) log.warn("settings changed that need a restart; the running values stay until then", { settings: changed });
}

/** While nobody has chosen the admin password, every start prints the generated one (SPEC §12). */
function announceDashboard(out: (line: string) => void, url: string, admin: AdminPasswordAtStart): void {
  if (admin.kind !== "generated") return;
  out(`Dashboard: ${url}`);
  out(`  Admin password: ${admin.password}`);
  out("  (valid until you set your own: tocsin admin set-password, or TOCSIN_ADMIN_PASSWORD)");
}

export function splitHostPort(listen: string): { hostname: string; port: number } {
  const i = listen.lastIndexOf(":");
  return { hostname: listen.slice(0, i).replace(/^\[(.*)\]$/, "$1"), port: Number(listen.slice(i + 1)) };
}
