// How a status change is stored (SPEC §3): the flip row, folded into the check's newest row while
// it flaps (src/core/flip-coalesce.ts), and the uptime buckets of the segment the change ends
// (src/core/uptime-buckets.ts), in the caller's write transaction.
//
// A change's instant is the flip's `created`, which may be earlier than now: the scheduler stamps
// a down flip at its stored down_at even when it noticed late. The segment it ends runs from the
// check's bucket cursor to that instant. Time already bucketed is never bucketed again: if the
// cursor is past the instant (a clock stepped back, a flush ran between down_at and the
// scheduler), the segment is empty and the cursor stays where it is.
import { applyMerge, coalesce, type FlipRow, touchesDown } from "../core/flip-coalesce.ts";
import { downSince } from "../core/incidents.ts";
import { maintenanceIntervals, type MaintenanceWindow } from "../core/maintenance.ts";
import type { CheckStatus, Flip } from "../core/types.ts";
import { bucketStart, RETENTION_MS, segmentDeltas } from "../core/uptime-buckets.ts";
import type { BucketDelta, Check, Tx } from "../store/store.ts";

/** What the writer needs of a check (a stored Check fits): its id and what windows select on. */
export type HistoryCheck = Pick<Check, "id" | "projectId" | "slug" | "tags">;

/** Stores one status change; returns the id of the row now holding it. */
export function writeFlip(tx: Tx, check: HistoryCheck, flip: Flip, now: number): number {
  const newest = tx.newestFlip(check.id);
  const decision = coalesce(newest, flip, now);
  let id: number;
  let row: FlipRow;
  if (decision.type === "insert") {
    row = decision.row;
    id = tx.insertFlipRow(check.id, row);
  } else {
    if (newest === null) throw new Error("coalesce merged into a row that does not exist");
    tx.mergeIntoFlip(newest.id, decision.into);
    id = newest.id;
    row = applyMerge(newest, decision.into);
  }
  const cursor = tx.uptimeCursor(check.id) ?? flip.created;
  const opensIncident = startsIncident(row) && !(decision.type === "merge" && newest !== null && startsIncident(newest));
  closeSegment(tx, check, { from: cursor, to: flip.created, status: flip.oldStatus }, tx.listWindows(check.projectId), opensIncident ? downSince(row, row) : null);
  return id;
}

/**
 * Whether the row begins a down period as src/core/incidents.ts reads rows: it touches down
 * without continuing one. Counted once per row, in the bucket of the instant it went down.
 */
function startsIncident(row: FlipRow): boolean {
  return row.oldStatus !== "down" && touchesDown(row);
}

/**
 * Adds the segment [from, to) held in `status` to the check's buckets, maintenance as `windows`
 * define it now, and moves the cursor to `to` (never back). `incidentAt`: an incident began then.
 */
export function closeSegment(
  tx: Tx,
  check: HistoryCheck,
  segment: { readonly from: number; readonly to: number; readonly status: CheckStatus },
  windows: readonly MaintenanceWindow[],
  incidentAt: number | null = null,
): number {
  const { from, to } = segment;
  // segmentDeltas buckets no further back than the retention: neither do the windows
  const maintenance = from < to && windows.length > 0 ? maintenanceIntervals(windows, check, Math.max(from, to - RETENTION_MS), to) : [];
  const deltas: BucketDelta[] = segmentDeltas(segment, maintenance);
  if (incidentAt !== null) deltas.push({ start: bucketStart(incidentAt), up: 0, down: 0, excluded: 0, incidents: 1 });
  tx.addToBuckets(check.id, deltas);
  tx.advanceUptimeCursor(check.id, to);
  return deltas.length;
}
