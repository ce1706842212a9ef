// The declared-object kinds, in apply order: later kinds may refer to objects of earlier ones.
// [[channels]] goes between projects and checks (checks name channels); [[maintenance]] after
// checks (windows select checks by slug or tag).
import { checksKind } from "./checks.ts";
import { channelsKind } from "./declared-channels.ts";
import { maintenanceKind } from "./declared-maintenance.ts";
import { projectsKind } from "./projects.ts";
import type { AnyDeclaredKind } from "./registry.ts";

export const DECLARED_KINDS: readonly AnyDeclaredKind[] = [projectsKind, channelsKind, checksKind, maintenanceKind];
