// Outbound HTTP for channels: Bun's built-in fetch with a hard timeout (never undici, whose
// timeout options Bun ignores), and the one place HTTP answers are classified.
import { OK, permanent, retryable, type SendContext, type SendResult } from "./channel.ts";
import { excerpt } from "./excerpt.ts";

export interface HttpRequest {
  readonly url: string;
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** What an HTTP send needs of its context. */
export type HttpContext = Pick<SendContext, "timeoutMs" | "destination">;

/** Bytes of an error answer read at most; the rest is never buffered. */
const ERROR_BODY_READ_BYTES = 4_096;

/** 2xx succeeds; 408 and 429 are worth retrying like 5xx; every other 4xx is permanent. */
export function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

export async function httpSend(req: HttpRequest, ctx: HttpContext): Promise<SendResult> {
  let pinned: Pinned | null = null;
  if (ctx.destination) {
    const verdict = await ctx.destination(req.url);
    if (!verdict.ok) return verdict.permanent ? permanent(verdict.error) : retryable(verdict.error);
    if (verdict.address !== null) pinned = pin(req.url, verdict.address);
  }
  let res: Response;
  try {
    res = await fetch(pinned?.url ?? req.url, {
      method: req.method ?? "POST",
      headers: pinned ? withHost(req.headers, pinned.host) : req.headers,
      body: req.body,
      signal: AbortSignal.timeout(ctx.timeoutMs),
      // a public address may redirect to a private one: with the guard on, redirects are not followed
      redirect: ctx.destination ? "manual" : "follow",
      // the certificate is still checked against the name, not the address connected to
      ...(pinned?.serverName ? { tls: { serverName: pinned.serverName } } : {}),
    });
  } catch (e) {
    if (e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError")) {
      return retryable(`timed out after ${Math.round(ctx.timeoutMs / 1000)} s`);
    }
    return retryable(`connection failed: ${excerpt(withoutUrl(e instanceof Error ? e.message : String(e)))}`);
  }
  if (res.ok) {
    await res.body?.cancel().catch(() => undefined);
    return OK;
  }
  const text = excerpt(await readStart(res));
  const error = `HTTP ${res.status}${text ? `: ${text}` : ""}`;
  if (res.status >= 300 && res.status < 400 && ctx.destination) return permanent(`${error} (redirects are not followed while TOCSIN_INTEGRATIONS_ALLOW_PRIVATE is false)`);
  return isPermanentStatus(res.status) ? permanent(error) : retryable(error);
}

/** A request sent to the address the guard vetted, for the name in its URL. */
export interface Pinned {
  readonly url: string;
  /** the URL's host and port, for the Host header */
  readonly host: string;
  /** the name TLS checks the certificate against (https only) */
  readonly serverName: string | null;
}

export function pin(url: string, address: string): Pinned {
  const u = new URL(url);
  const host = u.host;
  const name = u.hostname;
  u.hostname = address.includes(":") ? `[${address}]` : address;
  return { url: u.href, host, serverName: u.protocol === "https:" ? name : null };
}

/** The URL's host as the Host header, unless the channel's own headers set one (virtual hosts). */
function withHost(headers: HttpRequest["headers"], host: string): Headers {
  const h = new Headers(headers);
  if (!h.has("Host")) h.set("Host", host);
  return h;
}

/**
 * Some of the runtime's fetch errors end with `fetching "<url>"`: a Slack or Discord URL is the
 * channel's secret (masked everywhere else), so it never reaches last_error or the delivery log.
 */
function withoutUrl(message: string): string {
  return message.replace(/\s*fetching "[^"]*"\.?(\s*For more information[^]*)?$/, "");
}

/** The start of an answer's body: a receiver may answer an error with megabytes. */
async function readStart(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < ERROR_BODY_READ_BYTES) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } catch {
    // a body cut off mid-way still shows what arrived
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, ERROR_BODY_READ_BYTES));
}

export function jsonRequest(url: string, payload: unknown, headers: Record<string, string> = {}, method = "POST"): HttpRequest {
  return { url, method, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(payload) };
}

/** Joins a configurable base URL and a path without doubling or dropping the slash. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
