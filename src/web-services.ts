// The daemon's web part: the API, OpenAPI, metrics, the status pages and the dashboard, built on
// the services' shared parts. services.ts loads this module on the first request that is neither
// a ping nor the status probe (SPEC §11: an idle daemon that only takes pings never parses the
// management code, which is most of Tocsin's code).
import { createDashboard, type Dashboard } from "./dashboard/index.ts";
import type { LatencyHistogram } from "./http/api/latency-histogram.ts";
import { type App, createApp } from "./http/app.ts";
import type { PingRoute } from "./http/ping-url.ts";
import type { CronCache } from "./core/cron-cache.ts";
import type { LiveEvents } from "./live/events.ts";
import type { Publish } from "./live/publish.ts";
import type { Logger } from "./log.ts";
import type { DeliveryCounters } from "./notify/counters.ts";
import { createChannelTester } from "./notify/test-send.ts";
import type { Transports } from "./notify/transports.ts";
import type { Scheduler } from "./scheduler/scheduler.ts";
import type { ServiceConfig } from "./services.ts";
import type { Store } from "./store/store.ts";

export interface WebDeps {
  readonly store: Store;
  readonly config: ServiceConfig;
  readonly log: Logger;
  readonly now: () => number;
  readonly crons: CronCache;
  readonly publish: Publish;
  readonly events: LiveEvents;
  readonly transports: Transports;
  readonly counters: DeliveryCounters;
  readonly scheduler: Scheduler;
  readonly pingCounts: ReadonlyMap<PingRoute, number>;
  readonly commitLatency: LatencyHistogram;
  readonly baseUrl: () => string;
  readonly requestBaseUrl?: (req: Request, url: URL) => string;
}

export interface Web {
  readonly app: App;
  readonly dashboard: Dashboard;
  /** the dashboard's paths (/app), then the application's */
  handle(req: Request, socketAddr: string): Promise<Response>;
}

export function createWeb(deps: WebDeps): Web {
  const { store, config, log, now, crons, publish, counters, scheduler } = deps;
  const testChannel = createChannelTester({ store, now, baseUrl: deps.baseUrl, transports: deps.transports, counters });
  const app = createApp({
    store,
    log,
    now,
    crons,
    publish,
    baseUrl: deps.baseUrl,
    emailDomain: config.smtpListen !== undefined ? (config.emailDomains?.[0] ?? null) : null,
    ...(deps.requestBaseUrl ? { requestBaseUrl: deps.requestBaseUrl } : {}),
    testChannel,
    metrics: {
      token: config.metricsToken,
      open: config.metricsPublic,
      pingCounts: deps.pingCounts,
      commitLatency: deps.commitLatency,
      notifications: () => counters.list(),
      deadlines: () => scheduler.pending,
    },
    statusAtRoot: config.statusAtRoot,
    trustProxy: config.trustProxy,
  });
  const dashboard = createDashboard({
    store,
    crons,
    now,
    publish,
    events: deps.events,
    log,
    baseUrl: deps.baseUrl,
    config: { trustProxy: config.trustProxy, smtpListen: config.smtpListen, emailDomains: config.emailDomains },
    testChannel,
  });
  return { app, dashboard, handle: (req, socketAddr) => dashboard.handle(req, socketAddr) ?? app.handle(req, socketAddr) };
}
