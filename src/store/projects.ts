// Projects: the owner of checks, channels and keys.
import type { Database } from "bun:sqlite";
import { generateApiKey, generatePingKey, generateToken, hashKey } from "../auth/keys.ts";

export interface Project {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  readonly pingKey: string;
  readonly badgeKey: string;
  readonly pingAuth: boolean;
  readonly checkLimit: number;
  readonly managed: boolean;
}

interface ProjectRow {
  id: number;
  slug: string;
  name: string;
  ping_key: string;
  badge_key: string;
  ping_auth: number;
  check_limit: number;
  managed: number;
}

const COLUMNS = "id, slug, name, ping_key, badge_key, ping_auth, check_limit, managed";

function toProject(r: ProjectRow): Project {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    pingKey: r.ping_key,
    badgeKey: r.badge_key,
    pingAuth: r.ping_auth === 1,
    checkLimit: r.check_limit,
    managed: r.managed === 1,
  };
}

export function findProjectBySlug(db: Database, slug: string): Project | null {
  const row = db.query(`SELECT ${COLUMNS} FROM projects WHERE slug = ?`).get(slug) as ProjectRow | null;
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
}

export function createProject(db: Database, slug: string, name: string, now: number, pinned: { apiKey?: string; pingKey?: string } = {}): NewProjectKeys {
  const apiKey = pinned.apiKey ?? generateApiKey("rw");
  const apiKeyReadOnly = generateApiKey("ro");
  db.query(
    `INSERT INTO projects (slug, name, api_key_hash, api_key_ro_hash, ping_key, badge_key, created)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(slug, name, hashKey(apiKey), hashKey(apiKeyReadOnly), pinned.pingKey ?? generatePingKey(), generateToken(16), now);
  const project = findProjectBySlug(db, slug);
  if (!project) throw new Error(`project ${slug} vanished after insert`);
  return { project, apiKey, apiKeyReadOnly };
}

export type DefaultProject = { readonly created: true; readonly keys: NewProjectKeys } | { readonly created: false; readonly project: Project };

/**
 * Creates the `default` project on first start. Pinned keys (TOCSIN_API_KEY / TOCSIN_PING_KEY)
 * are applied at every start so that a deployment can rely on them.
 */
export function ensureDefaultProject(db: Database, now: number, pinned: { apiKey?: string; pingKey?: string }): DefaultProject {
  return db.transaction((): DefaultProject => {
    const existing = findProjectBySlug(db, "default");
    if (!existing) return { created: true, keys: createProject(db, "default", "Default", now, pinned) };
    if (pinned.apiKey !== undefined) db.query("UPDATE projects SET api_key_hash = ? WHERE id = ?").run(hashKey(pinned.apiKey), existing.id);
    if (pinned.pingKey !== undefined) db.query("UPDATE projects SET ping_key = ? WHERE id = ?").run(pinned.pingKey, existing.id);
    return { created: false, project: findProjectBySlug(db, "default") ?? existing };
  })();
}
