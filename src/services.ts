// Wiring of everything that runs on an open store: scheduler, ping path, notifier, housekeeping,
// HTTP application, and the one post-commit path that keeps them coherent. The daemon serves
// `fetch`; end-to-end tests call the same `fetch` with a settable clock.
import type { Config } from "./config.ts";
import { Housekeeping, type Job } from "./housekeeping.ts";
import { LatencyHistogram } from "./http/api/latency-histogram.ts";
import { statusProbe } from "./http/status-probe.ts";
import { createPingHandler } from "./http/ping-handler.ts";
import { type ServerOptions, serverOptions } from "./http/server-options.ts";
import type { PingRoute } from "./http/ping-url.ts";
import { createReporterHandler } from "./http/reporter-handler.ts";
import { HotChecks } from "./ingest/hot-checks.ts";
import { BatchWriter, type BatchWriterOptions, DEFAULT_BATCH } from "./ingest/batch-writer.ts";
import { CheckIndex } from "./ingest/check-index.ts";
import { forgetSilentReplicas } from "./ingest/forget-replicas.ts";
import { ExternalWrites } from "./ingest/external-writes.ts";
import { HistoryUpkeep } from "./ingest/history-upkeep.ts";
import { type PingInput, type PingOutcome, recordPing } from "./ingest/record-ping.ts";
import { LiveEvents } from "./live/events.ts";
import { createPublisher, type Publish } from "./live/publish.ts";
import type { Logger } from "./log.ts";
import { DeliveryCounters } from "./notify/counters.ts";
import { Notifier } from "./notify/notifier.ts";
import { pruneOldNotifications } from "./notify/retention.ts";
import { selfPing } from "./notify/self-ping.ts";
import { HTTP_TIMEOUT_MS, Transports } from "./notify/transports.ts";
import { CronCache } from "./core/cron-cache.ts";
import { ALIVE_INTERVAL_MS, markAlive } from "./scheduler/liveness.ts";
import { Scheduler } from "./scheduler/scheduler.ts";
import type { Store } from "./store/store.ts";
import type { Web } from "./web-services.ts";

// the daemon decides where links point from its listen address; the policy lives with HTTP
export { type PublicBase, publicBase } from "./http/public-base.ts";

export type ServiceConfig = Pick<Config, "pingBodyLimit" | "pingLogLimit" | "trustProxy" | "statusAtRoot"> &
  Partial<Pick<Config, "smtpUrl" | "emailFrom" | "selfPingUrl" | "metricsToken" | "metricsPublic" | "smtpListen" | "emailDomains" | "integrationsAllowPrivate">>;

export interface ServiceDeps {
  readonly store: Store;
  readonly config: ServiceConfig;
  readonly log: Logger;
  readonly now: () => number;
  readonly batch?: BatchWriterOptions;
  /** public base URL of links made outside a request (http/public-base.ts), known once the server listens */
  readonly baseUrl: () => string;
  /** the base URL of links in the answer to a request; baseUrl() when absent */
  readonly requestBaseUrl?: (req: Request, url: URL) => string;
}

export interface Services {
  readonly crons: CronCache;
  readonly scheduler: Scheduler;
  readonly index: CheckIndex;
  readonly writer: BatchWriter<PingInput, PingOutcome>;
  readonly notifier: Notifier;
  readonly housekeeping: Housekeeping;
  readonly counters: DeliveryCounters;
  readonly events: LiveEvents;
  readonly publish: Publish;
  /** the API, status pages and dashboard, loaded on the first request for one of them */
  web(): Promise<Web>;
  readonly pingCounts: Map<PingRoute, number>;
  /** answers any request: ping paths first, then the status probe, then the web part (dashboard, then the application) */
  fetch(req: Request, socketAddr?: string): Promise<Response>;
  /** Bun.serve's options besides fetch: no development mode, JSON crash answers, the body bound */
  readonly server: ServerOptions;
  /** starts the scheduler, the notifier and the housekeeping jobs */
  start(): void;
  /** writes what is queued, stops timers and waits for deliveries in flight; the store stays open */
  stop(): Promise<void>;
}

/** Notifications retention and forgetting silent replicas run hourly; status history upkeep and self-pings every minute; liveness every 30 s; other processes' writes are looked for every second. */
const PRUNE_EVERY_MS = 3_600_000;
const HISTORY_EVERY_MS = 60_000;
const EXTERNAL_WRITES_EVERY_MS = 1_000;
const SELF_PING_EVERY_MS = 60_000;

export function createServices(deps: ServiceDeps): Services {
  const { store, config, log, now } = deps;
  // SPEC §2: the first refused write and the recovery are each logged once, however many follow
  store.onWriteHealthChange((health, before) => {
    if (!health.ok) log.error("database writes are failing", { reason: health.reason });
    else if (!before.ok) log.info("database writes succeed again", { reason: before.reason, failedWrites: before.failedWrites });
  });
  const crons = new CronCache();
  const events = new LiveEvents();
  const counters = new DeliveryCounters();
  const transports = new Transports({ smtpUrl: config.smtpUrl, emailFrom: config.emailFrom, allowPrivate: config.integrationsAllowPrivate });
  const notifier = new Notifier({ store, crons, log, now, baseUrl: deps.baseUrl, transports, counters });
  const index = store.read((tx) => CheckIndex.load(tx));
  // the scheduler is created before the publisher that updates it: it reaches it through `publish`
  let publishNow: Publish = () => {};
  const publish: Publish = (changes) => publishNow(changes);
  const scheduler = new Scheduler({ store, log, now, crons, publish });
  publishNow = createPublisher({ index, scheduler, wakeNotifier: () => notifier.wake(), events });
  const commitLatency = new LatencyHistogram();
  const hot = new HotChecks(store);
  const recordDeps = { crons, pingLogLimit: config.pingLogLimit, hot };
  const writer = new BatchWriter<PingInput, PingOutcome>(
    store,
    (tx, input, changes) => recordPing(recordDeps, tx, input, changes),
    publish,
    deps.batch ?? DEFAULT_BATCH,
    (_size, ms) => commitLatency.observe(ms / 1000),
    hot,
  );
  const externalWrites = new ExternalWrites({ store, index, publish });
  const pingCounts = new Map<PingRoute, number>();
  const ping = createPingHandler({
    index,
    writer,
    crons,
    now,
    bodyLimit: config.pingBodyLimit,
    trustProxy: config.trustProxy,
    counted: (route) => pingCounts.set(route, (pingCounts.get(route) ?? 0) + 1),
  });
  const reporter = createReporterHandler({ store, writer, now, bodyLimit: config.pingBodyLimit, trustProxy: config.trustProxy });
  const history = new HistoryUpkeep(store);
  // the web part loads on first use; until then the daemon holds only what pings need
  let web: Promise<Web> | null = null;
  const loadWeb = (): Promise<Web> =>
    (web ??= import("./web-services.ts").then((m) =>
      m.createWeb({ store, config, log, now, crons, publish, events, transports, counters, scheduler, pingCounts, commitLatency, baseUrl: deps.baseUrl, ...(deps.requestBaseUrl ? { requestBaseUrl: deps.requestBaseUrl } : {}) }),
    ));
  const jobs: Job[] = [
    { name: "prune-notifications", everyMs: PRUNE_EVERY_MS, atStart: true, run: () => pruneOldNotifications(store, now()) },
    { name: "mark-alive", everyMs: ALIVE_INTERVAL_MS, atStart: false, run: () => markAlive(store, now()) },
    { name: "forget-replicas", everyMs: PRUNE_EVERY_MS, atStart: true, run: () => forgetSilentReplicas({ store, crons, publish }, now()) },
    { name: "external-writes", everyMs: EXTERNAL_WRITES_EVERY_MS, atStart: false, run: () => externalWrites.poll() },
    { name: "uptime-history", everyMs: HISTORY_EVERY_MS, atStart: false, run: () => history.run(now()) },
  ];
  const selfPingUrl = config.selfPingUrl;
  if (selfPingUrl) jobs.push({ name: "self-ping", everyMs: SELF_PING_EVERY_MS, atStart: true, run: () => selfPing(store, selfPingUrl, now(), HTTP_TIMEOUT_MS, log) });
  const housekeeping = new Housekeeping(jobs, log);
  return {
    crons,
    scheduler,
    index,
    writer,
    notifier,
    housekeeping,
    counters,
    events,
    publish,
    web: loadWeb,
    pingCounts,
    fetch: (req, socketAddr = "") => ping(req, socketAddr) ?? reporter(req, socketAddr) ?? statusProbe(store, req) ?? loadWeb().then((w) => w.handle(req, socketAddr)),
    server: serverOptions(log),
    start: () => {
      scheduler.start();
      notifier.start();
      housekeeping.start();
    },
    stop: async () => {
      writer.flush();
      scheduler.stop();
      await housekeeping.stop();
      await notifier.stop();
    },
  };
}
