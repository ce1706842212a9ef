// Answers of the public pages, feeds and badges: one ETag per body, so a page refreshed with
// nothing changed, or a badge a README proxy polls, is a 304 without a body (SPEC §9).
import { renderNotFoundPage } from "../../status-page/render.ts";
import type { Theme } from "../../views/status-page-model.ts";
import { htmlHeaders, type HtmlHeaderOptions } from "../../web/headers.ts";

/** A strong validator: the bytes' hash (the same body gives the same tag in any process). */
export function etagOf(bytes: Uint8Array): string {
  return `"${Bun.hash(bytes).toString(36)}-${bytes.length.toString(36)}"`;
}

/** Whether If-None-Match names `etag` (or is `*`). */
function notModified(req: Request, etag: string): boolean {
  const header = req.headers.get("if-none-match");
  if (header === null) return false;
  return header.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === etag || tag === "*";
  });
}

/** `body` with its ETag, or 304 when the client holds it already. Encoded once: hashed and sent as the same bytes. */
export function withEtag(req: Request, body: string, headers: Record<string, string>, status = 200): Response {
  const bytes = Buffer.from(body);
  const etag = etagOf(bytes);
  if (status === 200 && notModified(req, etag)) {
    const kept = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== "Content-Type"));
    return new Response(null, { status: 304, headers: { ...kept, ETag: etag } });
  }
  return new Response(bytes, { status, headers: { ...headers, ETag: etag } });
}

/** A public page: the security headers of every HTML answer (framable only in embed mode) and an ETag. */
export function pageAnswer(req: Request, body: string, opts: HtmlHeaderOptions & { readonly status?: number; readonly extra?: Record<string, string> } = {}): Response {
  return withEtag(req, body, { ...htmlHeaders(opts), ...(opts.extra ?? {}) }, opts.status ?? 200);
}

/** The 404 of pages: HTML, the same whatever is missing. */
export function pageNotFound(basePath: string, theme: Theme): Response {
  return new Response(renderNotFoundPage({ basePath, theme }), { status: 404, headers: htmlHeaders({ cache: "no-cache" }) });
}

/** The 404 of feeds, badges and forms. */
export function notFound(): Response {
  return new Response("not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-cache" } });
}
