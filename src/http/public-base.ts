// Where the links Tocsin hands out point (SPEC §2). TOCSIN_BASE_URL wins everywhere. Without it, a
// daemon listening on one address is reached there; one listening on every address (0.0.0.0,
// ::) cannot know which of the machine's names a client used, so answers to a request are built
// from the request's Host (and, behind a trusted proxy, X-Forwarded-Host/-Proto), while links made
// outside any request (alerts, webhook payloads) use the machine's host name: a Host header sent
// by anyone must never end up in a message to someone else.

export interface PublicBase {
  /** links made outside a request (alerts, webhook payloads): never from a request's headers */
  outside(): string;
  /** links in the answer to this request */
  forRequest(req: Request, url: URL): string;
  /** true when answers follow the request's Host (wildcard listen without TOCSIN_BASE_URL) */
  readonly fromRequests: boolean;
}

export interface PublicBaseOptions {
  /** TOCSIN_BASE_URL, if set */
  readonly configured: string | undefined;
  /** the listen address's host part, without brackets */
  readonly listenHost: string;
  /** the port the server listens on (known once it listens: --listen may name port 0) */
  readonly port: () => number;
  /** this machine's host name (os.hostname()) */
  readonly machineHost: string;
  /** TOCSIN_TRUST_PROXY: X-Forwarded-Host/-Proto are believed */
  readonly trustProxy: boolean;
}

const WILDCARDS = new Set(["0.0.0.0", "::", "0:0:0:0:0:0:0:0"]);

export function isWildcardHost(host: string): boolean {
  return WILDCARDS.has(host.replace(/^\[(.*)\]$/, "$1"));
}

/** "https://example.org/tocsin/" → "https://example.org/tocsin": links append "/path" to it. */
export function trimBase(url: string): string {
  return url.replace(/\/+$/, "");
}

export function publicBase(o: PublicBaseOptions): PublicBase {
  if (o.configured !== undefined) {
    const base = trimBase(o.configured);
    return { outside: () => base, forRequest: () => base, fromRequests: false };
  }
  if (!isWildcardHost(o.listenHost)) {
    const base = (): string => `http://${bracketed(o.listenHost)}:${o.port()}`;
    return { outside: base, forRequest: base, fromRequests: false };
  }
  return {
    outside: () => `http://${bracketed(o.machineHost)}:${o.port()}`,
    forRequest: (req, url) => requestOrigin(req, url, o.trustProxy),
    fromRequests: true,
  };
}

/** The origin the client asked for: its Host, or what a trusted proxy says it was asked. */
export function requestOrigin(req: Request, url: URL, trustProxy: boolean): string {
  const proto = (trustProxy ? forwardedProto(req.headers.get("x-forwarded-proto")) : null) ?? url.protocol.replace(/:$/, "");
  const host = (trustProxy ? forwardedHost(req.headers.get("x-forwarded-host")) : null) ?? url.host;
  return `${proto}://${host}`;
}

/** The first value of X-Forwarded-Proto when it is http or https. */
function forwardedProto(header: string | null): "http" | "https" | null {
  const first = header?.split(",")[0]?.trim().toLowerCase();
  return first === "http" || first === "https" ? first : null;
}

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/** The first value of X-Forwarded-Host when it is a plain host[:port]; anything else is ignored. */
function forwardedHost(header: string | null): string | null {
  const first = header?.split(",")[0]?.trim().toLowerCase();
  if (!first || first.length > 255 || !HOST.test(first)) return null;
  const port = first.match(/:(\d+)$/)?.[1];
  return port !== undefined && Number(port) > 65535 ? null : first;
}

function bracketed(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}
