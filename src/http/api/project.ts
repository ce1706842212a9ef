// Management API: the settings of the key's own project (SPEC §6 `GET/POST /api/v3/project`).
// One schema for what may be sent and one for what is answered; a setting is a field in both
// plus a line in `patchOf` and `projectJson`.
import { z } from "zod";
import { changeProjectSettings, type ProjectPatch } from "../../checks/project-settings.ts";
import type { Project } from "../../store/store.ts";
import { route, type Route } from "../route.ts";
import { failureResponse, json } from "./answers.ts";
import { apiError } from "./auth.ts";
import type { ApiDeps } from "./context.ts";
import { errorAnswers } from "./schemas.ts";

/** The POST body: only the fields given change. */
export const projectFieldsSchema = z
  .object({
    name: z.string().min(1).max(100).meta({ description: "Name, 1-100 characters" }),
    ping_auth: z.boolean().meta({ description: "Pings must carry the ping key (?auth_key=, X-Ping-Key or Basic auth); slug URLs carry it already" }),
    ping_create: z.boolean().meta({ description: "Every slug ping URL creates an unknown slug, as ?create=1 does" }),
    check_limit: z.int().meta({ description: "Read-only: accepted only unchanged (a body read from GET may be sent back)" }),
  })
  .partial();

export const projectOutputSchema = z.object({
  slug: z.string(),
  name: z.string(),
  ping_auth: z.boolean(),
  ping_create: z.boolean(),
  check_limit: z.int().meta({ description: "Read-only here: set by the command line or the config file" }),
  managed: z.boolean().meta({ description: "Declared in the config file: the API cannot change it" }),
});

export function projectJson(p: Project): z.output<typeof projectOutputSchema> {
  return { slug: p.slug, name: p.name, ping_auth: p.pingAuth, ping_create: p.pingCreate, check_limit: p.checkLimit, managed: p.managed };
}

function patchOf(f: z.output<typeof projectFieldsSchema>): ProjectPatch {
  return {
    ...(f.name === undefined ? {} : { name: f.name }),
    ...(f.ping_auth === undefined ? {} : { pingAuth: f.ping_auth }),
    ...(f.ping_create === undefined ? {} : { pingCreate: f.ping_create }),
  };
}

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid request: `json validation error: <field> ...` (also a changed check_limit, which is read-only)",
  401: "`missing api key` or `wrong api key` (read-only keys on POST too)",
  409: "`managed by config file`",
  413: "`request body too large` (over 1 MB)",
};
const errors = (...statuses: number[]) => errorAnswers(ERROR_TEXT, ...statuses);
const answer = { schema: projectOutputSchema, description: "The project's settings" };

export function projectRoutes(deps: ApiDeps): Route[] {
  return [
    route({
      method: "GET",
      path: "/api/v3/project",
      auth: "read",
      doc: { summary: "The settings of the key's project", tag: "project", responses: { "200": answer, ...errors(401) } },
      handle: (call) => {
        const current = deps.store.read((tx) => tx.getProjectById(call.auth!.project.id));
        return current ? json(projectJson(current)) : apiError(404, "not found");
      },
    }),
    route({
      method: "POST",
      path: "/api/v3/project",
      auth: "write",
      body: projectFieldsSchema,
      doc: { summary: "Change the settings of the key's project (only the fields given)", tag: "project", responses: { "200": answer, ...errors(400, 401, 409, 413) } },
      handle: (call) => {
        const parsed = call.validate();
        if (!parsed.ok) return parsed.response;
        const project = call.auth!.project;
        if (parsed.data.check_limit !== undefined && parsed.data.check_limit !== project.checkLimit) {
          return apiError(400, "json validation error: check_limit is read-only");
        }
        const result = changeProjectSettings({ store: deps.store, crons: deps.crons, now: deps.now(), publish: deps.publish }, project.id, patchOf(parsed.data));
        return result.ok ? json(projectJson(result.value)) : failureResponse(result.failure);
      },
    }),
  ];
}
