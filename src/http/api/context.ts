// What the management API routes get: the database and the live services they keep coherent.
import type { Database } from "bun:sqlite";
import type { CheckIndex } from "../../ingest/check-index.ts";
import type { Logger } from "../../log.ts";
import type { CronCache } from "../../scheduler/cron-cache.ts";
import type { Scheduler } from "../../scheduler/scheduler.ts";
import type { MetricsSources } from "./metrics.ts";
import type { Notifier } from "../../notify/worker.ts";

export interface ApiDeps {
  readonly db: Database;
  readonly log: Logger;
  readonly now: () => number;
  readonly crons: CronCache;
  /** must learn every change of a check's down_at */
  readonly scheduler: Scheduler;
  /** must learn every new, deleted or re-keyed check (uuid, slug, push token) and project */
  readonly index: CheckIndex;
  /** public base URL for ping URLs, without a trailing slash (known once the server listens) */
  readonly baseUrl: () => string;
  /** wakes the notifier after a flip was committed */
  readonly flipCommitted: () => void;
  /** counters and the optional bearer token of GET /metrics */
  readonly metrics: MetricsSources;
  /** the alert worker: channel test messages, re-checks after mute or maintenance changes */
  readonly notifier?: Notifier;
}
