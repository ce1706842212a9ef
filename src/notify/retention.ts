// Delivery attempts are kept 90 days (SPEC §3), finished deliveries as long.
import type { Store } from "../store/store.ts";

export const NOTIFICATION_RETENTION_MS = 90 * 86_400_000;

/** Deletes attempts older than the retention; returns how many. */
export function pruneOldNotifications(store: Store, now: number): number {
  return store.write((tx) => tx.pruneNotifications(now - NOTIFICATION_RETENTION_MS));
}
