// One HTTP exchange for the command-line client, with a deadline, reduced to outcomes a command
// can act on without reading error text: an answer (any status) or no answer at all.

export type Exchange =
  | {
      readonly kind: "answer";
      readonly status: number;
      readonly statusText: string;
      /** the body as UTF-8 text (invalid sequences replaced); `bytes` holds it as sent */
      readonly body: string;
      readonly bytes: Uint8Array;
      readonly contentType: string | null;
    }
  | { readonly kind: "no-answer"; readonly error: string };

export interface RequestSpec {
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  readonly timeoutMs: number;
  /** aborts the exchange early (e.g. the command a start ping belongs to has finished) */
  readonly stop?: AbortSignal;
}

export async function exchange(spec: RequestSpec): Promise<Exchange> {
  const timeout = AbortSignal.timeout(spec.timeoutMs);
  const signal = spec.stop ? AbortSignal.any([timeout, spec.stop]) : timeout;
  try {
    const res = await fetch(spec.url, { method: spec.method, headers: spec.headers, body: spec.body, signal, redirect: "follow" });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { kind: "answer", status: res.status, statusText: res.statusText, body: new TextDecoder().decode(bytes), bytes, contentType: res.headers.get("content-type") };
  } catch (e) {
    if (timeout.aborted) return { kind: "no-answer", error: `no answer within ${formatSeconds(spec.timeoutMs)}` };
    if (spec.stop?.aborted) return { kind: "no-answer", error: "cancelled" };
    return { kind: "no-answer", error: describeNetworkError(e) };
  }
}

export function isSuccess(x: Exchange): boolean {
  return x.kind === "answer" && x.status >= 200 && x.status < 300;
}

/** A one-line account of a failed exchange: the status and the server's own error text. */
export function describeFailure(x: Exchange, url: string): string {
  if (x.kind === "no-answer") return `cannot reach ${new URL(url).origin}: ${x.error}`;
  return `server answered ${x.status}${x.statusText ? ` ${x.statusText}` : ""}${serverMessage(x.body)}`;
}

const MAX_ERROR_CHARS = 500;

/** Healthchecks and Tocsin answer `{"error": "..."}`; other servers may send text or HTML. */
function serverMessage(body: string): string {
  const text = body.trim();
  if (text === "") return "";
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && typeof (parsed as { error?: unknown }).error === "string") {
      return `: ${(parsed as { error: string }).error}`;
    }
  } catch {
    // not JSON: show the text itself
  }
  const oneLine = text.replace(/\s+/g, " ");
  return `: ${oneLine.length > MAX_ERROR_CHARS ? `${oneLine.slice(0, MAX_ERROR_CHARS)}...` : oneLine}`;
}

// Bun's own texts for these are long and sometimes misleading ("Is the computer able to access the url?")
const NETWORK_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  ECONNRESET: "connection reset",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "connection timed out",
};

function describeNetworkError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" && Object.hasOwn(NETWORK_CODES, code) ? NETWORK_CODES[code]! : e.message;
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
