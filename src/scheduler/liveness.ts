// Startup grace (SPEC §4): the monitor's own outage must not page people for pings that could not
// be delivered while it was down. Tocsin records that it is alive every 30 s; at start, deadlines
// that fell between the last record and the boot move to boot + startup_grace.
import type { Store } from "../store/store.ts";

export const ALIVE_INTERVAL_MS = 30_000;
const KEY = "last_alive";

export function markAlive(store: Store, now: number): void {
  store.write((tx) => tx.setMeta(KEY, String(now)));
}

export function lastAlive(store: Store): number | null {
  const v = store.read((tx) => tx.getMeta(KEY));
  return v === null ? null : Number(v);
}

/**
 * Postpones deadlines that fell inside the outage. Returns how many checks moved. On the very
 * first start there is no record and nothing moves.
 */
export function applyStartupGrace(store: Store, boot: number, graceSeconds: number): number {
  return store.write((tx): number => {
    const raw = tx.getMeta(KEY);
    tx.setMeta(KEY, String(boot));
    if (raw === null || graceSeconds === 0) return 0;
    return tx.postponeDeadlines(Number(raw), boot, boot + graceSeconds * 1000);
  });
}
