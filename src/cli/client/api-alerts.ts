// Tocsin's own Management API routes for alerting: channels (read-write keys only) and maintenance
// windows. Only the fields the client reads are validated; everything else passes through.
import { z } from "zod";
import { type ApiResult, call, type Server, unwrap } from "./api.ts";

const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const RemoteChannelSchema = z.looseObject({
  id: z.string(),
  name: z.string().default(""),
  kind: z.string().default(""),
  settings: z.record(z.string(), z.unknown()).default({}),
  managed: lenient(z.boolean()),
  last_error: lenient(z.string()),
});
export type RemoteChannel = z.infer<typeof RemoteChannelSchema>;

export const TestOutcomeSchema = z.looseObject({ ok: z.boolean(), status: z.string().default(""), error: z.string().default(""), duration: lenient(z.number()) });

export const RemoteWindowSchema = z.looseObject({
  id: z.string(),
  name: z.string().default(""),
  start: z.string().nullable().default(null),
  end: z.string().nullable().default(null),
  cron: z.string().nullable().default(null),
  tz: z.string().default("UTC"),
  duration: z.number().nullable().default(null),
  slugs: z.array(z.string()).default([]),
  tags: z.array(z.string()).default([]),
  managed: lenient(z.boolean()),
  active: lenient(z.boolean()),
  next: lenient(z.looseObject({ start: z.string().nullable(), end: z.string().nullable() }).nullable()),
});
export type RemoteWindow = z.infer<typeof RemoteWindowSchema>;

type Body = Readonly<Record<string, unknown>>;
const channel = (id: string): string => `/api/v3/channels/${encodeURIComponent(id)}`;

export async function listChannels(server: Server): Promise<ApiResult<RemoteChannel[]>> {
  return unwrap(await call(server, "GET", "/api/v3/channels/", undefined, z.looseObject({ channels: z.array(RemoteChannelSchema) })), (v) => v.channels);
}

export function createChannel(server: Server, body: Body): Promise<ApiResult<RemoteChannel>> {
  return call(server, "POST", "/api/v3/channels/", body, RemoteChannelSchema);
}

export function updateChannel(server: Server, id: string, body: Body): Promise<ApiResult<RemoteChannel>> {
  return call(server, "POST", channel(id), body, RemoteChannelSchema);
}

export function deleteChannel(server: Server, id: string): Promise<ApiResult<RemoteChannel>> {
  return call(server, "DELETE", channel(id), undefined, RemoteChannelSchema);
}

export function testChannel(server: Server, id: string): Promise<ApiResult<z.infer<typeof TestOutcomeSchema>>> {
  return call(server, "POST", `${channel(id)}/test`, {}, TestOutcomeSchema);
}

export async function listWindows(server: Server): Promise<ApiResult<RemoteWindow[]>> {
  return unwrap(await call(server, "GET", "/api/v3/maintenance/", undefined, z.looseObject({ maintenance: z.array(RemoteWindowSchema) })), (v) => v.maintenance);
}

export function createWindow(server: Server, body: Body): Promise<ApiResult<RemoteWindow>> {
  return call(server, "POST", "/api/v3/maintenance/", body, RemoteWindowSchema);
}

export function deleteWindow(server: Server, id: string): Promise<ApiResult<RemoteWindow>> {
  return call(server, "DELETE", `/api/v3/maintenance/${encodeURIComponent(id)}`, undefined, RemoteWindowSchema);
}
