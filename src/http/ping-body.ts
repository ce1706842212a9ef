// Reading a ping's request body within bounds, and understanding Crontify's JSON shape.

/** Bodies above this are refused with 413 before they are read (SPEC §5). */
export const MAX_PING_BODY = 10_000_000;

export type BodyRead =
  | { readonly ok: true; readonly bytes: Uint8Array | null }
  | { readonly ok: false };

/** Reads at most `max` bytes (MAX_PING_BODY by default); larger bodies (declared or streamed) are refused. */
export async function readBoundedBody(req: Request, max: number = MAX_PING_BODY): Promise<BodyRead> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > max) return { ok: false };
  if (req.body === null) return { ok: true, bytes: null };
  if (declared !== null) {
    const bytes = new Uint8Array(await req.arrayBuffer());
    return { ok: true, bytes: bytes.length === 0 ? null : bytes };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req.body) {
    size += chunk.length;
    if (size > max) return { ok: false };
    chunks.push(chunk);
  }
  return { ok: true, bytes: size === 0 ? null : Buffer.concat(chunks) };
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
