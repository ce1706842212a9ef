// What the dashboard gets from the services: the store (read through views, written through the
// check operations), the clock, the post-commit path and its live event stream, and the few
// settings its pages show.
import type { CronCache } from "../core/cron-cache.ts";
import type { LiveEvents } from "../live/events.ts";
import type { Publish } from "../live/publish.ts";
import type { Logger } from "../log.ts";
import type { ChannelTester } from "../notify/test-send.ts";
import type { PasswordVerifier } from "../sessions/password.ts";
import type { Store } from "../store/store.ts";
import type { DashboardLinks } from "./links.ts";
import type { LoginLimits } from "./login-limits.ts";

/** The settings the dashboard reads. */
export interface DashboardConfig {
  /** take the client address and scheme from X-Forwarded-* (a proxy we run is in front) */
  readonly trustProxy: boolean;
  /** the SMTP listener's address; the email snippet shows only while it is on */
  readonly smtpListen?: string;
  /** domains of email pings: the snippet shows `<uuid>@<first domain>` */
  readonly emailDomains?: readonly string[];
}

export interface DashboardDeps {
  readonly store: Store;
  readonly crons: CronCache;
  readonly now: () => number;
  readonly publish: Publish;
  readonly events: LiveEvents;
  readonly log: Logger;
  /** public base URL without a trailing slash (known once the server listens) */
  readonly baseUrl: () => string;
  readonly config: DashboardConfig;
  /** sends a channel's test message now and records the attempt (the API's test-send) */
  readonly testChannel: ChannelTester;
}

/** What route modules get: the dependencies plus the dashboard's own state. */
export interface PageContext extends DashboardDeps {
  /** links under the base path, which is known once the server listens */
  readonly links: () => DashboardLinks;
  readonly limits: LoginLimits;
  readonly verifier: PasswordVerifier;
}
