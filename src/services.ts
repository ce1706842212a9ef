// Wiring of everything that runs on an open store: scheduler, ping path, notifier, housekeeping,
// HTTP application, and the one post-commit path that keeps them coherent. The daemon serves
// `fetch`; end-to-end tests call the same `fetch` with a settable clock.
import type { Config } from "./config.ts";
import { createDashboard, type Dashboard, type DashboardConfig } from "./dashboard/index.ts";
import { Housekeeping, type Job } from "./housekeeping.ts";
import { LatencyHistogram } from "./http/api/metrics.ts";
import { type App, createApp } from "./http/app.ts";
import { createPingHandler } from "./http/ping-handler.ts";
import type { PingRoute } from "./http/ping-url.ts";
import { BatchWriter, type BatchWriterOptions, DEFAULT_BATCH } from "./ingest/batch-writer.ts";
import { CheckIndex } from "./ingest/check-index.ts";
import { type PingInput, type PingOutcome, recordPing } from "./ingest/record-ping.ts";
import { LiveEvents } from "./live/events.ts";
import { createPublisher, type Publish } from "./live/publish.ts";
import type { Logger } from "./log.ts";
import { DeliveryCounters } from "./notify/counters.ts";
import { Notifier } from "./notify/notifier.ts";
import { pruneOldNotifications } from "./notify/retention.ts";
import { selfPing } from "./notify/self-ping.ts";
import { createChannelTester } from "./notify/test-send.ts";
import { HTTP_TIMEOUT_MS, Transports } from "./notify/transports.ts";
import { CronCache } from "./core/cron-cache.ts";
import { ALIVE_INTERVAL_MS, markAlive } from "./scheduler/liveness.ts";
import { Scheduler } from "./scheduler/scheduler.ts";
import type { Store } from "./store/store.ts";

export type ServiceConfig = Pick<Config, "pingBodyLimit" | "pingLogLimit" | "trustProxy" | "statusAtRoot"> &
  Partial<Pick<Config, "smtpUrl" | "emailFrom" | "selfPingUrl" | "metricsToken">> &
  Pick<DashboardConfig, "smtpListen" | "emailDomain">;

export interface ServiceDeps {
  readonly store: Store;
  readonly config: ServiceConfig;
  readonly log: Logger;
  readonly now: () => number;
  readonly batch?: BatchWriterOptions;
  /** public base URL (TOCSIN_BASE_URL or http://<listen>), known once the server listens */
  readonly baseUrl: () => string;
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
  readonly app: App;
  readonly dashboard: Dashboard;
  readonly pingCounts: Map<PingRoute, number>;
  /** answers any request: ping paths first, then the dashboard (/app), then the application */
  fetch(req: Request, socketAddr?: string): Promise<Response>;
  /** starts the scheduler, the notifier and the housekeeping jobs */
  start(): void;
  /** writes what is queued, stops timers and waits for deliveries in flight; the store stays open */
  stop(): Promise<void>;
}

/** Notifications retention runs hourly; self-pings every minute; liveness every 30 s. */
const PRUNE_EVERY_MS = 3_600_000;
const SELF_PING_EVERY_MS = 60_000;

export function createServices(deps: ServiceDeps): Services {
  const { store, config, log, now } = deps;
  const crons = new CronCache();
  const events = new LiveEvents();
  const counters = new DeliveryCounters();
  const transports = new Transports({ smtpUrl: config.smtpUrl, emailFrom: config.emailFrom });
  const notifier = new Notifier({ store, crons, log, now, baseUrl: deps.baseUrl, transports, counters });
  const index = store.read((tx) => CheckIndex.load(tx));
  // the scheduler is created before the publisher that updates it: it reaches it through `publish`
  let publishNow: Publish = () => {};
  const publish: Publish = (changes) => publishNow(changes);
  const scheduler = new Scheduler({ store, log, now, crons, publish });
  publishNow = createPublisher({ index, scheduler, wakeNotifier: () => notifier.wake(), events });
  const commitLatency = new LatencyHistogram();
  const writer = new BatchWriter<PingInput, PingOutcome>(
    store,
    (tx, input, changes) => recordPing({ crons, pingLogLimit: config.pingLogLimit }, tx, input, changes),
    publish,
    deps.batch ?? DEFAULT_BATCH,
    (_size, ms) => commitLatency.observe(ms / 1000),
  );
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
  const app = createApp({
    store,
    log,
    now,
    crons,
    publish,
    baseUrl: deps.baseUrl,
    testChannel: createChannelTester({ store, now, baseUrl: deps.baseUrl, transports, counters }),
    metrics: { token: config.metricsToken, pingCounts, commitLatency, notifications: () => counters.list(), deadlines: () => scheduler.pending },
    statusAtRoot: config.statusAtRoot,
  });
  const dashboard = createDashboard({
    store,
    crons,
    now,
    publish,
    events,
    log,
    baseUrl: deps.baseUrl,
    config: { trustProxy: config.trustProxy, smtpListen: config.smtpListen, emailDomain: config.emailDomain },
  });
  const jobs: Job[] = [
    { name: "prune-notifications", everyMs: PRUNE_EVERY_MS, atStart: true, run: () => pruneOldNotifications(store, now()) },
    { name: "mark-alive", everyMs: ALIVE_INTERVAL_MS, atStart: false, run: () => markAlive(store, now()) },
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
    app,
    dashboard,
    pingCounts,
    fetch: (req, socketAddr = "") => ping(req, socketAddr) ?? dashboard.handle(req, socketAddr) ?? app.handle(req),
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
