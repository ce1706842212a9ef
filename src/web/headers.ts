// Headers of every HTML answer (SPEC §2): a strict Content-Security-Policy (no inline script or
// style, nothing from other origins), no MIME sniffing, referrers only to ourselves, and no
// framing — except the status page's embed mode, which exists to be framed.
export interface HtmlHeaderOptions {
  /** embed mode: any site may frame the page */
  readonly framable?: boolean;
  /** extra image origins the page may show (a project's logo URL) */
  readonly imageOrigins?: readonly string[];
  /** "no-store" for pages with private data; defaults to "no-cache" (revalidate) */
  readonly cache?: string;
}

export function htmlHeaders(opts: HtmlHeaderOptions = {}): Record<string, string> {
  const img = ["'self'", "data:", ...(opts.imageOrigins ?? [])].join(" ");
  return {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": `default-src 'self'; img-src ${img}; base-uri 'none'; form-action 'self'; frame-ancestors ${opts.framable ? "*" : "'none'"}`,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    ...(opts.framable ? {} : { "X-Frame-Options": "DENY" }),
    "Cache-Control": opts.cache ?? "no-cache",
  };
}

export function htmlResponse(body: string, status = 200, opts: HtmlHeaderOptions = {}): Response {
  return new Response(body, { status, headers: htmlHeaders(opts) });
}

/**
 * `res` as it is when it is not HTML or already carries a policy (a page that set its own, such as
 * embed mode); otherwise with the security headers added. The router passes every answer through
 * it, so no HTML route can go out without them, whoever writes the next one.
 */
export function withHtmlHeaders(res: Response): Response {
  const type = res.headers.get("content-type") ?? "";
  if (!/^text\/html\b/i.test(type) || res.headers.has("content-security-policy")) return res;
  const headers = new Headers(res.headers);
  for (const [k, v] of Object.entries(htmlHeaders())) if (k !== "Content-Type" && !(k === "Cache-Control" && headers.has(k))) headers.set(k, v);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}
