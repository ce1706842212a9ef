// Matching request paths against declared routes, shared by the API router and the dashboard:
// the parsed path is split into segments (never an offset into the raw URL, so matching cannot
// depend on the length of the Host header), `:name` segments are parameters, a trailing slash is
// optional, and literal segments win over parameters at the same position.
export interface Routed {
  readonly method: string;
  readonly path: string;
}

export interface PathMatch<R> {
  /** the routes declared for the matched path, one per method */
  readonly candidates: readonly R[];
  readonly params: Readonly<Record<string, string>>;
}

export type PathTable<R> = (pathname: string) => PathMatch<R> | null;

export function createPathTable<R extends Routed>(routes: readonly R[]): PathTable<R> {
  const byPath = new Map<string, { segments: string[]; routes: R[] }>();
  for (const route of routes) {
    const key = normalize(route.path);
    const entry = byPath.get(key) ?? { segments: key.split("/"), routes: [] };
    if (entry.routes.some((r) => r.method === route.method)) throw new Error(`route ${route.method} ${route.path} is declared twice`);
    entry.routes.push(route);
    byPath.set(key, entry);
  }
  // /status/feed.atom before /status/:project
  const paths = [...byPath.values()].sort((a, b) => specificity(b.segments) - specificity(a.segments));
  return (pathname) => {
    const segments = normalize(pathname).split("/");
    for (const p of paths) {
      const params = matchSegments(p.segments, segments);
      if (params) return { candidates: p.routes, params };
    }
    return null;
  };
}

function matchSegments(pattern: readonly string[], segments: readonly string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const s = segments[i]!;
    if (p.startsWith(":")) {
      if (s === "") return null;
      params[p.slice(1)] = safeDecode(s);
    } else if (p !== s) return null;
  }
  return params;
}

function specificity(segments: readonly string[]): number {
  return segments.reduce((n, s, i) => n + (s.startsWith(":") ? 0 : 2 ** -i), 0);
}

function normalize(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
