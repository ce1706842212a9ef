// Reading a ping's request body within bounds, and understanding Crontify's JSON shape.
// Memory stays bounded whatever clients send (SPEC §2): only the bytes that will be stored are
// kept; the rest of a body is read and dropped as it arrives.

/** Bodies above this are refused with 413: before they are read when declared, as soon as they pass it when streamed (SPEC §5). */
export const MAX_PING_BODY = 10_000_000;
/** On the Crontify route a JSON body up to this size is parsed for its fields (SPEC §5). */
export const CRONTIFY_JSON_LIMIT = 1_000_000;

export type BodyRead =
  /** `bytes`: the first bytes of the body, at most what was asked to keep; `size`: the whole body's length */
  | { readonly ok: true; readonly bytes: Uint8Array | null; readonly size: number }
  | { readonly ok: false };

/** Keeps the first `keep` bytes of the body and discards the rest; bodies over MAX_PING_BODY are refused. */
export async function readPingBody(req: Request, keep: number): Promise<BodyRead> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > MAX_PING_BODY) return { ok: false };
  if (req.body === null) return { ok: true, bytes: null, size: 0 };
  const kept: Uint8Array[] = [];
  let keptSize = 0;
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_PING_BODY) {
      await reader.cancel().catch(() => undefined);
      return { ok: false };
    }
    if (keptSize < keep) {
      // a copy of the kept part only: a view would hold on to the whole chunk
      const part = value.length <= keep - keptSize ? value : value.slice(0, keep - keptSize);
      kept.push(part);
      keptSize += part.length;
    }
  }
  if (size === 0) return { ok: true, bytes: null, size };
  return { ok: true, bytes: kept.length === 1 ? kept[0]! : Buffer.concat(kept), size };
}

export interface CrontifyBody {
  readonly msg: string | null;
  readonly metrics: Record<string, number> | null;
  readonly logOutput: Uint8Array | null;
}

const MAX_METRICS = 50;

/**
 * A JSON object with Crontify's fields (`errorMessage`, `meta` of numbers, `logOutput`), or null
 * when the body is anything else (then it is stored as it came).
 */
export function crontifyBody(bytes: Uint8Array | null, contentType: string | null): CrontifyBody | null {
  if (bytes === null || !(contentType ?? "").toLowerCase().includes("json") || bytes[0] !== 0x7b /* { */) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return null;
  const o = parsed as Record<string, unknown>;
  if (!("errorMessage" in o || "meta" in o || "logOutput" in o)) return null;
  return {
    msg: typeof o.errorMessage === "string" ? o.errorMessage : null,
    metrics: numericMap(o.meta),
    logOutput: typeof o.logOutput === "string" ? new TextEncoder().encode(o.logOutput) : null,
  };
}

function numericMap(meta: unknown): Record<string, number> | null {
  if (typeof meta !== "object" || meta === null || Array.isArray(meta)) return null;
  const out: Record<string, number> = {};
  let n = 0;
  for (const [k, v] of Object.entries(meta)) {
    if (typeof v !== "number" || !Number.isFinite(v) || k.length > 100) continue;
    out[k] = v;
    if (++n >= MAX_METRICS) break;
  }
  return n === 0 ? null : out;
}
