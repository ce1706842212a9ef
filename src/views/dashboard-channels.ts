// Read models of the dashboard's channel pages (SPEC §12): a project's channels with the checks
// each alerts for (and, for bulk assignment, every check with its channels), and one channel with
// its checks and its delivery log. A fixed number of statements whatever the number of checks.
import type { Channel, ChannelNotification, Project, Tx } from "../store/store.ts";
import { type ProjectRef, projectRefs } from "./dashboard-checks.ts";

/** Attempts a channel's page shows; the log keeps 90 days. */
export const DELIVERY_LOG_LIMIT = 100;

export interface AssignableCheck {
  readonly uuid: string;
  readonly name: string;
  readonly managed: boolean;
  readonly channelIds: readonly string[];
}

export interface ChannelsPageModel {
  readonly projects: readonly ProjectRef[];
  readonly project: Project;
  readonly channels: readonly { readonly channel: Channel; readonly checks: number }[];
  readonly checks: readonly AssignableCheck[];
}

export interface ChannelPageModel {
  readonly projects: readonly ProjectRef[];
  readonly project: Project;
  readonly channel: Channel;
  readonly checks: readonly { readonly uuid: string; readonly name: string }[];
  /** newest first */
  readonly log: readonly ChannelNotification[];
}

export function channelsPage(tx: Tx, projectSlug: string): ChannelsPageModel | null {
  const project = tx.findProjectBySlug(projectSlug);
  if (!project) return null;
  const channels = tx.listChannels(project.id);
  const byCheck = assignments(tx, project.id);
  const counts = new Map<string, number>();
  for (const ids of byCheck.values()) for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const checks = tx.listChecksOfProject(project.id).map((c) => ({ uuid: c.uuid, name: c.name || c.slug || "Unnamed check", managed: c.managed, channelIds: byCheck.get(c.id) ?? [] }));
  return { projects: projectRefs(tx), project, channels: channels.map((channel) => ({ channel, checks: counts.get(channel.id) ?? 0 })), checks };
}

export function channelPage(tx: Tx, id: string): ChannelPageModel | null {
  const channel = /^[0-9a-f-]{36}$/i.test(id) ? tx.getChannel(id.toLowerCase()) : null;
  const project = channel ? tx.getProjectById(channel.projectId) : null;
  if (!channel || !project) return null;
  const byCheck = assignments(tx, project.id);
  const checks = tx
    .listChecksOfProject(project.id)
    .filter((c) => byCheck.get(c.id)?.includes(channel.id))
    .map((c) => ({ uuid: c.uuid, name: c.name || c.slug || "Unnamed check" }));
  return { projects: projectRefs(tx), project, channel, checks, log: tx.listChannelNotifications(channel.id, DELIVERY_LOG_LIMIT) };
}

/** Channel ids per check id, for one project. */
function assignments(tx: Tx, projectId: number): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const a of tx.channelAssignmentsOfProject(projectId)) {
    const list = out.get(a.checkId);
    if (list) list.push(a.channelId);
    else out.set(a.checkId, [a.channelId]);
  }
  return out;
}
