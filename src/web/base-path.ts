// The path Tocsin is served under (SPEC §2: a base URL may have a path, and every link and asset
// is relative to it), shared by the status page and the dashboard.

/** The path part of a base URL, without a trailing slash: "https://x.org/tocsin/" → "/tocsin". */
export function basePathOf(baseUrl: string): string {
  let path: string;
  try {
    path = new URL(baseUrl).pathname;
  } catch {
    path = baseUrl;
  }
  return normalizeBasePath(path);
}

/** "" or "/a/b": one leading slash, no trailing slash. */
export function normalizeBasePath(path: string): string {
  const trimmed = path.replace(/\/+$/, "").replace(/^\/+/, "");
  return trimmed === "" ? "" : `/${trimmed}`;
}

/** An embedded file under public/, served at <base>/static/<name>. */
export function assetPath(basePath: string, name: string): string {
  return `${normalizeBasePath(basePath)}/static/${encodeURIComponent(name)}`;
}
