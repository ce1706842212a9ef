// In-memory lookup of checks by uuid, (ping key, slug) and push token, so a ping that names an
// unknown check is answered without touching the database, and a known one costs one row read.
// Kept coherent by the post-commit path (src/live/publish.ts): every committed change to these
// keys reaches it from there.
import type { ProjectKeys } from "../live/changes.ts";
import type { Tx } from "../store/store.ts";

export type IndexedProject = ProjectKeys;

interface Keys {
  readonly uuid: string;
  readonly projectId: number;
  readonly slug: string;
  readonly pushToken: string | null;
}

export class CheckIndex {
  private readonly byUuid = new Map<string, number>();
  private readonly bySlug = new Map<string, number>();
  private readonly byPushToken = new Map<string, number>();
  private readonly keysById = new Map<number, Keys>();
  private readonly projects = new Map<number, IndexedProject>();
  private readonly projectsByPingKey = new Map<string, IndexedProject>();

  static load(tx: Tx): CheckIndex {
    const index = new CheckIndex();
    for (const p of tx.indexedProjects()) index.upsertProject(p);
    for (const r of tx.indexedCheckKeys()) index.upsertCheck(r.id, r);
    return index;
  }

  upsertProject(p: IndexedProject): void {
    const old = this.projects.get(p.id);
    if (old) this.projectsByPingKey.delete(old.pingKey);
    this.projects.set(p.id, p);
    this.projectsByPingKey.set(p.pingKey, p);
  }

  removeProject(id: number): void {
    const old = this.projects.get(id);
    if (!old) return;
    this.projects.delete(id);
    this.projectsByPingKey.delete(old.pingKey);
    for (const [checkId, keys] of this.keysById) if (keys.projectId === id) this.removeCheck(checkId);
  }

  upsertCheck(id: number, keys: Keys): void {
    this.removeCheck(id);
    const k: Keys = { ...keys, uuid: keys.uuid.toLowerCase() };
    this.keysById.set(id, k);
    this.byUuid.set(k.uuid, id);
    if (k.slug !== "") this.bySlug.set(slugKey(k.projectId, k.slug), id);
    if (k.pushToken !== null) this.byPushToken.set(k.pushToken, id);
  }

  removeCheck(id: number): void {
    const k = this.keysById.get(id);
    if (!k) return;
    this.keysById.delete(id);
    this.byUuid.delete(k.uuid);
    if (k.slug !== "") this.bySlug.delete(slugKey(k.projectId, k.slug));
    if (k.pushToken !== null) this.byPushToken.delete(k.pushToken);
  }

  /** uuid must already be lowercase */
  checkByUuid(uuid: string): number | null {
    return this.byUuid.get(uuid) ?? null;
  }

  checkBySlug(projectId: number, slug: string): number | null {
    return this.bySlug.get(slugKey(projectId, slug)) ?? null;
  }

  checkByPushToken(token: string): number | null {
    return this.byPushToken.get(token) ?? null;
  }

  projectOfCheck(checkId: number): IndexedProject | null {
    const k = this.keysById.get(checkId);
    return k ? (this.projects.get(k.projectId) ?? null) : null;
  }

  projectByPingKey(pingKey: string): IndexedProject | null {
    return this.projectsByPingKey.get(pingKey) ?? null;
  }

  projectIds(): number[] {
    return [...this.projects.keys()];
  }

  get size(): number {
    return this.keysById.size;
  }
}

function slugKey(projectId: number, slug: string): string {
  return `${projectId}/${slug}`;
}
