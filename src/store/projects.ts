// Projects: the owner of checks, channels and keys.
import type { Database } from "bun:sqlite";
import { generateApiKey, generatePingKey, generateReporterToken, generateToken, hashKey } from "../auth/keys.ts";

export interface Project {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  readonly pingKey: string;
  readonly badgeKey: string;
  readonly pingAuth: boolean;
  /** every slug ping URL creates an unknown slug, as ?create=1 does */
  readonly pingCreate: boolean;
  readonly checkLimit: number;
  readonly managed: boolean;
  /** its public status page (SPEC §9) */
  readonly statusPage: StatusPageSettings;
  /** whether a status page password is stored (its hash is read only where it is verified) */
  readonly statusPasswordSet: boolean;
}

/** Who sees a project's status page: anyone, whoever knows its password, or nobody (404). */
export type StatusPageMode = "public" | "password" | "off";
export const STATUS_PAGE_MODES: readonly StatusPageMode[] = ["public", "password", "off"];

/** A project's status page settings; "" is "not set" for the texts. */
export interface StatusPageSettings {
  readonly mode: StatusPageMode;
  /** the page's title; "" shows the project's name */
  readonly title: string;
  readonly description: string;
  /** an http(s) URL or a path of an image; "" for none */
  readonly logoUrl: string;
  /** IANA zone the page shows times and daily bars in */
  readonly tz: string;
}

interface ProjectRow {
  id: number;
  slug: string;
  name: string;
  ping_key: string;
  badge_key: string;
  ping_auth: number;
  ping_create: number;
  check_limit: number;
  managed: number;
  status_page: StatusPageMode;
  status_title: string;
  status_description: string;
  status_logo_url: string;
  status_tz: string;
  status_password_set: number;
}

const COLUMNS =
  "id, slug, name, ping_key, badge_key, ping_auth, ping_create, check_limit, managed, status_page, status_title, status_description, status_logo_url, status_tz, status_password_hash IS NOT NULL AS status_password_set";

function toProject(r: ProjectRow): Project {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    pingKey: r.ping_key,
    badgeKey: r.badge_key,
    pingAuth: r.ping_auth === 1,
    pingCreate: r.ping_create === 1,
    checkLimit: r.check_limit,
    managed: r.managed === 1,
    statusPage: { mode: r.status_page, title: r.status_title, description: r.status_description, logoUrl: r.status_logo_url, tz: r.status_tz },
    statusPasswordSet: r.status_password_set === 1,
  };
}

export function findProjectBySlug(db: Database, slug: string): Project | null {
  const row = db.query(`SELECT ${COLUMNS} FROM projects WHERE slug = ?`).get(slug) as ProjectRow | null;
  return row ? toProject(row) : null;
}

/** The project a badge key opens (its tag badges, SPEC §9). */
export function findProjectByBadgeKey(db: Database, badgeKey: string): Project | null {
  const row = db.query(`SELECT ${COLUMNS} FROM projects WHERE badge_key = ?`).get(badgeKey) as ProjectRow | null;
  return row ? toProject(row) : null;
}

export function listProjects(db: Database): Project[] {
  return (db.query(`SELECT ${COLUMNS} FROM projects ORDER BY id`).all() as ProjectRow[]).map(toProject);
}

/** The project whose read-write or read-only key hashes to `digest`. */
export function findProjectByKeyHash(db: Database, digest: string): { project: Project; readOnly: boolean } | null {
  const row = db
    .query(`SELECT ${COLUMNS}, api_key_ro_hash = ?1 AS read_only FROM projects WHERE api_key_hash = ?1 OR api_key_ro_hash = ?1`)
    .get(digest) as (ProjectRow & { read_only: number }) | null;
  return row ? { project: toProject(row), readOnly: row.read_only === 1 } : null;
}

export interface NewProjectKeys {
  readonly project: Project;
  /** shown once; only their digests are stored */
  readonly apiKey: string;
  readonly apiKeyReadOnly: string;
  /** the password of push reporters (SPEC §5.2) */
  readonly reporterToken: string;
}

/** Keys a deployment pins instead of having them generated. */
export interface PinnedKeys {
  readonly apiKey?: string;
  readonly pingKey?: string;
  readonly reporterToken?: string;
}

export function createProject(db: Database, slug: string, name: string, now: number, pinned: PinnedKeys = {}): NewProjectKeys {
  const apiKey = pinned.apiKey ?? generateApiKey("rw");
  const apiKeyReadOnly = generateApiKey("ro");
  const reporterToken = pinned.reporterToken ?? generateReporterToken();
  db.query(
    `INSERT INTO projects (slug, name, api_key_hash, api_key_ro_hash, reporter_token_hash, ping_key, badge_key, created)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(slug, name, hashKey(apiKey), hashKey(apiKeyReadOnly), hashKey(reporterToken), pinned.pingKey ?? generatePingKey(), generateToken(16), now);
  const project = findProjectBySlug(db, slug);
  if (!project) throw new Error(`project ${slug} vanished after insert`);
  return { project, apiKey, apiKeyReadOnly, reporterToken };
}

export type DefaultProject = { readonly created: true; readonly keys: NewProjectKeys } | { readonly created: false; readonly project: Project };

/**
 * Creates the `default` project on first start. Pinned keys (TOCSIN_API_KEY / TOCSIN_PING_KEY)
 * are applied at every start so that a deployment can rely on them.
 */
export function ensureDefaultProject(db: Database, now: number, pinned: PinnedKeys): DefaultProject {
  return db.transaction((): DefaultProject => {
    const existing = findProjectBySlug(db, "default");
    if (!existing) return { created: true, keys: createProject(db, "default", "Default", now, pinned) };
    if (pinned.apiKey !== undefined) db.query("UPDATE projects SET api_key_hash = ? WHERE id = ?").run(hashKey(pinned.apiKey), existing.id);
    if (pinned.pingKey !== undefined) db.query("UPDATE projects SET ping_key = ? WHERE id = ?").run(pinned.pingKey, existing.id);
    if (pinned.reporterToken !== undefined) db.query("UPDATE projects SET reporter_token_hash = ? WHERE id = ?").run(hashKey(pinned.reporterToken), existing.id);
    return { created: false, project: findProjectBySlug(db, "default") ?? existing };
  })();
}

// ---- projects managed by the CLI and the config file ----

export function getProjectById(db: Database, id: number): Project | null {
  const row = db.query(`SELECT ${COLUMNS} FROM projects WHERE id = ?`).get(id) as ProjectRow | null;
  return row ? toProject(row) : null;
}

/** Settings of a project that the config file may declare. */
export interface ProjectSettings {
  readonly name: string;
  readonly pingAuth: boolean;
  readonly pingCreate: boolean;
  readonly checkLimit: number;
}

export function updateProjectSettings(db: Database, id: number, s: ProjectSettings): void {
  db.query("UPDATE projects SET name = ?, ping_auth = ?, ping_create = ?, check_limit = ? WHERE id = ?").run(s.name, s.pingAuth ? 1 : 0, s.pingCreate ? 1 : 0, s.checkLimit, id);
}

export function updateStatusPageSettings(db: Database, id: number, s: StatusPageSettings): void {
  db.query("UPDATE projects SET status_page = ?, status_title = ?, status_description = ?, status_logo_url = ?, status_tz = ? WHERE id = ?").run(
    s.mode,
    s.title,
    s.description,
    s.logoUrl,
    s.tz,
    id,
  );
}

/** The argon2id hash (PHC string) of a project's status page password; null removes it. */
export function setStatusPasswordHash(db: Database, id: number, hash: string | null): void {
  db.query("UPDATE projects SET status_password_hash = ? WHERE id = ?").run(hash, id);
}

export function getStatusPasswordHash(db: Database, id: number): string | null {
  const row = db.query("SELECT status_password_hash AS hash FROM projects WHERE id = ?").get(id) as { hash: string | null } | null;
  return row?.hash ?? null;
}

export function setProjectManaged(db: Database, id: number, managed: boolean): void {
  db.query("UPDATE projects SET managed = ? WHERE id = ?").run(managed ? 1 : 0, id);
}

export function setProjectPingKey(db: Database, id: number, pingKey: string): void {
  db.query("UPDATE projects SET ping_key = ? WHERE id = ?").run(pingKey, id);
}

/** Replaces the stored digests of the read-write and/or read-only API keys. */
export function setProjectKeyHashes(db: Database, id: number, hashes: { readWrite?: string; readOnly?: string }): void {
  if (hashes.readWrite !== undefined) db.query("UPDATE projects SET api_key_hash = ? WHERE id = ?").run(hashes.readWrite, id);
  if (hashes.readOnly !== undefined) db.query("UPDATE projects SET api_key_ro_hash = ? WHERE id = ?").run(hashes.readOnly, id);
}

export function setProjectReporterTokenHash(db: Database, id: number, hash: string): void {
  db.query("UPDATE projects SET reporter_token_hash = ? WHERE id = ?").run(hash, id);
}

/** Whether a project other than `exceptId` uses this ping key or stores one of these key digests. */
export function projectKeyInUse(db: Database, exceptId: number | null, key: { pingKey?: string; keyHash?: string }): boolean {
  if (key.pingKey !== undefined && db.query("SELECT 1 FROM projects WHERE ping_key = ? AND id IS NOT ?").get(key.pingKey, exceptId) !== null) return true;
  if (key.keyHash === undefined) return false;
  return db.query("SELECT 1 FROM projects WHERE (api_key_hash = ?1 OR api_key_ro_hash = ?1) AND id IS NOT ?2").get(key.keyHash, exceptId) !== null;
}

export interface RotatedKeys {
  readonly apiKey: string;
  readonly apiKeyReadOnly: string;
  readonly pingKey: string;
  readonly reporterToken: string;
}

/**
 * New read-write, read-only and ping keys and reporter token. The old API keys and reporter
 * token stop working at once; so do ping URLs by slug (uuid ping URLs do not depend on the ping key).
 */
export function rotateProjectKeys(db: Database, id: number): RotatedKeys {
  const keys: RotatedKeys = { apiKey: generateApiKey("rw"), apiKeyReadOnly: generateApiKey("ro"), pingKey: generatePingKey(), reporterToken: generateReporterToken() };
  db.query("UPDATE projects SET api_key_hash = ?, api_key_ro_hash = ?, ping_key = ?, reporter_token_hash = ? WHERE id = ?").run(
    hashKey(keys.apiKey),
    hashKey(keys.apiKeyReadOnly),
    keys.pingKey,
    hashKey(keys.reporterToken),
    id,
  );
  return keys;
}

/** Deletes a project with everything it owns (checks, channels... by ON DELETE CASCADE). */
export function deleteProject(db: Database, id: number): boolean {
  return db.query("DELETE FROM projects WHERE id = ?").run(id).changes === 1;
}

/** Number of checks per project id (projects without checks are absent). */
export function checkCountsByProject(db: Database): Map<number, number> {
  const rows = db.query("SELECT project_id AS id, count(*) AS n FROM checks GROUP BY project_id").all() as { id: number; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** What the in-memory ping index keeps of every project. */
export function indexedProjects(db: Database): { id: number; pingKey: string; pingAuth: boolean; pingCreate: boolean; checkLimit: number }[] {
  const rows = db.query("SELECT id, ping_key AS pingKey, ping_auth AS pingAuth, ping_create AS pingCreate, check_limit AS checkLimit FROM projects").all() as {
    id: number;
    pingKey: string;
    pingAuth: number;
    pingCreate: number;
    checkLimit: number;
  }[];
  return rows.map((p) => ({ ...p, pingAuth: p.pingAuth === 1, pingCreate: p.pingCreate === 1 }));
}
