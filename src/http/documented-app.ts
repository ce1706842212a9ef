// The HTTP application on an empty in-memory database, for what does not depend on its data: the
// route table that generated/openapi.json is built from (scripts/openapi.ts, and the test that
// keeps the shipped document equal to it).
import { loadMigrations } from "../assets.ts";
import { CronCache } from "../core/cron-cache.ts";
import { publishNowhere } from "../live/publish.ts";
import { silentLogger } from "../log.ts";
import { openStore } from "../store/store.ts";
import { LatencyHistogram } from "./api/latency-histogram.ts";
import { type App, createApp } from "./app.ts";

export function documentedApp(): App {
  const store = openStore(":memory:");
  const migrated = store.migrate(loadMigrations());
  if (!migrated.ok) throw new Error(migrated.error);
  return createApp({
    store,
    log: silentLogger,
    now: () => 0,
    crons: new CronCache(),
    publish: publishNowhere,
    baseUrl: () => "http://tocsin.invalid",
    emailDomain: null,
    testChannel: async () => ({ status: "ok", error: "", durationMs: 0, attemptId: 0 }),
    metrics: { pingCounts: new Map(), commitLatency: new LatencyHistogram(), notifications: () => [], deadlines: () => 0 },
    statusAtRoot: false,
  });
}
