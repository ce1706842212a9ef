// Incidents (SPEC §9): the down periods of a check, read from its flip rows, folded or not
// (src/core/flip-coalesce.ts). Pure.
import { type FlipRow, touchesDown } from "./flip-coalesce.ts";

export interface Incident {
  /** when the check went down; null when it was already down at the first flip given */
  readonly start: number | null;
  /** when it stopped being down (up, paused...); null while it still is */
  readonly end: number | null;
  /** (end, or now while down) − start; null when the start is unknown */
  readonly durationMs: number | null;
  /** status changes from going down to coming back: 2 for a plain outage, more when it flapped */
  readonly changes: number;
}

/** A flip row as incidents read it; plain one-change flips may leave out the folding fields. */
export type IncidentFlip = Pick<FlipRow, "created" | "oldStatus" | "newStatus"> &
  Partial<Pick<FlipRow, "lastChange" | "changes" | "silentChanges">>;

/**
 * Down periods, newest first, at most `limit`. `flips` are the check's rows in ascending order of
 * `created`; to keep an incident's true start, pass the newest row before the range too.
 *
 * A row that holds several changes and went down within itself (up→down→up in one minute) is an
 * incident of its own, from its first change to its last; a row that flapped while down extends
 * the incident until its last change. Incidents are therefore exact for plain outages (also one
 * that began in a folded row, see downSince) and, for flapping, cover the flapping minute as a
 * whole (folded rows span less than a minute each).
 */
export function incidents(flips: readonly IncidentFlip[], now: number, limit: number): Incident[] {
  const max = Math.floor(limit);
  if (!(max > 0)) return [];
  const done: Incident[] = [];
  let open: { start: number | null; changes: number } | null = null;
  for (const [index, f] of flips.entries()) {
    const changes = f.changes ?? 1;
    const row = { oldStatus: f.oldStatus, newStatus: f.newStatus, changes, silentChanges: f.silentChanges ?? changes };
    if (open === null && f.oldStatus === "down") {
      // down before the first row given (history pruned), or a gap in the rows
      open = { start: index === 0 ? null : f.created, changes: 0 };
    } else if (open === null && touchesDown(row)) {
      open = { start: downSince(f, row), changes: 0 };
    }
    if (open === null) continue;
    open.changes += changes;
    if (f.newStatus !== "down") {
      done.push(closed(open.start, f.lastChange ?? f.created, open.changes));
      open = null;
    }
  }
  if (open !== null) {
    const { start, changes } = open;
    done.push({ start, end: null, durationMs: start === null ? null : Math.max(0, now - start), changes });
  }
  return done.reverse().slice(0, max);
}

/**
 * When a row that begins an outage went down. Every change into down alerts and every alerting
 * change goes into or out of down, so a row ending down with a single alerting change went down
 * at its last change (new → up → down within a minute is down from the second change); with
 * more, the outage is taken to span the row from its first change.
 */
export function downSince(f: IncidentFlip, row: { readonly changes: number; readonly silentChanges: number }): number {
  return f.newStatus === "down" && row.changes - row.silentChanges === 1 ? (f.lastChange ?? f.created) : f.created;
}

function closed(start: number | null, end: number, changes: number): Incident {
  return { start, end, durationMs: start === null ? null : Math.max(0, end - start), changes };
}
