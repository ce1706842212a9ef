// The read model of the public status page: public checks only, and only the fields a visitor may
// see (no uuids, keys, bodies or hosts).
import { iso } from "../core/iso.ts";
import { displayStatus } from "../core/status.ts";
import type { CronCache } from "../core/cron-cache.ts";
import type { DisplayStatus } from "../core/status.ts";
import type { Tx } from "../store/store.ts";

export interface PublicCheck {
  readonly name: string;
  readonly group: string;
  readonly status: DisplayStatus;
  /** ISO 8601, or null when it never ran */
  readonly lastPing: string | null;
}

export interface StatusModel {
  readonly title: string;
  readonly checks: readonly PublicCheck[];
  /** ISO 8601 instant the page was rendered */
  readonly generated: string;
}

export function publicStatus(tx: Tx, crons: CronCache, now: number): StatusModel {
  return {
    title: "Status",
    generated: iso(now),
    checks: tx.listPublicChecks().map((c) => ({
      name: c.name || c.slug || "Unnamed check",
      group: c.group,
      status: displayStatus(c, now, crons.forCheck(c)),
      lastPing: c.lastPing === null ? null : iso(c.lastPing),
    })),
  };
}
