// Management API: channels, notifications and maintenance windows (SPEC §6, §8).
// Channels hold credentials, so read-only keys get no access (Healthchecks' 401 "wrong api key").
import { Elysia } from "elysia";
import { z } from "zod";
import { firstFieldError } from "../../checks/field-errors.ts";
import { CHANNEL_KINDS, apiCreatable, isChannelKind, maskedSettings, parseSettings } from "../../notify/registry.ts";
import { type Channel, deleteChannel, getChannel, insertChannel, listChannels, updateChannel } from "../../store/channels.ts";
import { listNotifications } from "../../store/notifications.ts";
import type { Project } from "../../store/projects.ts";
import { apiError, authenticate } from "./auth.ts";
import { channelJson, createChannelSchema, notificationJson } from "./channel-json.ts";
import { resolveCheck } from "./check-reads.ts";
import { type ApiCall, endpoint, failureResponse, json } from "./check-request.ts";
import type { ApiDeps } from "./context.ts";
import { maintenanceRoutes } from "./maintenance-api.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** newest notifications returned per check */
const NOTIFICATIONS_LIMIT = 1000;

export function channelsApi(deps: ApiDeps) {
  const h = handlers(deps);
  const routes = {
    "/api/v3/channels/": endpoint({ GET: h.list, POST: h.create }),
    "/api/v3/channels/:id": endpoint({ GET: h.get, POST: h.update, DELETE: h.remove }),
    "/api/v3/channels/:id/test": endpoint({ POST: h.test }),
    // `:code` as in the checks routes: the router needs one parameter name per position
    "/api/v3/checks/:code/notifications/": endpoint({ GET: h.notifications }),
    ...maintenanceRoutes(deps),
  };
  let app = new Elysia({ name: "channels-api" });
  for (const [path, handle] of Object.entries(routes)) app = app.all(path, handle, { parse: "none" });
  return app;
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

/**
 * Settings sent merge over the stored ones (JSON merge patch: null removes). A value sent back
 * exactly as the API shows it keeps the stored one, so a masked secret round-trips unharmed.
 */
function mergedSettings(c: Channel, sent: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const shown = maskedSettings(c.kind, c.settings);
  const out: Record<string, unknown> = { ...c.settings };
  for (const [key, value] of Object.entries(sent)) {
    if (value === null) delete out[key];
    else if (JSON.stringify(value) !== JSON.stringify(shown[key])) out[key] = value;
  }
  return out;
}

type Found = { ok: true; project: Project; channel: Channel } | { ok: false; response: Response };

function handlers(deps: ApiDeps) {
  const { db } = deps;

  /** The caller's channel named in the path: 404 unknown, 403 another project's. */
  const own = (call: ApiCall): Found => {
    const auth = authenticate(db, call.req, call.body, "write");
    if (!auth.ok) return auth;
    const id = call.params.id ?? "";
    const channel = UUID.test(id) ? getChannel(db, id.toLowerCase()) : null;
    if (!channel) return { ok: false, response: apiError(404, "not found") };
    if (channel.projectId !== auth.project.id) return { ok: false, response: apiError(403, "channel belongs to another project") };
    return { ok: true, project: auth.project, channel };
  };

  return {
    list: (call: ApiCall): Response => {
      const auth = authenticate(db, call.req, undefined, "write");
      if (!auth.ok) return auth.response;
      return json({ channels: listChannels(db, auth.project.id).map(channelJson) });
    },
    create: (call: ApiCall): Response => {
      const auth = authenticate(db, call.req, call.body, "write");
      if (!auth.ok) return auth.response;
      const parsed = createChannelSchema.safeParse(call.body);
      if (!parsed.success) return apiError(400, `json validation error: ${firstFieldError(parsed.error).message}`);
      const { name, kind, settings } = parsed.data;
      if (!isChannelKind(kind) || !apiCreatable(kind)) {
        const kinds = CHANNEL_KINDS.filter(apiCreatable).join(", ");
        const why = isChannelKind(kind) ? `kind "${kind}" can only be declared in the config file` : `kind must be one of ${kinds}`;
        return apiError(400, `json validation error: ${why}`);
      }
      const checked = parseSettings(kind, settings);
      if (!checked.ok) return apiError(400, `json validation error: ${checked.error}`);
      const channel = insertChannel(db, { id: crypto.randomUUID(), projectId: auth.project.id, name, kind, settings: checked.settings, managed: false, created: deps.now() });
      return json(channelJson(channel), 201);
    },
    get: (call: ApiCall): Response => {
      const found = own(call);
      return found.ok ? json(channelJson(found.channel)) : found.response;
    },
    update: (call: ApiCall): Response => {
      const found = own(call);
      if (!found.ok) return found.response;
      const c = found.channel;
      if (c.managed) return apiError(409, "managed by config file");
      const parsed = updateChannelSchema.safeParse(call.body);
      if (!parsed.success) return apiError(400, `json validation error: ${firstFieldError(parsed.error).message}`);
      const { name = c.name, kind, settings = {} } = parsed.data;
      if (kind !== undefined && kind !== c.kind) return apiError(400, "json validation error: kind cannot change; create another channel");
      // a shell channel released by the file stays out of the API's reach: its argv runs on the host
      if (!isChannelKind(c.kind) || !apiCreatable(c.kind)) return apiError(400, `json validation error: kind "${c.kind}" can only be changed in the config file`);
      const checked = parseSettings(c.kind, mergedSettings(c, settings));
      if (!checked.ok) return apiError(400, `json validation error: ${checked.error}`);
      updateChannel(db, c.id, { name, kind: c.kind, settings: checked.settings, managed: false });
      return json(channelJson({ ...c, name, settings: checked.settings }));
    },
    remove: (call: ApiCall): Response => {
      const found = own(call);
      if (!found.ok) return found.response;
      if (found.channel.managed) return apiError(409, "managed by config file");
      deleteChannel(db, found.channel.id);
      return json(channelJson(found.channel));
    },
    test: async (call: ApiCall): Promise<Response> => {
      const found = own(call);
      if (!found.ok) return found.response;
      if (!deps.notifier) return apiError(503, "notifier unavailable");
      const outcome = await deps.notifier.sendTest(found.channel);
      return json({ ok: outcome.status === "ok", status: outcome.status, error: outcome.error, duration: outcome.durationMs / 1000 });
    },
    notifications: (call: ApiCall): Response => {
      const auth = authenticate(db, call.req, undefined, "write");
      if (!auth.ok) return auth.response;
      const found = resolveCheck(db, auth.project, call.params.code ?? "", false);
      if (!found.ok) return failureResponse(found.failure);
      return json({ notifications: listNotifications(db, found.value.id, NOTIFICATIONS_LIMIT).map(notificationJson) });
    },
  };
}
