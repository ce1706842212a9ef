// JSON bodies of the management API (SPEC §2): at most 1 MB, refused with 413 before anything is
// buffered when the declared length is larger, and cut off as soon as a streamed body passes it.
/** JSON bodies of the API are small; anything larger is refused. */
export const MAX_JSON_BODY = 1_000_000;

export type JsonBody = { readonly ok: true; readonly value: Record<string, unknown> } | { readonly ok: false; readonly status: 400 | 413; readonly error: string };

const tooLarge = (): JsonBody => ({ ok: false, status: 413, error: "request body too large" });

/** Reads at most `limit` bytes; null when the body is larger. */
export async function readBounded(req: Request, limit: number): Promise<Uint8Array | null> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) return null;
  if (req.body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

export async function readJsonObject(req: Request): Promise<JsonBody> {
  const bytes = await readBounded(req, MAX_JSON_BODY);
  if (bytes === null) return tooLarge();
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === "") return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, error: "could not parse request body" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, status: 400, error: "json validation error: value is not an object" };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
