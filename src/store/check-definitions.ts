// Check definitions: the columns users set (management API, config file, ?create=1 pings), the
// one INSERT that creates a check, and the uniqueness lookups that guard writes.
import type { Database } from "bun:sqlite";
import { type Check, type CheckDefinition, type CheckRow, DEFAULT_DEFINITION, toCheck } from "./check-model.ts";

/** The column of every definition field: the one list INSERT and UPDATE are built from. */
const DEFINITION_COLUMNS: { readonly [K in keyof CheckDefinition]-?: string } = {
  name: "name",
  slug: "slug",
  tags: "tags",
  desc: "description",
  kind: "kind",
  timeout: "timeout",
  schedule: "schedule",
  tz: "tz",
  grace: "grace",
  maxRuntime: "max_runtime",
  failureThreshold: "failure_threshold",
  manualResume: "manual_resume",
  methods: "methods",
  startKw: "start_kw",
  successKw: "success_kw",
  failureKw: "failure_kw",
  filterSubject: "filter_subject",
  filterBody: "filter_body",
  filterHttpBody: "filter_http_body",
  filterDefaultFail: "filter_default_fail",
  public: "public",
  group: "group_name",
  pushToken: "push_token",
  reminderInterval: "reminder_interval",
  mutedUntil: "muted_until",
  rules: "rules",
  replicaPolicy: "replica_policy",
  loadMaxCpu: "load_max_cpu",
  loadMaxRam: "load_max_ram",
  alertNew: "alert_new",
};

const DEFINITION_KEYS = Object.keys(DEFINITION_COLUMNS) as (keyof CheckDefinition)[];
const COLUMN_LIST = DEFINITION_KEYS.map((k) => DEFINITION_COLUMNS[k]).join(", ");

/** SQL values in DEFINITION_KEYS order; booleans are stored as 0/1, rules as JSON. */
function definitionParams(d: CheckDefinition): (string | number | null)[] {
  return DEFINITION_KEYS.map((k) => {
    const value = d[k];
    if (typeof value === "boolean") return value ? 1 : 0;
    return typeof value === "object" && value !== null ? JSON.stringify(value) : value;
  });
}

export interface DefinedCheck {
  readonly projectId: number;
  readonly uuid: string;
  readonly badgeKey: string | null;
  readonly managed: boolean;
  readonly definition: CheckDefinition;
}

/** Inserts a check with every definition column; runtime state starts as `new`, new since `now` and bucketed from `now`. */
export function insertDefinedCheck(db: Database, c: DefinedCheck, now: number): Check {
  const row = db
    .query(
      `INSERT INTO checks (project_id, uuid, badge_key, managed, created, new_since, bucketed_until, ${COLUMN_LIST})
       VALUES (?, ?, ?, ?, ?, ?, ?, ${DEFINITION_KEYS.map(() => "?").join(", ")}) RETURNING *`,
    )
    .get(c.projectId, c.uuid.toLowerCase(), c.badgeKey, c.managed ? 1 : 0, now, now, now, ...definitionParams(c.definition)) as CheckRow;
  return toCheck(row);
}

/** A check to create from the fields given; the rest default as in DEFAULT_DEFINITION. */
export type NewCheck = { readonly projectId: number; readonly uuid: string } & Partial<CheckDefinition>;

/** Inserts an unmanaged check without a badge key (?create=1 pings, tests, benchmarks). */
export function insertCheck(db: Database, c: NewCheck, now: number): Check {
  const { projectId, uuid, ...fields } = c;
  // a field given as undefined takes its default, as if it were left out
  const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<CheckDefinition>;
  return insertDefinedCheck(db, { projectId, uuid, badgeKey: null, managed: false, definition: { ...DEFAULT_DEFINITION, ...given } }, now);
}

/** Rewrites the definition columns and the deadline they imply (computed by the caller). */
export function updateCheckDefinition(db: Database, id: number, d: CheckDefinition, downAt: number | null): Check {
  const assignments = DEFINITION_KEYS.map((k) => `${DEFINITION_COLUMNS[k]} = ?`).join(", ");
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

/** Whether another check of the project already uses this (non-empty) slug. */
export function slugTaken(db: Database, projectId: number, slug: string, exceptId: number | null): boolean {
  return db.query("SELECT 1 FROM checks WHERE project_id = ? AND slug = ? AND id IS NOT ?").get(projectId, slug, exceptId) !== null;
}

/** Whether another check already uses this push token (push tokens are global). */
export function pushTokenTaken(db: Database, token: string, exceptId: number | null): boolean {
  return db.query("SELECT 1 FROM checks WHERE push_token = ? AND id IS NOT ?").get(token, exceptId) !== null;
}

/** Values of the fields Healthchecks' `unique` may name. */
export type UniqueMatch = Partial<Pick<CheckDefinition, "name" | "slug" | "tags" | "timeout" | "grace">>;

const UNIQUE_KEYS = Object.keys({ name: 0, slug: 0, tags: 0, timeout: 0, grace: 0 } satisfies Record<keyof UniqueMatch, 0>) as (keyof UniqueMatch)[];

/** The oldest check of the project whose listed fields all equal the given values. */
export function findCheckMatching(db: Database, projectId: number, match: UniqueMatch): Check | null {
  const where: string[] = ["project_id = ?"];
  const params: (string | number)[] = [projectId];
  for (const key of UNIQUE_KEYS) {
    const value = match[key];
    if (value === undefined) continue;
    where.push(`${DEFINITION_COLUMNS[key]} = ?`);
    params.push(value);
  }
  const row = db.query(`SELECT * FROM checks WHERE ${where.join(" AND ")} ORDER BY id LIMIT 1`).get(...params) as CheckRow | null;
  return row ? toCheck(row) : null;
}

export function badgeKeyTaken(db: Database, key: string): boolean {
  return db.query("SELECT 1 FROM checks WHERE badge_key = ?").get(key) !== null;
}
