// The request's URL, parsed once. Bun builds `req.url` from the Host header; a missing or
// malformed Host, or a malformed request target, must become a 400, never a crash.
export function requestUrl(req: Request): URL | null {
  try {
    return new URL(req.url);
  } catch {
    return null;
  }
}
