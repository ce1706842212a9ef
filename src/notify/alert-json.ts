// The alert as JSON: the default body of webhooks (SPEC §8), with the same facts the text channels
// print. Instants are ISO 8601 in UTC (`+00:00`, SPEC §0) with a `_local` twin in the check's zone.
import { formatInZone } from "../core/cron.ts";
import { iso, isoOrNull } from "../core/iso.ts";
import { type Alert, headline, heldWords, why } from "./alert.ts";

export interface AlertJson {
  readonly event: Alert["event"];
  readonly reminder: boolean;
  readonly changes: number;
  readonly status: Alert["event"];
  /** the headline a person reads */
  readonly text: string;
  readonly check: Alert["checkJson"];
  readonly now: string;
  readonly tz: string;
  readonly since: string | null;
  readonly since_local: string | null;
  readonly reason: string;
  readonly why: string;
  /** reason `rule`: the rule that matched and the value seen */
  readonly rule: string | null;
  readonly never_ran: boolean;
  readonly waiting_since: string | null;
  readonly expected_at: string | null;
  readonly expected_at_local: string | null;
  readonly next_expected: string | null;
  readonly next_expected_local: string | null;
  readonly downtime_seconds: number | null;
  readonly schedule: string;
  readonly description: string;
  readonly held: { readonly by: "maintenance" | "mute"; readonly window: string | null; readonly until: string; readonly text: string } | null;
  /** `body`: the start of the job's output (at most 1 000 characters) */
  readonly last_ping: { readonly at: string; readonly kind: string; readonly exit_status: number | null; readonly msg: string | null; readonly body: string } | null;
  readonly links: { readonly dashboard: string; readonly status_page: string | null };
}

export function alertJson(a: Alert): AlertJson {
  const local = (ms: number | null): string | null => (ms === null ? null : formatInZone(ms, a.tz));
  const p = a.lastPing;
  return {
    event: a.event,
    reminder: a.reminder,
    changes: a.changes,
    status: a.event,
    text: headline(a),
    check: a.checkJson,
    now: iso(a.now),
    tz: a.tz,
    since: isoOrNull(a.since),
    since_local: local(a.since),
    reason: a.reason,
    why: why(a),
    rule: a.rule ?? null,
    never_ran: a.neverRan !== null,
    waiting_since: isoOrNull(a.neverRan?.since ?? null),
    expected_at: isoOrNull(a.expectedAt),
    expected_at_local: local(a.expectedAt),
    next_expected: isoOrNull(a.nextExpected),
    next_expected_local: local(a.nextExpected),
    downtime_seconds: a.downtimeMs === null ? null : Math.round(a.downtimeMs / 1000),
    schedule: a.schedule,
    description: a.check.desc,
    held: a.held === null ? null : { by: a.held.by, window: a.held.by === "maintenance" ? a.held.window : null, until: iso(a.held.until), text: heldWords(a.held, a.tz) },
    last_ping: p === null ? null : { at: iso(p.at), kind: p.kind, exit_status: p.exitStatus, msg: p.msg, body: p.body },
    links: { dashboard: a.links.dashboard, status_page: a.links.statusPage },
  };
}
