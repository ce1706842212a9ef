// What may become an image source on a public page (a status page's logo): an absolute http(s)
// URL or a path on this site. Never javascript:, data: or a protocol-relative "//host" — the
// settings refuse them, and the renderer checks again, so an old row cannot slip one through.
export const IMAGE_URL_MAX = 2_000;

/** The URL trimmed when it is an acceptable image source, else null. */
export function imageUrlOf(url: string): string | null {
  const u = url.trim();
  if (u.length === 0 || u.length > IMAGE_URL_MAX) return null;
  if (/^https?:\/\/[^\s/?#]+[^\s]*$/i.test(u)) return u;
  if (/^\/(?![/\\])[^\s]*$/.test(u)) return u;
  return null;
}

/** The origin an absolute image URL loads from ("https://cdn.example.org"), null for a path. */
export function imageOriginOf(url: string): string | null {
  const u = imageUrlOf(url);
  if (u === null || u.startsWith("/")) return null;
  try {
    return new URL(u).origin;
  } catch {
    return null;
  }
}
