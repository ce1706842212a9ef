// Cross-site request forgery defences for forms (SPEC §12), in two independent layers:
// 1. the request must come from our own pages: `Sec-Fetch-Site: same-origin`, or — for browsers
//    that send no fetch metadata — an `Origin` that is ours (the check hono's csrf middleware makes,
//    here applied to every unsafe request whatever its content type);
// 2. every form carries a token derived from a secret the page's cookie holds (the session token,
//    or before login a cookie of its own), compared in constant time.
// Bun.CryptoHasher and Web Crypto rather than node:crypto, whose module costs megabytes (SPEC §11).

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Whether an unsafe request was sent by a page of one of `origins` (e.g. the request's own origin
 * and the configured base URL's). A browser that says where the request came from is believed
 * only when it says "same-origin"; one that says nothing must show a matching Origin.
 */
export function fromOwnPage(req: Request, origins: readonly string[]): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin";
  const origin = req.headers.get("origin");
  return origin !== null && origin !== "null" && origins.includes(origin);
}

/** The form token of a secret: HMAC-SHA256, so the secret itself never appears in a page. */
export function csrfToken(secret: string): string {
  return new Bun.CryptoHasher("sha256", secret).update("tocsin form token").digest("base64url");
}

export function csrfTokenMatches(secret: string, presented: string | null | undefined): boolean {
  if (typeof presented !== "string" || presented.length === 0 || presented.length > 200) return false;
  const expected = Buffer.from(csrfToken(secret));
  const given = Buffer.from(presented);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
