// Read model of the dashboard's check form (SPEC §12): the project (the operations act in its
// name), the project switcher, the channels to choose from and, when editing, the check with the
// channels assigned to it. Four statements at most.
import type { Check, Project, Tx } from "../store/store.ts";
import { type ProjectRef, projectRefs } from "./dashboard-checks.ts";

export interface ChannelChoice {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
}

export interface CheckFormSource {
  readonly projects: readonly ProjectRef[];
  readonly project: Project;
  readonly channels: readonly ChannelChoice[];
  /** null for a new check */
  readonly check: Check | null;
  /** ids of the channels assigned to the check */
  readonly assigned: readonly string[];
}

/** What a new check's form needs in the project with this slug; null when there is no such project. */
export function newCheckSource(tx: Tx, projectSlug: string): CheckFormSource | null {
  const project = tx.findProjectBySlug(projectSlug);
  if (!project) return null;
  return { projects: projectRefs(tx), project, channels: choices(tx, project.id), check: null, assigned: [] };
}

/** What a check's edit form needs; null when there is no such check. */
export function editCheckSource(tx: Tx, uuid: string): CheckFormSource | null {
  const check = tx.getCheckByUuid(uuid.toLowerCase());
  const project = check ? tx.getProjectById(check.projectId) : null;
  if (!check || !project) return null;
  return { projects: projectRefs(tx), project, channels: choices(tx, project.id), check, assigned: tx.channelsOfCheck(check.id).map((c) => c.id) };
}

function choices(tx: Tx, projectId: number): ChannelChoice[] {
  return tx.listChannels(projectId).map((c) => ({ id: c.id, name: c.name, kind: c.kind }));
}
