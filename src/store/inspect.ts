// Whole-table reads for diagnostics and tests: counts, raw rows and facts that no request path
// needs, kept here so that no SQL lives outside the store.
import type { Database } from "bun:sqlite";

/** Tables that may be read whole, with the order their rows are listed in. */
const TABLES = {
  projects: "id",
  checks: "id",
  check_channels: "check_id, channel_id",
  pings: "check_id, n",
  flips: "id",
  uptime_buckets: "check_id, start",
  channels: "created, id",
  alert_states: "check_id, channel_id",
  deliveries: "id",
  notifications: "id",
  maintenance: "created, id",
  meta: "key",
  replicas: "check_id, replica_id",
} as const;

export type InspectTable = keyof typeof TABLES;

/** Every row of a table as stored (column names as in the schema). */
export function tableRows(db: Database, table: InspectTable): Record<string, unknown>[] {
  if (!Object.hasOwn(TABLES, table)) throw new Error(`unknown table ${String(table)}`);
  return db.query(`SELECT * FROM ${table} ORDER BY ${TABLES[table]}`).all() as Record<string, unknown>[];
}

export function countRows(db: Database, table: InspectTable): number {
  if (!Object.hasOwn(TABLES, table)) throw new Error(`unknown table ${String(table)}`);
  return (db.query(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
