// The one post-commit path: what a committed write changed reaches the ping index, the deadline
// scheduler, the notifier and the live event stream, in that order, from here only.
import type { Changes, ProjectKeys } from "./changes.ts";
import type { LiveEvents } from "./events.ts";

/** The live services a commit must reach (interfaces, so this module imports none of them). */
export interface LiveTargets {
  readonly index: {
    upsertProject(p: ProjectKeys): void;
    removeProject(id: number): void;
    upsertCheck(id: number, keys: { uuid: string; projectId: number; slug: string; pushToken: string | null }): void;
    removeCheck(id: number): void;
  };
  readonly scheduler: { update(checkId: number, downAt: number | null): void };
  /** looks at the outbox soon (flips written, held alerts that may be due) */
  readonly wakeNotifier: () => void;
  readonly events: LiveEvents;
}

export type Publish = (changes: Changes) => void;

export function createPublisher(live: LiveTargets): Publish {
  return (changes) => {
    for (const [id, p] of changes.projects) {
      if (p === null) live.index.removeProject(id);
      else live.index.upsertProject(p);
    }
    for (const { check, change } of changes.checks.values()) {
      switch (change) {
        case "saved":
          live.index.upsertCheck(check.id, check);
          live.scheduler.update(check.id, check.downAt);
          break;
        case "state":
          live.scheduler.update(check.id, check.downAt);
          break;
        case "deleted":
          live.index.removeCheck(check.id);
          live.scheduler.update(check.id, null);
          break;
        default: {
          const unreachable: never = change;
          throw new Error(`unknown change ${String(unreachable)}`);
        }
      }
    }
    if (changes.flips > 0 || changes.alerts) live.wakeNotifier();
    if (live.events.subscribers === 0) return;
    for (const { check, change } of changes.checks.values()) {
      live.events.emit({ type: "check", projectId: check.projectId, checkId: check.id, uuid: check.uuid, deleted: change === "deleted" });
    }
  };
}

/** For writes made where no services run (start-up before they exist, local commands). */
export const publishNowhere: Publish = () => {};
