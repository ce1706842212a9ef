// Dashboard sessions and the admin password (SPEC §12). Session tokens are looked up by their
// SHA-256 digest through a unique index, as API keys are; the password is an argon2id hash in
// `meta`, next to the generated password while no one has set one.
import type { Database } from "bun:sqlite";

export interface StoredSession {
  readonly id: number;
  readonly created: number;
  readonly expires: number;
  readonly lastSeen: number;
  readonly remoteAddr: string;
  readonly ua: string;
}

interface SessionRow {
  id: number;
  created: number;
  expires: number;
  last_seen: number;
  remote_addr: string;
  ua: string;
}

function toSession(r: SessionRow): StoredSession {
  return { id: r.id, created: r.created, expires: r.expires, lastSeen: r.last_seen, remoteAddr: r.remote_addr, ua: r.ua };
}

export function insertSession(db: Database, s: { tokenHash: string; created: number; expires: number; remoteAddr: string; ua: string }): StoredSession {
  const row = db
    .query("INSERT INTO sessions (token_hash, created, expires, last_seen, remote_addr, ua) VALUES (?, ?, ?, ?, ?, ?) RETURNING *")
    .get(s.tokenHash, s.created, s.expires, s.created, s.remoteAddr, s.ua) as SessionRow;
  return toSession(row);
}

/** The unexpired session whose token hashes to `tokenHash`. */
export function findSession(db: Database, tokenHash: string, now: number): StoredSession | null {
  const row = db.query("SELECT * FROM sessions WHERE token_hash = ? AND expires > ?").get(tokenHash, now) as SessionRow | null;
  return row ? toSession(row) : null;
}

export function touchSession(db: Database, id: number, lastSeen: number, expires: number): void {
  db.query("UPDATE sessions SET last_seen = ?, expires = ? WHERE id = ?").run(lastSeen, expires, id);
}

export function deleteSession(db: Database, id: number): boolean {
  return db.query("DELETE FROM sessions WHERE id = ?").run(id).changes === 1;
}

/** Ends every session (the password changed); returns how many there were. */
export function deleteAllSessions(db: Database): number {
  return db.query("DELETE FROM sessions").run().changes;
}

export function pruneSessions(db: Database, now: number): number {
  return db.query("DELETE FROM sessions WHERE expires <= ?").run(now).changes;
}

export function listSessions(db: Database, now: number): StoredSession[] {
  return (db.query("SELECT * FROM sessions WHERE expires > ? ORDER BY last_seen DESC").all(now) as SessionRow[]).map(toSession);
}

const HASH_KEY = "admin_password_hash";
const GENERATED_KEY = "admin_password_generated";

export interface AdminPasswordRow {
  /** argon2id PHC string; null while no password exists at all */
  readonly hash: string | null;
  /**
   * the password Tocsin generated, kept so that every start can print it again until someone
   * sets one (SPEC §12); null once a person (or TOCSIN_ADMIN_PASSWORD) has chosen the password
   */
  readonly generated: string | null;
}

export function getAdminPassword(db: Database): AdminPasswordRow {
  const rows = db.query("SELECT key, value FROM meta WHERE key IN (?, ?)").all(HASH_KEY, GENERATED_KEY) as { key: string; value: string }[];
  const value = (k: string) => rows.find((r) => r.key === k)?.value ?? null;
  return { hash: value(HASH_KEY), generated: value(GENERATED_KEY) };
}

/** Stores the password's hash; `generated` is the clear text only for a password Tocsin made up. */
export function setAdminPassword(db: Database, hash: string, generated: string | null): void {
  db.query("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(HASH_KEY, hash);
  if (generated === null) db.query("DELETE FROM meta WHERE key = ?").run(GENERATED_KEY);
  else db.query("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(GENERATED_KEY, generated);
}
