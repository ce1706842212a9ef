// Who sent a request and over what: the socket's address and the URL's scheme, or — only when
// TOCSIN_TRUST_PROXY says a proxy we run stands in front — what the proxy's headers say.
export function clientAddress(req: Request, socketAddr: string, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || req.headers.get("x-real-ip")?.trim();
    if (forwarded) return forwarded.slice(0, 100);
  }
  return socketAddr;
}

export function schemeOf(req: Request, url: URL, trustProxy: boolean): string {
  const proto = trustProxy ? req.headers.get("x-forwarded-proto") : null;
  if (proto === "https" || proto === "http") return proto;
  return url.protocol === "https:" ? "https" : "http";
}
