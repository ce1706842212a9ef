// Startup grace (SPEC §4): the monitor's own outage must not page people for pings that could not
// be delivered while it was down. Tocsin records that it is alive every 30 s; at start, deadlines
// that fell between the last record and the boot move to boot + startup_grace.
import type { Database } from "bun:sqlite";
import { postponeDeadlines } from "../store/check-state.ts";
import { getMeta, setMeta } from "../store/meta.ts";

export const ALIVE_INTERVAL_MS = 30_000;
const KEY = "last_alive";

export function markAlive(db: Database, now: number): void {
  setMeta(db, KEY, String(now));
}

export function lastAlive(db: Database): number | null {
  const v = getMeta(db, KEY);
  return v === null ? null : Number(v);
}

/**
 * Postpones deadlines that fell inside the outage. Returns how many checks moved. On the very
 * first start there is no record and nothing moves.
 */
export function applyStartupGrace(db: Database, boot: number, graceSeconds: number): number {
  return db
    .transaction((): number => {
      const since = lastAlive(db);
      markAlive(db, boot);
      if (since === null || graceSeconds === 0) return 0;
      return postponeDeadlines(db, since, boot, boot + graceSeconds * 1000);
    })
    .immediate();
}
