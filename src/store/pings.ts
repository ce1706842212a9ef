// Pings: the log of what each check received, newest N kept per check.
import type { Database } from "bun:sqlite";
import type { PingKind } from "../core/ping.ts";

export interface NewPing {
  readonly checkId: number;
  readonly n: number;
  readonly created: number;
  readonly kind: PingKind;
  readonly scheme: string;
  readonly remoteAddr: string;
  readonly method: string;
  readonly ua: string;
  readonly body: Uint8Array | null;
  readonly exitStatus: number | null;
  readonly rid: string | null;
  readonly msg: string | null;
  readonly host: string | null;
  readonly series: string | null;
  /** Cronitor's environment */
  readonly env: string | null;
  readonly duration: number | null;
  readonly metrics: Readonly<Record<string, number>> | null;
}

export interface StoredPing extends Omit<NewPing, "body"> {
  readonly bodySize: number;
}

export function insertPing(db: Database, p: NewPing): void {
  db.query(
    `INSERT INTO pings (check_id, n, created, kind, scheme, remote_addr, method, ua, body, exit_status, rid, msg, host, series, env, duration, metrics)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    p.checkId,
    p.n,
    p.created,
    p.kind,
    p.scheme,
    p.remoteAddr,
    p.method,
    p.ua,
    p.body,
    p.exitStatus,
    p.rid,
    p.msg,
    p.host,
    p.series,
    p.env,
    p.duration,
    p.metrics ? JSON.stringify(p.metrics) : null,
  );
}

/**
 * Keeps the newest `keep` pings of a check. Called after every insert, so in the steady state it
 * deletes one row through the (check_id, n) index: retention never becomes a bulk job.
 */
export function prunePings(db: Database, checkId: number, newestN: number, keep: number): void {
  if (newestN > keep) db.query("DELETE FROM pings WHERE check_id = ? AND n <= ?").run(checkId, newestN - keep);
}

interface PingRow {
  check_id: number;
  n: number;
  created: number;
  kind: PingKind;
  scheme: string;
  remote_addr: string;
  method: string;
  ua: string;
  body_size: number;
  exit_status: number | null;
  rid: string | null;
  msg: string | null;
  host: string | null;
  series: string | null;
  env: string | null;
  duration: number | null;
  metrics: string | null;
}

const LIST_COLUMNS = `check_id, n, created, kind, scheme, remote_addr, method, ua, coalesce(length(body), 0) AS body_size,
  exit_status, rid, msg, host, series, env, duration, metrics`;

/** Newest first, without bodies. */
export function listPings(db: Database, checkId: number, limit: number): StoredPing[] {
  const rows = db.query(`SELECT ${LIST_COLUMNS} FROM pings WHERE check_id = ? ORDER BY n DESC LIMIT ?`).all(checkId, limit) as PingRow[];
  return rows.map(toStoredPing);
}

function toStoredPing(r: PingRow): StoredPing {
  return {
    checkId: r.check_id,
    n: r.n,
    created: r.created,
    kind: r.kind,
    scheme: r.scheme,
    remoteAddr: r.remote_addr,
    method: r.method,
    ua: r.ua,
    bodySize: r.body_size,
    exitStatus: r.exit_status,
    rid: r.rid,
    msg: r.msg,
    host: r.host,
    series: r.series,
    env: r.env,
    duration: r.duration,
    metrics: r.metrics ? (JSON.parse(r.metrics) as Record<string, number>) : null,
  };
}

export function getPingBody(db: Database, checkId: number, n: number): Uint8Array | null | undefined {
  const row = db.query("SELECT body FROM pings WHERE check_id = ? AND n = ?").get(checkId, n) as { body: Uint8Array | null } | null;
  return row === null ? undefined : row.body;
}

/** The newest ping of a check with its body, for alert texts. */
export function lastPingOf(db: Database, checkId: number): { created: number; kind: PingKind; exitStatus: number | null; msg: string | null; body: Uint8Array | null } | null {
  const row = db
    .query("SELECT created, kind, exit_status, msg, body FROM pings WHERE check_id = ? ORDER BY n DESC LIMIT 1")
    .get(checkId) as { created: number; kind: PingKind; exit_status: number | null; msg: string | null; body: Uint8Array | null } | null;
  return row ? { created: row.created, kind: row.kind, exitStatus: row.exit_status, msg: row.msg, body: row.body } : null;
}

export interface PingWithExcerpt extends StoredPing {
  /** the first bytes of the body (null without one); `bodySize` tells whether it was cut */
  readonly excerpt: Uint8Array | null;
}

/** Newest first, each with the first `excerptBytes` of its body: a ping log page in one query. */
export function listPingsWithExcerpts(db: Database, checkId: number, limit: number, excerptBytes: number): PingWithExcerpt[] {
  const rows = db
    .query(`SELECT ${LIST_COLUMNS}, substr(body, 1, ?) AS excerpt FROM pings WHERE check_id = ? ORDER BY n DESC LIMIT ?`)
    .all(excerptBytes, checkId, limit) as (PingRow & { excerpt: Uint8Array | null })[];
  return rows.map((r) => ({ ...toStoredPing(r), excerpt: r.excerpt }));
}

/**
 * The message of the failure a check received at `created`: for a flip with reason `rule`, the
 * rule and the value seen. The ping log of a check is bounded, so this reads few rows.
 */
export function failMessageAt(db: Database, checkId: number, created: number): string | null {
  const row = db.query("SELECT msg FROM pings WHERE check_id = ? AND created = ? AND kind = 'fail' ORDER BY n DESC LIMIT 1").get(checkId, created) as { msg: string | null } | null;
  return row?.msg ?? null;
}
