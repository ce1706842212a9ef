// Every URL a public page renders, built under the install's base path so that Tocsin served at
// https://example.org/tocsin links to /tocsin/status/... and /tocsin/static/... (SPEC §2).
import type { Theme } from "../views/status-page-model.ts";
import { normalizeBasePath } from "../web/base-path.ts";

export { assetPath, basePathOf, normalizeBasePath } from "../web/base-path.ts";

export interface StatusLinks {
  readonly page: string;
  /** a check's page; slugs are [a-z0-9_-] but are encoded all the same */
  check(slug: string): string;
  readonly atom: string;
  readonly json: string;
}

/**
 * Links of one project's status pages. A forced theme (`?theme=dark`) is carried to the pages
 * it links to, so a visitor who chose it keeps it; feeds and assets do not take one.
 */
export function statusLinks(basePath: string, projectSlug: string, theme: Theme = "auto"): StatusLinks {
  const base = normalizeBasePath(basePath);
  const project = `${base}/status/${encodeURIComponent(projectSlug)}`;
  const query = theme === "auto" ? "" : `?theme=${theme}`;
  return {
    page: `${project}${query}`,
    check: (slug) => `${project}/${encodeURIComponent(slug)}${query}`,
    atom: `${project}/feed.atom`,
    json: `${project}/feed.json`,
  };
}

/** Only http(s) URLs and same-site paths become an image source: never javascript: or data:. */
export function safeImageUrl(url: string | null): string | null {
  if (url === null) return null;
  const u = url.trim();
  if (/^https?:\/\/[^\s]+$/i.test(u)) return u;
  if (/^\/(?!\/)[^\s]*$/.test(u)) return u;
  return null;
}
