// What a send needs beyond its channel's settings: the outbound mail settings and one SMTP
// transport per URL, created on first use (nodemailer loads only then) and kept for later sends.
import type { Mailer, SendContext } from "./channel.ts";
import type { DestinationVerdict, Resolver } from "./destination.ts";
import { createMailer } from "./mailer.ts";

/** Outbound HTTP timeout for every channel (SPEC §8). */
export const HTTP_TIMEOUT_MS = 10_000;

export interface TransportSettings {
  readonly smtpUrl?: string | undefined;
  readonly emailFrom?: string | undefined;
  /** TOCSIN_INTEGRATIONS_ALLOW_PRIVATE; true when absent */
  readonly allowPrivate?: boolean | undefined;
  /** name resolution for the private-address guard (node:dns lookup by default) */
  readonly resolve?: Resolver;
}

export class Transports {
  private readonly mailers = new Map<string, Promise<Mailer>>();
  private readonly destination: SendContext["destination"];

  constructor(private readonly mail: TransportSettings) {
    this.destination = mail.allowPrivate === false ? lazyGuard(mail.resolve) : null;
  }

  context(): SendContext {
    return {
      smtpUrl: this.mail.smtpUrl,
      emailFrom: this.mail.emailFrom,
      timeoutMs: HTTP_TIMEOUT_MS,
      destination: this.destination,
      mailer: (url) => this.mailer(url),
    };
  }

  private mailer(url: string): Promise<Mailer> {
    let m = this.mailers.get(url);
    if (!m) {
      m = createMailer(url);
      // a failed load is retried by the next send instead of being cached
      m.catch(() => this.mailers.delete(url));
      this.mailers.set(url, m);
    }
    return m;
  }
}

/** The private-address guard, loaded (with node:dns and node:net) at the first send it judges. */
function lazyGuard(resolve: Resolver | undefined): (url: string) => Promise<DestinationVerdict> {
  let guard: Promise<(url: string) => Promise<DestinationVerdict>> | null = null;
  return async (url) => {
    guard ??= import("./destination.ts").then((m) => m.createDestinationGuard(resolve));
    return (await guard)(url);
  };
}
