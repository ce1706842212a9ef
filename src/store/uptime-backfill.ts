// The code step of schema version 3: uptime buckets for checks that existed before them, replayed
// from their flips (SQL cannot run the segment arithmetic). It runs once, inside the migration's
// transaction, so an interrupted upgrade leaves version 2 and runs it again. It reads and writes
// the tables as version 3 defines them, on purpose without the store functions, which follow the
// newest schema.
//
// Bounded: each check replays at most the last RETENTION_DAYS of its flips (older buckets would be
// pruned anyway), so the work is the flips and buckets of that span, once. Maintenance windows are
// applied as they are defined at the upgrade: the past ones are all Tocsin still knows.
import type { Database } from "bun:sqlite";
import { maintenanceIntervals, type MaintenanceWindow } from "../core/maintenance.ts";
import type { CheckStatus } from "../core/types.ts";
import { bucketStart, replayHistory, RETENTION_MS, segmentDeltas, sumDeltas, type UptimeBucket } from "../core/uptime-buckets.ts";

interface CheckFacts {
  id: number;
  project_id: number;
  slug: string;
  tags: string;
  status: CheckStatus;
  created: number;
  last_ping: number | null;
}

interface FlipFacts {
  created: number;
  oldStatus: CheckStatus;
  newStatus: CheckStatus;
}

export function backfillUptime(db: Database): void {
  const checks = db.query("SELECT id, project_id, slug, tags, status, created, last_ping FROM checks ORDER BY id").all() as CheckFacts[];
  const windows = new Map<number, MaintenanceWindow[]>();
  for (const c of checks) {
    let w = windows.get(c.project_id);
    if (w === undefined) windows.set(c.project_id, (w = projectWindows(db, c.project_id)));
    backfillCheck(db, c, w);
  }
}

function backfillCheck(db: Database, c: CheckFacts, windows: readonly MaintenanceWindow[]): void {
  const last = db.query("SELECT max(created) AS at FROM flips WHERE check_id = ?").get(c.id) as { at: number | null };
  // The status has not changed since the last flip, so it held at least until the last ping:
  // the buckets end there, and the open segment (the current status) goes on from it. No clock
  // is read: this is what the database itself says.
  const until = Math.max(c.created, last.at ?? c.created, c.last_ping ?? c.created);
  const from = until - RETENTION_MS;
  const flips = db
    .query("SELECT created, old_status AS oldStatus, new_status AS newStatus FROM flips WHERE check_id = ? AND created > ? ORDER BY created, id")
    .all(c.id, from) as FlipFacts[];
  const maintenance = maintenanceIntervals(windows, c, Math.max(from, c.created), until);
  const deltas: UptimeBucket[] = [];
  replayHistory({ since: c.created, status: c.status, flips }, from, until, (s, e, status) => {
    for (const d of segmentDeltas({ from: s, to: e, status }, maintenance)) deltas.push(d);
  });
  const rows = new Map(sumDeltas(deltas).map((b) => [b.start, [b.start, b.up, b.down, b.excluded, 0]]));
  // rows before this version hold one change each: an incident begins where one goes down
  for (const f of flips) {
    if (f.newStatus !== "down" || f.oldStatus === "down") continue;
    const start = bucketStart(f.created);
    const row = rows.get(start) ?? [start, 0, 0, 0, 0];
    row[4]! += 1;
    rows.set(start, row);
  }
  const upsert = db.query(
    `INSERT INTO uptime_buckets (check_id, start, up_ms, down_ms, excluded_ms, incidents) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (check_id, start) DO UPDATE SET up_ms = up_ms + excluded.up_ms, down_ms = down_ms + excluded.down_ms,
       excluded_ms = excluded_ms + excluded.excluded_ms, incidents = incidents + excluded.incidents`,
  );
  for (const [start, up, down, excluded, n] of rows.values()) upsert.run(c.id, start!, up!, down!, excluded!, n!);
  db.query("UPDATE checks SET bucketed_until = ? WHERE id = ?").run(until, c.id);
}

interface WindowRow {
  id: string;
  name: string;
  starts: number | null;
  ends: number | null;
  cron: string | null;
  tz: string;
  duration: number | null;
  slugs: string;
  tags: string;
}

function projectWindows(db: Database, projectId: number): MaintenanceWindow[] {
  const rows = db.query("SELECT id, name, starts, ends, cron, tz, duration, slugs, tags FROM maintenance WHERE project_id = ?").all(projectId) as WindowRow[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    start: r.starts,
    end: r.ends,
    cron: r.cron,
    tz: r.tz,
    duration: r.duration,
    slugs: JSON.parse(r.slugs) as string[],
    tags: JSON.parse(r.tags) as string[],
  }));
}
