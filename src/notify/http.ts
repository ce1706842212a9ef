// Outbound HTTP for channels: Bun's built-in fetch with a hard timeout (never undici, whose
// timeout options Bun ignores), and the one place HTTP answers are classified.
import { OK, permanent, retryable, type SendResult } from "./channel.ts";

export interface HttpRequest {
  readonly url: string;
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** 2xx succeeds; 408 and 429 are worth retrying like 5xx; every other 4xx is permanent. */
export function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

export async function httpSend(req: HttpRequest, timeoutMs: number): Promise<SendResult> {
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method ?? "POST",
      headers: req.headers,
      body: req.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    if (e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError")) {
      return retryable(`timed out after ${Math.round(timeoutMs / 1000)} s`);
    }
    return retryable(`connection failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  // read (and so release) the body either way; only its start is worth showing
  const text = await res.text().catch(() => "");
  if (res.ok) return OK;
  const excerpt = text.trim().slice(0, 200);
  const error = `HTTP ${res.status}${excerpt ? `: ${excerpt}` : ""}`;
  return isPermanentStatus(res.status) ? permanent(error) : retryable(error);
}

export function jsonRequest(url: string, payload: unknown, headers: Record<string, string> = {}, method = "POST"): HttpRequest {
  return { url, method, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(payload) };
}

/** Joins a configurable base URL and a path without doubling or dropping the slash. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
