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

// ---- definitions written by the management API and the config file ----

/** Every column a user sets (API, config file); the rest of a check is runtime state. */
export interface CheckDefinition {
  readonly name: string;
  readonly slug: string;
  readonly tags: string;
  readonly desc: string;
  readonly kind: CheckKind;
  readonly timeout: number;
  readonly schedule: string;
  readonly tz: string;
  readonly grace: number;
  readonly maxRuntime: number | null;
  readonly failureThreshold: number;
  readonly manualResume: boolean;
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
  readonly reminderInterval: number | null;
  readonly mutedUntil: number | null;
}

export function definitionOf(c: Check): CheckDefinition {
  return {
    name: c.name,
    slug: c.slug,
    tags: c.tags,
    desc: c.desc,
    kind: c.kind,
    timeout: c.timeout,
    schedule: c.schedule,
    tz: c.tz,
    grace: c.grace,
    maxRuntime: c.maxRuntime,
    failureThreshold: c.failureThreshold,
    manualResume: c.manualResume,
    methods: c.methods,
    startKw: c.startKw,
    successKw: c.successKw,
    failureKw: c.failureKw,
    filterSubject: c.filterSubject,
    filterBody: c.filterBody,
    filterHttpBody: c.filterHttpBody,
    filterDefaultFail: c.filterDefaultFail,
    public: c.public,
    group: c.group,
    pushToken: c.pushToken,
    reminderInterval: c.reminderInterval,
    mutedUntil: c.mutedUntil,
  };
}

function definitionParams(d: CheckDefinition): (string | number | null)[] {
  return [
    d.name, d.slug, d.tags, d.desc, d.kind, d.timeout, d.schedule, d.tz, d.grace, d.maxRuntime, d.failureThreshold,
    d.manualResume ? 1 : 0, d.methods, d.startKw, d.successKw, d.failureKw, d.filterSubject ? 1 : 0, d.filterBody ? 1 : 0,
    d.filterHttpBody ? 1 : 0, d.filterDefaultFail ? 1 : 0, d.public ? 1 : 0, d.group, d.pushToken, d.reminderInterval, d.mutedUntil,
  ];
}

const DEFINITION_COLUMNS =
  "name, slug, tags, description, kind, timeout, schedule, tz, grace, max_runtime, failure_threshold, manual_resume, methods, " +
  "start_kw, success_kw, failure_kw, filter_subject, filter_body, filter_http_body, filter_default_fail, public, group_name, " +
  "push_token, reminder_interval, muted_until";

export interface DefinedCheck {
  readonly projectId: number;
  readonly uuid: string;
  readonly badgeKey: string | null;
  readonly managed: boolean;
  readonly definition: CheckDefinition;
}

/** Inserts a check with every definition column; runtime state starts as `new`. */
export function insertDefinedCheck(db: Database, c: DefinedCheck, now: number): Check {
  const row = db
    .query(
      `INSERT INTO checks (project_id, uuid, badge_key, managed, created, ${DEFINITION_COLUMNS})
       VALUES (?, ?, ?, ?, ?, ${Array(25).fill("?").join(", ")}) RETURNING *`,
    )
    .get(c.projectId, c.uuid.toLowerCase(), c.badgeKey, c.managed ? 1 : 0, now, ...definitionParams(c.definition)) as CheckRow;
  return toCheck(row);
}

/** Rewrites the definition columns and the deadline they imply (computed by the caller). */
export function updateCheckDefinition(db: Database, id: number, d: CheckDefinition, downAt: number | null): Check {
  const assignments = DEFINITION_COLUMNS.split(", ").map((c) => `${c} = ?`).join(", ");
  const row = db.query(`UPDATE checks SET ${assignments}, down_at = ? WHERE id = ? RETURNING *`).get(...definitionParams(d), downAt, id) as CheckRow | null;
  if (!row) throw new Error(`check ${id} vanished inside a write transaction`);
  return toCheck(row);
}

export function setCheckManaged(db: Database, id: number, managed: boolean): void {
  db.query("UPDATE checks SET managed = ? WHERE id = ?").run(managed ? 1 : 0, id);
}

/** Deletes a check; its pings, flips and channel assignments go with it (ON DELETE CASCADE). */
export function deleteCheckById(db: Database, id: number): boolean {
  return db.query("DELETE FROM checks WHERE id = ?").run(id).changes === 1;
}

/** A project's checks, oldest first; `slug` narrows to that slug. */
export function listChecksOfProject(db: Database, projectId: number, filter: { slug?: string } = {}): Check[] {
  const rows =
    filter.slug === undefined
      ? (db.query("SELECT * FROM checks WHERE project_id = ? ORDER BY id").all(projectId) as CheckRow[])
      : (db.query("SELECT * FROM checks WHERE project_id = ? AND slug = ? ORDER BY id").all(projectId, filter.slug) as CheckRow[]);
  return rows.map(toCheck);
}

/** Checks declared by the config file. */
export function listManagedChecks(db: Database): Check[] {
  return (db.query("SELECT * FROM checks WHERE managed = 1 ORDER BY id").all() as CheckRow[]).map(toCheck);
}

/** Whether another check of the project already uses this (non-empty) slug. */
export function slugTaken(db: Database, projectId: number, slug: string, exceptId: number | null): boolean {
  return db.query("SELECT 1 FROM checks WHERE project_id = ? AND slug = ? AND id IS NOT ?").get(projectId, slug, exceptId) !== null;
}

/** Whether another check already uses this push token (push tokens are global). */
export function pushTokenTaken(db: Database, token: string, exceptId: number | null): boolean {
  return db.query("SELECT 1 FROM checks WHERE push_token = ? AND id IS NOT ?").get(token, exceptId) !== null;
}

/** Values of the fields Healthchecks' `unique` may name. */
export interface UniqueMatch {
  readonly name?: string;
  readonly slug?: string;
  readonly tags?: string;
  readonly timeout?: number;
  readonly grace?: number;
}

/** The oldest check of the project whose listed fields all equal the given values. */
export function findCheckMatching(db: Database, projectId: number, match: UniqueMatch): Check | null {
  const columns: Record<keyof UniqueMatch, string> = { name: "name", slug: "slug", tags: "tags", timeout: "timeout", grace: "grace" };
  const where: string[] = ["project_id = ?"];
  const params: (string | number)[] = [projectId];
  for (const key of Object.keys(columns) as (keyof UniqueMatch)[]) {
    const value = match[key];
    if (value === undefined) continue;
    where.push(`${columns[key]} = ?`);
    params.push(value);
  }
  const row = db.query(`SELECT * FROM checks WHERE ${where.join(" AND ")} ORDER BY id LIMIT 1`).get(...params) as CheckRow | null;
  return row ? toCheck(row) : null;
}

/** What /metrics needs of every check, in one pass over the table. */
export interface CheckMetricsRow extends CheckState {
  readonly uuid: string;
  readonly name: string;
  readonly slug: string;
  readonly tags: string;
  readonly project: string;
}

export function checkMetricsRows(db: Database): CheckMetricsRow[] {
  const rows = db
    .query(
      `SELECT c.uuid, c.name, c.slug, c.tags, p.slug AS project, c.kind, c.timeout, c.schedule, c.tz, c.grace, c.max_runtime,
         c.failure_threshold, c.manual_resume, c.status, c.last_ping, c.last_start, c.last_start_rid, c.last_duration,
         c.fail_streak, c.down_at, c.muted_until
       FROM checks c JOIN projects p ON p.id = c.project_id ORDER BY p.id, c.id`,
    )
    .all() as (Pick<CheckRow, "uuid" | "name" | "slug" | "tags" | "kind" | "timeout" | "schedule" | "tz" | "grace" | "max_runtime" | "failure_threshold" | "manual_resume" | "status" | "last_ping" | "last_start" | "last_start_rid" | "last_duration" | "fail_streak" | "down_at" | "muted_until"> & { project: string })[];
  return rows.map((r) => ({
    uuid: r.uuid,
    name: r.name,
    slug: r.slug,
    tags: r.tags,
    project: r.project,
    kind: r.kind,
    timeout: r.timeout,
    schedule: r.schedule,
    tz: r.tz,
    grace: r.grace,
    maxRuntime: r.max_runtime,
    failureThreshold: r.failure_threshold,
    manualResume: r.manual_resume === 1,
    status: r.status,
    lastPing: r.last_ping,
    lastStart: r.last_start,
    lastStartRid: r.last_start_rid,
    lastDuration: r.last_duration,
    failStreak: r.fail_streak,
    downAt: r.down_at,
    mutedUntil: r.muted_until,
  }));
}
