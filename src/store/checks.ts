// Checks: definition columns and the runtime state the state machine owns.
import type { Database } from "bun:sqlite";
import type { CheckKind, CheckState, CheckStatus } from "../core/types.ts";

/** A stored check: its state-machine view plus everything else the API and pages show. */
export interface Check extends CheckState {
  readonly id: number;
  readonly projectId: number;
  readonly uuid: string;
  readonly name: string;
  readonly slug: string;
  readonly tags: string;
  readonly desc: string;
  readonly methods: "" | "POST";
  readonly startKw: string;
  readonly successKw: string;
  readonly failureKw: string;
  readonly filterSubject: boolean;
  readonly filterBody: boolean;
  readonly filterHttpBody: boolean;
  readonly filterDefaultFail: boolean;
  readonly public: boolean;
  readonly group: string;
  readonly pushToken: string | null;
  readonly badgeKey: string | null;
  readonly reminderInterval: number | null;
  readonly managed: boolean;
  readonly created: number;
  readonly nPings: number;
}

interface CheckRow {
  id: number;
  project_id: number;
  uuid: string;
  name: string;
  slug: string;
  tags: string;
  description: string;
  kind: CheckKind;
  timeout: number;
  schedule: string;
  tz: string;
  grace: number;
  max_runtime: number | null;
  failure_threshold: number;
  manual_resume: number;
  methods: "" | "POST";
  start_kw: string;
  success_kw: string;
  failure_kw: string;
  filter_subject: number;
  filter_body: number;
  filter_http_body: number;
  filter_default_fail: number;
  public: number;
  group_name: string;
  push_token: string | null;
  badge_key: string | null;
  reminder_interval: number | null;
  muted_until: number | null;
  managed: number;
  created: number;
  status: CheckStatus;
  last_ping: number | null;
  last_start: number | null;
  last_start_rid: string | null;
  last_duration: number | null;
  n_pings: number;
  fail_streak: number;
  down_at: number | null;
}

function toCheck(r: CheckRow): Check {
  return {
    id: r.id,
    projectId: r.project_id,
    uuid: r.uuid,
    name: r.name,
    slug: r.slug,
    tags: r.tags,
    desc: r.description,
    kind: r.kind,
    timeout: r.timeout,
    schedule: r.schedule,
    tz: r.tz,
    grace: r.grace,
    maxRuntime: r.max_runtime,
    failureThreshold: r.failure_threshold,
    manualResume: r.manual_resume === 1,
    methods: r.methods,
    startKw: r.start_kw,
    successKw: r.success_kw,
    failureKw: r.failure_kw,
    filterSubject: r.filter_subject === 1,
    filterBody: r.filter_body === 1,
    filterHttpBody: r.filter_http_body === 1,
    filterDefaultFail: r.filter_default_fail === 1,
    public: r.public === 1,
    group: r.group_name,
    pushToken: r.push_token,
    badgeKey: r.badge_key,
    reminderInterval: r.reminder_interval,
    mutedUntil: r.muted_until,
    managed: r.managed === 1,
    created: r.created,
    status: r.status,
    lastPing: r.last_ping,
    lastStart: r.last_start,
    lastStartRid: r.last_start_rid,
    lastDuration: r.last_duration,
    nPings: r.n_pings,
    failStreak: r.fail_streak,
    downAt: r.down_at,
  };
}

export function getCheckById(db: Database, id: number): Check | null {
  const row = db.query("SELECT * FROM checks WHERE id = ?").get(id) as CheckRow | null;
  return row ? toCheck(row) : null;
}

export function getCheckByUuid(db: Database, uuid: string): Check | null {
  const row = db.query("SELECT * FROM checks WHERE uuid = ?").get(uuid.toLowerCase()) as CheckRow | null;
  return row ? toCheck(row) : null;
}

/** Definition fields accepted when a check is created; runtime state starts as `new`. */
export interface NewCheck {
  readonly projectId: number;
  readonly uuid: string;
  readonly name?: string;
  readonly slug?: string;
  readonly tags?: string;
  readonly desc?: string;
  readonly kind?: CheckKind;
  readonly timeout?: number;
  readonly schedule?: string;
  readonly tz?: string;
  readonly grace?: number;
  readonly maxRuntime?: number | null;
  readonly failureThreshold?: number;
  readonly manualResume?: boolean;
  readonly methods?: "" | "POST";
  readonly public?: boolean;
  readonly group?: string;
  readonly pushToken?: string | null;
}

export function insertCheck(db: Database, c: NewCheck, now: number): Check {
  const row = db
    .query(
      `INSERT INTO checks (project_id, uuid, name, slug, tags, description, kind, timeout, schedule, tz, grace,
         max_runtime, failure_threshold, manual_resume, methods, public, group_name, push_token, created)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(
      c.projectId,
      c.uuid.toLowerCase(),
      c.name ?? "",
      c.slug ?? "",
      c.tags ?? "",
      c.desc ?? "",
      c.kind ?? "simple",
      c.timeout ?? 86_400,
      c.schedule ?? "* * * * *",
      c.tz ?? "UTC",
      c.grace ?? 3_600,
      c.maxRuntime ?? null,
      c.failureThreshold ?? 1,
      c.manualResume ? 1 : 0,
      c.methods ?? "",
      c.public ? 1 : 0,
      c.group ?? "",
      c.pushToken ?? null,
      now,
    ) as CheckRow;
  return toCheck(row);
}

/**
 * Writes the state-machine fields if the stored status and deadline are still the ones the
 * caller decided from. Returns false when another writer (a ping, a second scheduler) got
 * there first; the caller then re-reads instead of overwriting a newer state.
 */
export function saveStateIf(db: Database, id: number, expected: Pick<CheckState, "status" | "downAt">, next: CheckState): boolean {
  const result = db
    .query(
      `UPDATE checks SET status = ?, last_ping = ?, last_start = ?, last_start_rid = ?, last_duration = ?,
         fail_streak = ?, down_at = ?, muted_until = ?
       WHERE id = ? AND status = ? AND down_at IS ?`,
    )
    .run(next.status, next.lastPing, next.lastStart, next.lastStartRid, next.lastDuration, next.failStreak, next.downAt, next.mutedUntil, id, expected.status, expected.downAt);
  return result.changes === 1;
}

/** Every pending deadline, for the scheduler's start (read from the index, never recomputed). */
export function pendingDeadlines(db: Database): { id: number; downAt: number }[] {
  return db.query("SELECT id, down_at AS downAt FROM checks WHERE down_at IS NOT NULL").all() as { id: number; downAt: number }[];
}

/** Startup grace: deadlines that fell while the daemon was not running move to `until`. */
export function postponeDeadlines(db: Database, after: number, upTo: number, until: number): number {
  return db.query("UPDATE checks SET down_at = ? WHERE down_at > ? AND down_at <= ?").run(until, after, upTo).changes;
}

export function getCheckBySlug(db: Database, projectId: number, slug: string): Check | null {
  const row = db.query("SELECT * FROM checks WHERE project_id = ? AND slug = ?").get(projectId, slug) as CheckRow | null;
  return row ? toCheck(row) : null;
}

export function countChecks(db: Database, projectId: number): number {
  return (db.query("SELECT count(*) AS n FROM checks WHERE project_id = ?").get(projectId) as { n: number }).n;
}

/** Counts a received ping and returns its sequence number within the check. */
export function nextPingNumber(db: Database, checkId: number): number {
  return (db.query("UPDATE checks SET n_pings = n_pings + 1 WHERE id = ? RETURNING n_pings").get(checkId) as { n_pings: number }).n_pings;
}

export function setMutedUntil(db: Database, checkId: number, mutedUntil: number | null): void {
  db.query("UPDATE checks SET muted_until = ? WHERE id = ?").run(mutedUntil, checkId);
}

/** Auto-provisioned checks get every channel of their project, as in Healthchecks. */
export function assignAllChannels(db: Database, checkId: number, projectId: number): void {
  db.query("INSERT OR IGNORE INTO check_channels (check_id, channel_id) SELECT ?, id FROM channels WHERE project_id = ?").run(checkId, projectId);
}

/** Checks shown on public pages, in a stable order. */
export function listPublicChecks(db: Database): Check[] {
  return (db.query("SELECT * FROM checks WHERE public = 1 ORDER BY group_name, name, id").all() as CheckRow[]).map(toCheck);
}
