// The notifier: delivers unprocessed, non-silent flips to their channels (SPEC §8).
import type { Database } from "bun:sqlite";
import type { Logger } from "../log.ts";

export interface NotifierConfig {
  readonly baseUrl: () => string;
  readonly smtpUrl?: string | undefined;
  readonly emailFrom?: string | undefined;
  readonly selfPingUrl?: string | undefined;
}

export interface NotifierDeps {
  readonly db: Database;
  readonly log: Logger;
  readonly now: () => number;
  readonly config: NotifierConfig;
}

export class Notifier {
  constructor(private readonly deps: NotifierDeps) {}

  start(): void {}

  /** a flip was committed: look at the outbox soon */
  wake(): void {}

  /** stops timers and waits for deliveries in flight */
  async stop(): Promise<void> {}
}
