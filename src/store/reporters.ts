// Push reporters (SPEC §5.2): the replicas of reporter checks, the combined instant they are due
// (checks.replicas_due), and what a report's route needs to authenticate and find its check.
import type { Database } from "bun:sqlite";
import { MAX_REPLICAS, type Replica } from "../core/reporter.ts";
import type { CheckKind } from "../core/types.ts";

interface ReplicaRow {
  check_id: number;
  replica_id: string;
  last_report: number;
  interval: number;
  load_cpu: number | null;
  load_ram: number | null;
}

function toReplica(r: ReplicaRow): Replica {
  return { id: r.replica_id, lastReport: r.last_report, interval: r.interval, load: { cpu: r.load_cpu, ram: r.load_ram } };
}

/** What a report stores of its replica. */
export interface ReplicaReport {
  readonly replicaId: string;
  readonly interval: number;
  readonly cpu: number | null;
  readonly ram: number | null;
}

/**
 * Records a replica's report. A replica the check does not know yet is refused (false) once the
 * check has MAX_REPLICAS, so the work of every later report stays bounded.
 */
export function upsertReplica(db: Database, checkId: number, r: ReplicaReport, now: number): boolean {
  const known = db.query("SELECT 1 FROM replicas WHERE check_id = ? AND replica_id = ?").get(checkId, r.replicaId) !== null;
  if (!known && countReplicas(db, checkId) >= MAX_REPLICAS) return false;
  db.query(
    `INSERT INTO replicas (check_id, replica_id, last_report, interval, load_cpu, load_ram) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (check_id, replica_id) DO UPDATE SET last_report = excluded.last_report, interval = excluded.interval,
       load_cpu = excluded.load_cpu, load_ram = excluded.load_ram`,
  ).run(checkId, r.replicaId, now, r.interval, r.cpu, r.ram);
  return true;
}

export function countReplicas(db: Database, checkId: number): number {
  return (db.query("SELECT count(*) AS n FROM replicas WHERE check_id = ?").get(checkId) as { n: number }).n;
}

/** A check's replicas by id. */
export function listReplicas(db: Database, checkId: number): Replica[] {
  return (db.query("SELECT * FROM replicas WHERE check_id = ? ORDER BY replica_id").all(checkId) as ReplicaRow[]).map(toReplica);
}

/** The replicas of every check of a project, by check id (lists read them in one statement). */
export function replicasOfProject(db: Database, projectId: number): Map<number, Replica[]> {
  const rows = db
    .query("SELECT r.* FROM replicas r JOIN checks c ON c.id = r.check_id WHERE c.project_id = ? ORDER BY r.check_id, r.replica_id")
    .all(projectId) as ReplicaRow[];
  return byCheck(rows);
}

function byCheck(rows: readonly ReplicaRow[]): Map<number, Replica[]> {
  const out = new Map<number, Replica[]>();
  for (const r of rows) {
    const list = out.get(r.check_id);
    if (list) list.push(toReplica(r));
    else out.set(r.check_id, [toReplica(r)]);
  }
  return out;
}

/** Stores when the check's replicas are next due as its policy combines them. */
export function setReplicasDue(db: Database, checkId: number, due: number | null): void {
  db.query("UPDATE checks SET replicas_due = ? WHERE id = ?").run(due, checkId);
}

/**
 * Deletes up to `limit` replicas whose last report is older than `before`; answers how many went
 * and the checks that lost one.
 */
export function forgetReplicas(db: Database, before: number, limit: number): { readonly deleted: number; readonly checkIds: number[] } {
  const rows = db
    .query(
      `DELETE FROM replicas WHERE (check_id, replica_id) IN
         (SELECT check_id, replica_id FROM replicas WHERE last_report < ? LIMIT ?) RETURNING check_id`,
    )
    .all(before, limit) as { check_id: number }[];
  return { deleted: rows.length, checkIds: [...new Set(rows.map((r) => r.check_id))] };
}

/** What a report's route needs: the project's reporter token digest and the named check, if any. */
export interface ReporterTarget {
  readonly projectId: number;
  /** null until a token is issued (projects rotate-keys, TOCSIN_REPORTER_TOKEN) */
  readonly tokenHash: string | null;
  readonly check: { readonly id: number; readonly kind: CheckKind } | null;
}

export function findReporterTarget(db: Database, projectSlug: string, checkSlug: string): ReporterTarget | null {
  const project = db.query("SELECT id, reporter_token_hash AS tokenHash FROM projects WHERE slug = ?").get(projectSlug) as { id: number; tokenHash: string | null } | null;
  if (!project) return null;
  const check = db.query("SELECT id, kind FROM checks WHERE project_id = ? AND slug = ?").get(project.id, checkSlug) as { id: number; kind: CheckKind } | null;
  return { projectId: project.id, tokenHash: project.tokenHash, check };
}

export function setReporterTokenHash(db: Database, projectId: number, hash: string | null): void {
  db.query("UPDATE projects SET reporter_token_hash = ? WHERE id = ?").run(hash, projectId);
}
