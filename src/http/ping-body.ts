// Reading a ping's request body within bounds, and understanding Crontify's JSON shape.
// Memory stays bounded whatever clients send (SPEC §2): only the bytes that will be stored are
// read into memory; once they are in, the stream is cancelled and the server reads the rest of
// the body off the connection and drops it, without handing it to JavaScript.

/** Bodies declared above this are refused with 413 before they are read (SPEC §5). */
export const MAX_PING_BODY = 10_000_000;
/**
 * SPEC §5: on the Crontify route a JSON body up to 1 MB is parsed for its fields. Parsing is the
 * one unbounded cost of a ping (an 8 MB deeply nested document held the event loop for 0.7 s);
 * larger bodies are stored as sent.
 */
export const CRONTIFY_JSON_LIMIT = 1_000_000;

export type BodyRead =
  /** `bytes`: the body's first bytes, at most what was asked to keep; `whole`: nothing was cut off */
  | { readonly ok: true; readonly bytes: Uint8Array | null; readonly whole: boolean }
  | { readonly ok: false };

/**
 * Keeps the first `keep` bytes of the body and drops the rest unread: 64 clients sending 10 MB
 * each cost 64 × `keep` bytes, not 640 MB. A body declared over MAX_PING_BODY is refused.
 */
export async function readPingBody(req: Request, keep: number): Promise<BodyRead> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > MAX_PING_BODY) return { ok: false };
  if (req.body === null) return { ok: true, bytes: null, whole: true };
  const kept: Uint8Array[] = [];
  let size = 0;
  let whole = true;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.length > keep) {
      // a copy of the kept part only: a view would hold on to the whole chunk
      if (size < keep) kept.push(value.slice(0, keep - size));
      size = keep;
      whole = false;
      await reader.cancel().catch(() => undefined);
      break;
    }
    kept.push(value);
    size += value.length;
  }
  if (size === 0) return { ok: true, bytes: null, whole };
  return { ok: true, bytes: kept.length === 1 ? kept[0]! : Buffer.concat(kept), whole };
}

export interface CrontifyBody {
  readonly msg: string | null;
  readonly metrics: Record<string, number> | null;
  readonly logOutput: Uint8Array | null;
}

const MAX_METRICS = 50;
/** Crontify's shape is two levels deep (`meta` inside the body) with a few dozen members */
const MAX_DEPTH = 16;
const MAX_MEMBERS = 1_000;

/**
 * A JSON object with Crontify's fields (`errorMessage`, `meta` of numbers, `logOutput`), or null
 * when the body is anything else (then it is stored as it came).
 */
export function crontifyBody(bytes: Uint8Array | null, contentType: string | null): CrontifyBody | null {
  if (bytes === null || bytes.length > CRONTIFY_JSON_LIMIT) return null;
  if (!(contentType ?? "").toLowerCase().includes("json") || bytes[0] !== 0x7b /* { */) return null;
  if (!crontifyShaped(bytes)) return null;
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

/**
 * Whether the JSON text is shaped like a Crontify body: objects and arrays nested at most
 * MAX_DEPTH deep and at most MAX_MEMBERS members in all. A linear byte scan costs a few ms per MB,
 * where JSON.parse of a megabyte of nesting or of tiny values costs 50-150 ms; what remains after
 * the scan is a few long strings, which parse quickly.
 */
function crontifyShaped(bytes: Uint8Array): boolean {
  let depth = 0;
  let members = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === 0x5c /* backslash: skip the escaped byte */) i++;
      else if (b === 0x22 /* " */) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x7b || b === 0x5b /* { [ */) {
      if (++depth > MAX_DEPTH) return false;
    } else if (b === 0x7d || b === 0x5d /* } ] */) depth--;
    else if (b === 0x2c /* , */ && ++members > MAX_MEMBERS) return false;
  }
  return true;
}
