// What a committed write changed, for the live services: every writer (the ping batch writer, the
// management API, config reloads, the scheduler) fills one Changes value inside its transaction,
// and publish.ts applies it once the transaction has committed. A rolled-back write publishes
// nothing, so memory never holds a ping URL, a deadline or an alert the database does not have.
import type { Check, Project } from "../store/store.ts";

/** What the ping index keeps of a project. */
export type ProjectKeys = Pick<Project, "id" | "pingKey" | "pingAuth" | "pingCreate" | "checkLimit">;

/** How a check changed: its definition or keys (index + deadline), or only its runtime state. */
export type CheckChange = "saved" | "state" | "deleted";

export class Changes {
  /** touched checks by id, with the newest row and the strongest change seen */
  readonly checks = new Map<number, { readonly check: Pick<Check, "id" | "projectId" | "uuid" | "slug" | "pushToken" | "downAt">; readonly change: CheckChange }>();
  readonly projects = new Map<number, ProjectKeys | null>();
  flips = 0;
  pings = 0;
  alerts = false;

  /** Created, or its definition or keys (uuid, slug, push token) changed. */
  saved(check: Check): void {
    this.checks.set(check.id, { check, change: "saved" });
  }

  /** Its runtime state (status, deadline, last ping) changed. */
  state(check: Check): void {
    const known = this.checks.get(check.id);
    this.checks.set(check.id, { check, change: known?.change === "saved" ? "saved" : "state" });
  }

  /** A ping was stored for it (the check row carries the state after the ping). */
  pinged(check: Check): void {
    this.pings++;
    this.state(check);
  }

  deleted(check: Pick<Check, "id" | "projectId" | "uuid" | "slug" | "pushToken">): void {
    this.checks.set(check.id, { check: { ...check, downAt: null }, change: "deleted" });
  }

  flipWritten(): void {
    this.flips++;
  }

  /** Something an alert waits for changed (a mute, a channel assignment, a window): look again now. */
  alertsChanged(): void {
    this.alerts = true;
  }

  projectSaved(p: ProjectKeys): void {
    this.projects.set(p.id, { id: p.id, pingKey: p.pingKey, pingAuth: p.pingAuth, pingCreate: p.pingCreate, checkLimit: p.checkLimit });
  }

  projectDeleted(id: number): void {
    this.projects.set(id, null);
  }

  /** Folds another value in (a batch collects its items' changes). */
  absorb(other: Changes): void {
    for (const [id, p] of other.projects) this.projects.set(id, p);
    for (const [, c] of other.checks) {
      if (c.change === "deleted") this.checks.set(c.check.id, c);
      else if (c.change === "saved") this.checks.set(c.check.id, c);
      else this.checks.set(c.check.id, { check: c.check, change: this.checks.get(c.check.id)?.change === "saved" ? "saved" : "state" });
    }
    this.flips += other.flips;
    this.pings += other.pings;
    this.alerts ||= other.alerts;
  }

  get empty(): boolean {
    return this.checks.size === 0 && this.projects.size === 0 && this.flips === 0 && !this.alerts;
  }
}
