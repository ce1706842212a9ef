// Writes made by other processes (`tocsin projects add|rotate-keys` on the same file) reach the
// live services without SIGHUP: SQLite's `PRAGMA data_version` changes only when another
// connection commits, so polling it costs one pragma per second, and only a change leads to
// reading anything. Projects (ping keys, ping auth, limits) are reloaded whole — there are few —
// and checks another process created are added; both go through the one post-commit path.
import { Changes } from "../live/changes.ts";
import type { Publish } from "../live/publish.ts";
import type { Store } from "../store/store.ts";
import type { CheckIndex } from "./check-index.ts";

/** New checks published per poll; a larger batch continues at the next poll. */
const CHECK_PAGE = 1_000;

export interface ExternalWritesDeps {
  readonly store: Store;
  readonly index: Pick<CheckIndex, "projectIds">;
  readonly publish: Publish;
}

export class ExternalWrites {
  private version: number;
  private newestCheckId: number;
  /** a page of new checks was full: more may wait even if nothing else changed */
  private more = false;

  constructor(private readonly deps: ExternalWritesDeps) {
    this.version = deps.store.dataVersion();
    this.newestCheckId = deps.store.read((tx) => tx.maxCheckId());
  }

  /** Reloads what other processes changed since the last call; answers how many projects and checks it published. */
  poll(): { projects: number; checks: number } {
    const version = this.deps.store.dataVersion();
    if (version === this.version && !this.more) return { projects: 0, checks: 0 };
    this.version = version;
    const changes = new Changes();
    const { store, index } = this.deps;
    const checks = store.read((tx) => {
      const projects = tx.indexedProjects();
      const present = new Set(projects.map((p) => p.id));
      for (const p of projects) changes.projectSaved(p);
      for (const id of index.projectIds()) if (!present.has(id)) changes.projectDeleted(id);
      return tx.checksCreatedAfter(this.newestCheckId, CHECK_PAGE);
    });
    // checks this process created are among them too; publishing them again changes nothing
    for (const c of checks) changes.saved(c);
    this.newestCheckId = checks.at(-1)?.id ?? this.newestCheckId;
    this.more = checks.length === CHECK_PAGE;
    this.deps.publish(changes);
    return { projects: changes.projects.size, checks: checks.length };
  }
}
