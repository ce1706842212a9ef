// Wiring of everything that runs on an open database: scheduler, ping path, HTTP application.
// The daemon serves `fetch`; end-to-end tests call the same `fetch` with a settable clock.
import type { Database } from "bun:sqlite";
import type { Config } from "./config.ts";
import { createApp } from "./http/app.ts";
import { createPingHandler } from "./http/ping-handler.ts";
import type { PingRoute } from "./http/ping-url.ts";
import { BatchWriter, type BatchWriterOptions, DEFAULT_BATCH } from "./ingest/batch-writer.ts";
import { CheckIndex } from "./ingest/check-index.ts";
import { type PingInput, type PingOutcome, recordPing } from "./ingest/record-ping.ts";
import type { Logger } from "./log.ts";
import { CronCache } from "./scheduler/cron-cache.ts";
import { Notifier } from "./notify/worker.ts";
import { Scheduler } from "./scheduler/scheduler.ts";
import { LatencyHistogram } from "./http/api/metrics.ts";

export type ServiceConfig = Pick<Config, "pingBodyLimit" | "pingLogLimit" | "trustProxy" | "statusAtRoot"> &
  Partial<Pick<Config, "smtpUrl" | "emailFrom" | "selfPingUrl" | "metricsToken">>;

export interface ServiceDeps {
  readonly db: Database;
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
  readonly pingCounts: Map<PingRoute, number>;
  /** answers any request: ping paths first, then the application */
  fetch(req: Request, socketAddr?: string): Promise<Response>;
  /** starts the scheduler and the notifier */
  start(): void;
  /** writes what is queued, stops timers and waits for deliveries in flight; the database stays open */
  stop(): Promise<void>;
}

export function createServices(deps: ServiceDeps): Services {
  const { db, config, log, now } = deps;
  const crons = new CronCache();
  const notifier = new Notifier({
    db,
    log,
    now,
    config: { baseUrl: deps.baseUrl, smtpUrl: config.smtpUrl, emailFrom: config.emailFrom, selfPingUrl: config.selfPingUrl },
  });
  const scheduler = new Scheduler({ db, log, now, crons, onFlip: () => notifier.wake() });
  const index = CheckIndex.load(db);
  const commitLatency = new LatencyHistogram();
  const writer = new BatchWriter<PingInput, PingOutcome>(
    db,
    (input) => recordPing({ db, crons, pingLogLimit: config.pingLogLimit }, input),
    (outputs) => {
      for (const o of outputs) {
        if (!o.ok) continue;
        scheduler.update(o.check.id, o.check.downAt);
        if (o.created) index.upsertCheck(o.check.id, o.check);
        if (o.flipId !== null) notifier.wake();
        if (o.muteChanged) notifier.recheck({ checkId: o.check.id });
      }
    },
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
    db,
    log,
    now,
    crons,
    scheduler,
    index,
    baseUrl: deps.baseUrl,
    flipCommitted: () => notifier.wake(),
    notifier,
    metrics: { token: config.metricsToken, pingCounts, commitLatency, notifications: () => notifier.counters() },
    statusAtRoot: config.statusAtRoot,
  });
  return {
    crons,
    scheduler,
    index,
    writer,
    notifier,
    pingCounts,
    fetch: (req, socketAddr = "") => ping(req, socketAddr) ?? app.handle(req),
    start: () => {
      scheduler.start();
      notifier.start();
    },
    stop: async () => {
      writer.flush();
      scheduler.stop();
      await notifier.stop();
    },
  };
}
