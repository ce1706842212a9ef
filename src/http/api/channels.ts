// Management API: channels and their delivery log (SPEC §6, §8). Channels hold credentials, so
// read-only keys get no access (Healthchecks' 401 "wrong api key").
import { z } from "zod";
import { isUuid } from "../../core/uuid.ts";
import type { CheckFailure } from "../../checks/result.ts";
import { createChannel, deleteChannel, updateChannel } from "../../notify/channel-operations.ts";
import type { Channel } from "../../store/store.ts";
import { type Call, route, type Route } from "../route.ts";
import { failureResponse, json } from "./answers.ts";
import { apiError } from "./auth.ts";
import { channelJson, channelOutputSchema, channelTestOutputSchema, createChannelSchema, notificationJson, notificationOutputSchema } from "./channel-json.ts";
import { resolveCheck } from "./check-lookup.ts";
import type { ApiDeps } from "./context.ts";
import { codeParam, errorAnswers } from "./schemas.ts";

/** newest notifications returned per check */
const NOTIFICATIONS_LIMIT = 1000;

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid request: `json validation error: ...`, `could not parse request body`",
  401: "`missing api key` or `wrong api key` (read-only keys cannot use channels)",
  403: "The object belongs to another project",
  404: "No such object",
  409: "`managed by config file`, `name already in use`",
};
const errors = (...statuses: number[]) => errorAnswers(ERROR_TEXT, ...statuses);
const channelId = { name: "id", in: "path", description: "Channel id (uuid)", schema: z.string() } as const;
const channelAnswer = { schema: channelOutputSchema, description: "The channel" };

type Found = { ok: true; channel: Channel } | { ok: false; response: Response };

/** Channel operations' refusals in this API's words (a lookup's 404/403 come before them). */
function channelFailure(f: CheckFailure): Response {
  switch (f.kind) {
    case "forbidden":
      return apiError(403, "channel belongs to another project");
    case "conflict":
      return apiError(409, f.message);
    default:
      return failureResponse(f);
  }
}

/** POST /api/v3/channels/<id>: a partial update; `kind` may be sent only unchanged. */
export const updateChannelSchema = z.object({
  name: z.string().max(100).optional().meta({ description: "New name" }),
  kind: z.string().optional().meta({ description: "Cannot change; accepted when equal, so a channel's JSON can be sent back" }),
  settings: z
    .record(z.string(), z.unknown())
    .optional()
    .meta({ description: "Merged over the stored settings and validated by the kind: null removes a setting; a secret left out, or sent back masked as shown, keeps its value" }),
});

export function channelRoutes(deps: ApiDeps): Route[] {
  const { store } = deps;
  const op = () => ({ store, now: deps.now(), publish: deps.publish });
  /** The caller's channel named in the path: 404 unknown, 403 another project's. */
  const own = (call: Call): Found => {
    const id = call.params.id ?? "";
    const channel = isUuid(id) ? store.read((tx) => tx.getChannel(id.toLowerCase())) : null;
    if (!channel) return { ok: false, response: apiError(404, "not found") };
    if (channel.projectId !== call.auth!.project.id) return { ok: false, response: apiError(403, "channel belongs to another project") };
    return { ok: true, channel };
  };
  return [
    route({
      method: "GET",
      path: "/api/v3/channels/",
      auth: "write",
      doc: { summary: "List channels", responses: { "200": { schema: z.object({ channels: z.array(channelOutputSchema) }), description: "Channels" }, ...errors(401) } },
      handle: (call) => json({ channels: store.read((tx) => tx.listChannels(call.auth!.project.id)).map(channelJson) }),
    }),
    route({
      method: "POST",
      path: "/api/v3/channels/",
      auth: "write",
      body: createChannelSchema,
      doc: { summary: "Create a channel", responses: { "201": { ...channelAnswer, description: "Created" }, ...errors(400, 401, 409) } },
      handle: (call) => {
        const parsed = call.validate();
        if (!parsed.ok) return parsed.response;
        const created = createChannel(op(), call.auth!.project.id, parsed.data);
        return created.ok ? json(channelJson(created.value), 201) : channelFailure(created.failure);
      },
    }),
    route({
      method: "GET",
      path: "/api/v3/channels/:id",
      auth: "write",
      doc: { summary: "Get a channel", params: [channelId], responses: { "200": channelAnswer, ...errors(401, 403, 404) } },
      handle: (call) => {
        const found = own(call);
        return found.ok ? json(channelJson(found.channel)) : found.response;
      },
    }),
    route({
      method: "POST",
      path: "/api/v3/channels/:id",
      auth: "write",
      body: updateChannelSchema,
      doc: { summary: "Update a channel: name and/or settings (merged, validated by its kind)", params: [channelId], responses: { "200": channelAnswer, ...errors(400, 401, 403, 404, 409) } },
      handle: (call) => {
        const found = own(call);
        if (!found.ok) return found.response;
        if (found.channel.managed) return apiError(409, "managed by config file");
        const parsed = call.validate();
        if (!parsed.ok) return parsed.response;
        const updated = updateChannel(op(), found.channel.projectId, found.channel.id, parsed.data);
        return updated.ok ? json(channelJson(updated.value)) : channelFailure(updated.failure);
      },
    }),
    route({
      method: "DELETE",
      path: "/api/v3/channels/:id",
      auth: "write",
      doc: { summary: "Delete a channel; answers it as it was", params: [channelId], responses: { "200": channelAnswer, ...errors(401, 403, 404, 409) } },
      handle: (call) => {
        const found = own(call);
        if (!found.ok) return found.response;
        const deleted = deleteChannel(op(), found.channel.projectId, found.channel.id);
        return deleted.ok ? json(channelJson(deleted.value)) : channelFailure(deleted.failure);
      },
    }),
    route({
      method: "POST",
      path: "/api/v3/channels/:id/test",
      auth: "write",
      doc: {
        summary: "Send a test message now and record the attempt",
        params: [channelId],
        responses: { "200": { schema: channelTestOutputSchema, description: "The attempt's outcome (ok false when it failed)" }, ...errors(401, 403, 404) },
      },
      handle: async (call) => {
        const found = own(call);
        if (!found.ok) return found.response;
        const outcome = await deps.testChannel(found.channel);
        return json({ ok: outcome.status === "ok", status: outcome.status, error: outcome.error, duration: outcome.durationMs / 1000 });
      },
    }),
    route({
      method: "GET",
      path: "/api/v3/checks/:code/notifications/",
      auth: "write",
      doc: {
        summary: "Delivery attempts for the check, newest first (at most 1000, kept 90 days)",
        params: [codeParam],
        responses: { "200": { schema: z.object({ notifications: z.array(notificationOutputSchema) }), description: "Attempts" }, ...errors(401, 403, 404) },
      },
      handle: (call) => {
        const found = store.read((tx) => resolveCheck(tx, call.auth!.project, call.params.code ?? "", { uniqueKey: false }));
        if (!found.ok) return failureResponse(found.failure);
        return json({ notifications: store.read((tx) => tx.listNotifications(found.value.id, NOTIFICATIONS_LIMIT)).map(notificationJson) });
      },
    }),
  ];
}
