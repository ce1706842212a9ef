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
  /**
   * Public base URL without a trailing slash (known once the server listens). Routes build links
   * from `call.baseUrl`, which is this unless `requestBaseUrl` decides per request.
   */
  readonly baseUrl: () => string;
  /** the base URL of links in the answer to a request (SPEC §2: wildcard listen without TOCSIN_BASE_URL) */
  readonly requestBaseUrl?: (req: Request, url: URL) => string;
  /** counters and the optional bearer token of GET /metrics */
  readonly metrics: MetricsSources;
  /** the first domain of the SMTP listener when it is on (check JSON's `email`) */
  readonly emailDomain: string | null;
  /** sends a channel's test message now (POST /api/v3/channels/<id>/test) */
  readonly testChannel: ChannelTester;
}
