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
  if (ctx.destination) {
    const verdict = await ctx.destination(req.url);
    if (!verdict.ok) return verdict.permanent ? permanent(verdict.error) : retryable(verdict.error);
  }
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method ?? "POST",
      headers: req.headers,
      body: req.body,
      signal: AbortSignal.timeout(ctx.timeoutMs),
      // a public address may redirect to a private one: with the guard on, redirects are not followed
      redirect: ctx.destination ? "manual" : "follow",
    });
  } catch (e) {
    if (e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError")) {
      return retryable(`timed out after ${Math.round(ctx.timeoutMs / 1000)} s`);
    }
    return retryable(`connection failed: ${excerpt(e instanceof Error ? e.message : String(e))}`);
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
