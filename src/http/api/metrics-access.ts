// Who may scrape /metrics and what they see (SPEC §2): a project's API key (`X-Api-Key` or
// `Authorization: Bearer`) sees that project's checks, TOCSIN_METRICS_TOKEN sees every project,
// and TOCSIN_METRICS_PUBLIC=1 opens it to anyone. Scrapes of one scope within a second share one
// rendering: fifty Prometheus servers scraping at once cost one table read, not fifty.
import { keysEqual } from "../../auth/keys.ts";
import type { Store } from "../../store/store.ts";
import { apiError, authenticate, keyFromHeaders } from "./auth.ts";

/** Every project's checks, or one project's. */
export type MetricsScope = { readonly kind: "all" } | { readonly kind: "project"; readonly projectId: number };

export interface MetricsAccess {
  /** the bearer token that sees every project */
  readonly token?: string | undefined;
  /** anyone may scrape, and sees every project */
  readonly open?: boolean | undefined;
}

export type ScopeResult = { readonly ok: true; readonly scope: MetricsScope } | { readonly ok: false; readonly response: Response };

export function metricsScope(req: Request, store: Store, access: MetricsAccess): ScopeResult {
  if (access.open) return { ok: true, scope: { kind: "all" } };
  const key = keyFromHeaders(req);
  if (key !== null && access.token !== undefined && keysEqual(key, access.token)) return { ok: true, scope: { kind: "all" } };
  const found = authenticate(store, key, "read");
  if (!found.ok) {
    const response = apiError(found.status, found.error);
    response.headers.set("WWW-Authenticate", 'Bearer realm="metrics"');
    return { ok: false, response };
  }
  return { ok: true, scope: { kind: "project", projectId: found.auth.project.id } };
}

/** How long one rendering answers the scrapes of its scope. */
export const METRICS_CACHE_MS = 1_000;

/**
 * Rendered bodies by scope, each kept for METRICS_CACHE_MS of the daemon's clock. A rendering
 * still under way is shared too: scrapes that arrive meanwhile wait for it instead of starting
 * their own.
 */
export class MetricsCache {
  private readonly entries = new Map<string, { readonly at: number; readonly body: Promise<Blob> }>();

  get(key: string, now: number, render: () => Promise<Blob>): Promise<Blob> {
    const hit = this.entries.get(key);
    if (hit !== undefined && now >= hit.at && now - hit.at < METRICS_CACHE_MS) return hit.body;
    // drop what has expired, so that one entry per project ever scraped is not kept forever
    for (const [k, e] of this.entries) if (now - e.at >= METRICS_CACHE_MS || now < e.at) this.entries.delete(k);
    const body = render();
    this.entries.set(key, { at: now, body });
    // a failed rendering is not kept: the next scrape tries again
    body.catch(() => this.entries.get(key)?.body === body && this.entries.delete(key));
    return body;
  }
}

export function scopeKey(scope: MetricsScope, perCheck: boolean): string {
  return `${scope.kind === "all" ? "all" : `project:${scope.projectId}`}${perCheck ? "" : ":totals"}`;
}

