// OpenAPI descriptions of the channels, notifications and maintenance routes (channels.ts,
// maintenance-api.ts). Request bodies are the zod schemas the handlers validate with; answers are
// the schemas that type the JSON builders.
import { z } from "zod";
import { channelOutputSchema, channelTestOutputSchema, createChannelSchema, notificationOutputSchema } from "./channel-json.ts";
import { errorAnswers } from "./check-docs.ts";
import { updateChannelSchema } from "./channels.ts";
import { createWindowSchema, windowOutputSchema } from "./maintenance-api.ts";
import type { ParamDoc, RouteDoc } from "./openapi.ts";

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid request: `json validation error: ...`, `could not parse request body`",
  401: "`missing api key` or `wrong api key` (read-only keys cannot use channels)",
  403: "The object belongs to another project",
  404: "No such object",
  409: "`managed by config file`",
  503: "`notifier unavailable`",
};
const errors = (...statuses: number[]) => errorAnswers(ERROR_TEXT, ...statuses);

const channelId: ParamDoc = { name: "id", in: "path", description: "Channel id (uuid)", schema: z.string() };
const windowId: ParamDoc = { name: "id", in: "path", description: "Maintenance window id (uuid)", schema: z.string() };
const code: ParamDoc = { name: "code", in: "path", description: "Check uuid (any letter case)", schema: z.string() };
const channel = { schema: channelOutputSchema, description: "The channel" };
const window = { schema: windowOutputSchema, description: "The maintenance window" };

export const channelRouteDocs: RouteDoc[] = [
  { method: "get", path: "/api/v3/channels/", summary: "List channels", auth: "write", responses: { "200": { schema: z.object({ channels: z.array(channelOutputSchema) }), description: "Channels" }, ...errors(401) } },
  { method: "post", path: "/api/v3/channels/", summary: "Create a channel", auth: "write", body: createChannelSchema, responses: { "201": { ...channel, description: "Created" }, ...errors(400, 401) } },
  { method: "get", path: "/api/v3/channels/{id}", summary: "Get a channel", auth: "write", params: [channelId], responses: { "200": channel, ...errors(401, 403, 404) } },
  { method: "post", path: "/api/v3/channels/{id}", summary: "Update a channel: name and/or settings (merged, validated by its kind)", auth: "write", params: [channelId], body: updateChannelSchema, responses: { "200": channel, ...errors(400, 401, 403, 404, 409) } },
  { method: "delete", path: "/api/v3/channels/{id}", summary: "Delete a channel; answers it as it was", auth: "write", params: [channelId], responses: { "200": channel, ...errors(401, 403, 404, 409) } },
  {
    method: "post",
    path: "/api/v3/channels/{id}/test",
    summary: "Send a test message now and record the attempt",
    auth: "write",
    params: [channelId],
    responses: { "200": { schema: channelTestOutputSchema, description: "The attempt's outcome (ok false when it failed)" }, ...errors(401, 403, 404, 503) },
  },
  {
    method: "get",
    path: "/api/v3/checks/{code}/notifications/",
    summary: "Delivery attempts for the check, newest first (at most 1000, kept 90 days)",
    auth: "write",
    params: [code],
    responses: { "200": { schema: z.object({ notifications: z.array(notificationOutputSchema) }), description: "Attempts" }, ...errors(401, 403, 404) },
  },
];

export const maintenanceRouteDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/api/v3/maintenance/",
    summary: "List maintenance windows",
    auth: "read",
    responses: { "200": { schema: z.object({ maintenance: z.array(windowOutputSchema) }), description: "Windows" }, ...errors(401) },
  },
  {
    method: "post",
    path: "/api/v3/maintenance/",
    summary: "Create a maintenance window: start and end, or cron and duration; slugs or tags",
    auth: "write",
    body: createWindowSchema,
    responses: { "201": { ...window, description: "Created" }, ...errors(400, 401) },
  },
  { method: "get", path: "/api/v3/maintenance/{id}", summary: "Get a maintenance window", auth: "read", params: [windowId], responses: { "200": window, ...errors(401, 403, 404) } },
  {
    method: "delete",
    path: "/api/v3/maintenance/{id}",
    summary: "Delete a maintenance window; alerts it held go out at once",
    auth: "write",
    params: [windowId],
    responses: { "200": window, ...errors(401, 403, 404, 409) },
  },
];
