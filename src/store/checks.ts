// Checks: the stored shape (definition columns plus the runtime state the state machine owns),
// row mapping, and reads. Writes: check-definitions.ts (what users set), check-state.ts (runtime).
import type { Database } from "bun:sqlite";
import type { CheckKind, CheckState, CheckStatus } from "../core/types.ts";

/** Definition fields the state machine reads too; declared, with their meaning, in CheckState. */
type StateDefinitionField = "kind" | "timeout" | "schedule" | "tz" | "grace" | "maxRuntime" | "failureThreshold" | "manualResume" | "mutedUntil";

/** Every column a user sets (API, config file); the rest of a check is runtime state. */
export interface CheckDefinition extends Pick<CheckState, StateDefinitionField> {
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
  readonly reminderInterval: number | null;
}

/** A stored check: its definition and state-machine view plus identity and bookkeeping. */
export interface Check extends CheckDefinition, CheckState {
  readonly id: number;
  readonly projectId: number;
  readonly uuid: string;
  readonly badgeKey: string | null;
  readonly managed: boolean;
  readonly created: number;
  readonly nPings: number;
}

export interface CheckRow {
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

/** The columns behind CheckState: what a query must select for `stateOf`. */
export const STATE_COLUMNS = [
  "kind", "timeout", "schedule", "tz", "grace", "max_runtime", "failure_threshold", "manual_resume",
  "status", "last_ping", "last_start", "last_start_rid", "last_duration", "fail_streak", "down_at", "muted_until",
] as const;

export type StateRow = Pick<CheckRow, (typeof STATE_COLUMNS)[number]>;

export function stateOf(r: StateRow): CheckState {
  return {
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
    rules: [],
  };
}

export function toCheck(r: CheckRow): Check {
  return {
    ...stateOf(r),
    id: r.id,
    projectId: r.project_id,
    uuid: r.uuid,
    name: r.name,
    slug: r.slug,
    tags: r.tags,
    desc: r.description,
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
    managed: r.managed === 1,
    created: r.created,
    nPings: r.n_pings,
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

export function getCheckBySlug(db: Database, projectId: number, slug: string): Check | null {
  const row = db.query("SELECT * FROM checks WHERE project_id = ? AND slug = ?").get(projectId, slug) as CheckRow | null;
  return row ? toCheck(row) : null;
}

export function countChecks(db: Database, projectId: number): number {
  return (db.query("SELECT count(*) AS n FROM checks WHERE project_id = ?").get(projectId) as { n: number }).n;
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

/** Checks shown on public pages, in a stable order. */
export function listPublicChecks(db: Database): Check[] {
  return (db.query("SELECT * FROM checks WHERE public = 1 ORDER BY group_name, name, id").all() as CheckRow[]).map(toCheck);
}
