// Writes of checks and projects run in one IMMEDIATE transaction; the in-memory services (ping
// index, deadline scheduler, notifier) learn about them only after the commit, so a rolled-back
// request can never leave a ping URL or a deadline behind that the database does not have.
import type { Database } from "bun:sqlite";
import type { CheckIndex, IndexedProject } from "../ingest/check-index.ts";
import type { Notifier } from "../notify/worker.ts";
import type { Scheduler } from "../scheduler/scheduler.ts";
import type { Check } from "../store/checks.ts";
import type { CheckResult } from "./result.ts";

/** The live services every committed change must reach. */
export interface LiveServices {
  readonly index: CheckIndex;
  readonly scheduler: Scheduler;
  /** wakes the notifier after a flip was committed */
  readonly flipCommitted: () => void;
  /** makes alerts it holds for a check due now; absent where no notifier runs */
  readonly notifier?: Pick<Notifier, "recheck"> | undefined;
}

/** What a transaction changed, published once it has committed. */
export class Changes {
  private readonly checks = new Map<number, Check>();
  private readonly removedChecks = new Set<number>();
  private readonly projects = new Map<number, IndexedProject>();
  private readonly removedProjects = new Set<number>();
  private readonly rechecks = new Set<number>();
  private flips = 0;

  saved(check: Check): void {
    this.removedChecks.delete(check.id);
    this.checks.set(check.id, check);
  }

  deleted(checkId: number): void {
    this.checks.delete(checkId);
    this.rechecks.delete(checkId);
    this.removedChecks.add(checkId);
  }

  /** The check's mute or channels changed: an alert held for it may be due now. */
  alertsChanged(checkId: number): void {
    this.rechecks.add(checkId);
  }

  projectSaved(p: IndexedProject): void {
    this.removedProjects.delete(p.id);
    this.projects.set(p.id, p);
  }

  projectDeleted(id: number): void {
    this.projects.delete(id);
    this.removedProjects.add(id);
  }

  flipWritten(): void {
    this.flips++;
  }

  publish(live: LiveServices | null): void {
    if (!live) return;
    for (const p of this.projects.values()) live.index.upsertProject(p);
    for (const id of this.removedProjects) live.index.removeProject(id);
    for (const c of this.checks.values()) {
      live.index.upsertCheck(c.id, c);
      live.scheduler.update(c.id, c.downAt);
    }
    for (const id of this.removedChecks) {
      live.index.removeCheck(id);
      live.scheduler.update(id, null);
    }
    if (this.flips > 0) live.flipCommitted();
    for (const checkId of this.rechecks) live.notifier?.recheck({ checkId });
  }
}

const ROLLBACK = Symbol("rollback");

/**
 * Runs `fn` in an IMMEDIATE transaction (the write lock is taken before the first read, so the
 * rows it decides from cannot change under it). A failed result rolls everything back; a
 * successful one is committed and then published to `live`.
 */
export function writeChecks<T>(db: Database, live: LiveServices | null, fn: (changes: Changes) => CheckResult<T>): CheckResult<T> {
  const changes = new Changes();
  let result: CheckResult<T> | undefined;
  try {
    db.transaction(() => {
      result = fn(changes);
      if (!result.ok) throw ROLLBACK;
    }).immediate();
  } catch (e) {
    if (e === ROLLBACK && result) return result;
    throw e;
  }
  changes.publish(live);
  return result!;
}
