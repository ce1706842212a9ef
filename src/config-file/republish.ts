// SIGHUP's first step, with or without a config file: projects created or re-keyed by
// `tocsin projects` (another process) reach the ping index. Kept apart from load.ts, whose schemas
// are loaded only when a config file is set.
import { Changes } from "../live/changes.ts";
import type { Publish } from "../live/publish.ts";
import type { Store } from "../store/store.ts";

export function republishProjects(store: Store, publish: Publish): void {
  const projects = new Changes();
  for (const p of store.read((tx) => tx.listProjects())) projects.projectSaved(p);
  publish(projects);
}
