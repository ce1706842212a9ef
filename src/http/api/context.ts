// What the management API routes get: the store, the clock, the post-commit path and the few
// services a route needs directly.
import type { Publish } from "../../live/publish.ts";
import type { Logger } from "../../log.ts";
import type { ChannelTester } from "../../notify/test-send.ts";
import type { CronCache } from "../../core/cron-cache.ts";
import type { Store } from "../../store/store.ts";
import type { MetricsSources } from "./metrics.ts";

export interface ApiDeps {
  readonly store: Store;
  readonly log: Logger;
  readonly now: () => number;
  readonly crons: CronCache;
  /** every committed change reaches the index, the scheduler, the notifier and live pages through it */
  readonly publish: Publish;
  /** public base URL for ping URLs, without a trailing slash (known once the server listens) */
  readonly baseUrl: () => string;
  /** counters and the optional bearer token of GET /metrics */
  readonly metrics: MetricsSources;
  /** the first domain of the SMTP listener when it is on (check JSON's `email`) */
  readonly emailDomain: string | null;
  /** sends a channel's test message now (POST /api/v3/channels/<id>/test) */
  readonly testChannel: ChannelTester;
}
