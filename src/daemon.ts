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
import { type AdminPasswordAtStart, ensureAdminPassword } from "./sessions/admin-password.ts";
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

export type OpenResult = { readonly ok: true; readonly store: Store; readonly path: string } | { readonly ok: false; readonly error: string };

/** Creates the data directory if needed, opens tocsin.db and brings its schema up to date. */
export function openDataDir(config: Pick<Config, "dataDir" | "sync">): OpenResult {
  const dir = resolve(config.dataDir);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    return { ok: false, error: `data directory ${dir} is not writable (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  }
  const path = join(dir, "tocsin.db");
  let store: Store;
  try {
    store = openStore(path, { sync: config.sync });
  } catch (e) {
    return { ok: false, error: `cannot open ${path}: ${(e as Error).message}` };
  }
  const migrated = store.migrate(loadMigrations());
  if (!migrated.ok) {
    store.close();
    return { ok: false, error: `${path}: ${migrated.error}` };
  }
  return { ok: true, store, path };
}

export async function startDaemon(deps: StartDeps): Promise<StartResult> {
  const { config, log } = deps;
  const opened = openDataDir(config);
  if (!opened.ok) return opened;
  const { store } = opened;
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
      store.close();
      return { ok: false, error: `invalid configuration:\n${declared.problems.map((p) => `  - ${p}`).join("\n")}` };
    }
  }
  const admin = await ensureAdminPassword(store, config.adminPassword);
  const boot = deps.now();
  const postponed = applyStartupGrace(store, boot, config.startupGrace);
  if (postponed > 0) log.warn("deadlines that fell while Tocsin was down were postponed", { checks: postponed, seconds: config.startupGrace });
  let baseUrl = config.baseUrl?.replace(/\/+$/, "") ?? "";
  const services = createServices({ store, config, log, now: deps.now, baseUrl: () => baseUrl });
  const { hostname, port } = splitHostPort(config.listen);
  let server: ReturnType<typeof Bun.serve>;
  try {
    server = Bun.serve({ hostname, port, fetch: (req, srv) => services.fetch(req, srv.requestIP(req)?.address ?? "") });
  } catch (e) {
    store.close();
    return { ok: false, error: `cannot listen on ${config.listen}: ${(e as Error).message}` };
  }
  const url = `http://${hostname.includes(":") && !hostname.startsWith("[") ? `[${hostname}]` : hostname}:${server.port}`;
  baseUrl ||= url;
  services.start();
  announceDashboard(deps.out, `${baseUrl}/app`, admin);
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
      store.close();
      log.info("stopped");
    })());
  const reload = (): LoadResult => {
    const result = reloadConfigFile({ store, crons: services.crons, now: deps.now, publish: services.publish, log, out: deps.out }, config.configFile, (p) => readFileSync(p, "utf8"));
    if (!result.ok) log.error("config reload failed; nothing was changed", { problems: result.problems });
    return result;
  };
  return { ok: true, daemon: { url, store, stop, reload } };
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
