// The one interface every channel kind implements (SPEC §8). A channel turns an Alert into a
// request to its service and says how it went; whether an error is permanent decides retries.
import type { z } from "zod";
import type { Alert, AlertEvent } from "./alert.ts";
import type { DestinationVerdict } from "./destination.ts";

export type SendResult =
  | { readonly ok: true }
  /** permanent: retrying cannot help (HTTP 4xx except 408/429, SMTP 5xx, bad settings) */
  | { readonly ok: false; readonly permanent: boolean; readonly error: string };

/** What a send may need beyond its settings. */
export interface SendContext {
  readonly smtpUrl: string | undefined;
  readonly emailFrom: string | undefined;
  /** loads nodemailer on first use and keeps one transport per SMTP URL */
  readonly mailer: (smtpUrl: string) => Promise<Mailer>;
  /** outbound HTTP timeout */
  readonly timeoutMs: number;
  /** with TOCSIN_INTEGRATIONS_ALLOW_PRIVATE=false: decides, before each request, whether its URL may be reached */
  readonly destination: ((url: string) => Promise<DestinationVerdict>) | null;
}

export interface MailMessage {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface ChannelNotifier<S> {
  /** zod schema of the settings, the single source for validation and types */
  readonly settings: z.ZodType<S>;
  /** created through the API (false: config file only — the shell kind) */
  readonly apiCreatable: boolean;
  /** settings keys holding secrets (masked in API answers) */
  readonly secrets: readonly string[];
  /** the settings as the API shows them; default: the `secrets` keys masked */
  mask?(settings: S): Record<string, unknown>;
  /** whether this channel wants this kind of alert at all (on_down/on_up) */
  wants?(settings: S, event: AlertEvent): boolean;
  /** longest a send may take, when longer than the HTTP timeout (shell commands) */
  timeoutMs?(settings: S): number;
  send(settings: S, alert: Alert, ctx: SendContext): Promise<SendResult>;
}

export const OK: SendResult = { ok: true };

/** Retrying cannot help: a 4xx answer, an SMTP 5xx, settings the service refuses. */
export function permanent(error: string): SendResult {
  return { ok: false, permanent: true, error };
}

/** Worth another attempt later: a timeout, a 5xx, a refused connection. */
export function retryable(error: string): SendResult {
  return { ok: false, permanent: false, error };
}
