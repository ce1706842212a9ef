// Fixed times a spring-forward gap swallows (SPEC §4): `30 2 * * *` in Europe/Berlin names 02:30
// on the last Sunday of March, a time that does not exist there; the job fires at 03:00 instead.
// Forms warn about it before anyone is surprised. Only wall-clock schedules (neither minute nor
// hour starting with `*`) have the problem: the others run in absolute time and skip nothing.
// Pure: the zone's transitions come from the compiled schedule, the instants from the caller.
import type { CronSchedule } from "./cron.ts";
import { nextMatchingWall } from "./cron-match.ts";
import { SECOND_MS } from "./cron-zone.ts";

export interface GapFire {
  /** the wall time the schedule names that the zone skips: local calendar fields read as UTC ms */
  readonly wall: number;
  /** when the job fires instead: the first instant after the gap */
  readonly at: number;
}

/** Enough to warn with: a schedule that hits every gap shows the first few. */
const MAX_GAP_FIRES = 10;

/** The schedule's wall times that fall in a spring-forward gap between `fromMs` and `untilMs`. */
export function fixedTimesInGaps(cron: CronSchedule, fromMs: number, untilMs: number): GapFire[] {
  if (!cron.pattern.wallClock) return [];
  const out: GapFire[] = [];
  let t = fromMs;
  while (out.length < MAX_GAP_FIRES) {
    const at = cron.zone.nextTransition(t, untilMs);
    if (at === null) break;
    const before = cron.zone.offsetAt(at - SECOND_MS);
    const after = cron.zone.offsetAt(at);
    // clocks jump forward: the wall times [at + before, at + after) never happen
    if (after > before) out.push(...gapMatches(cron, at + before, at + after - SECOND_MS, at, MAX_GAP_FIRES - out.length));
    t = at;
  }
  return out;
}

function gapMatches(cron: CronSchedule, fromWall: number, lastWall: number, at: number, limit: number): GapFire[] {
  const found: GapFire[] = [];
  for (let m = nextMatchingWall(cron.pattern, fromWall, lastWall); m !== null && found.length < limit; m = nextMatchingWall(cron.pattern, m + SECOND_MS, lastWall)) {
    found.push({ wall: m, at });
  }
  return found;
}
