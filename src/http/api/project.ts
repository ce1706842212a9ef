// Management API: the settings of the key's own project (SPEC §6 `GET/POST /api/v3/project`),
// its status page's included (SPEC §9). One schema for what may be sent and one for what is
// answered; a setting is a field in both plus a line in `patchOf` and `projectJson`. The status
// page password is write-only: it is hashed here (argon2id, SPEC §2) and answered as password_set.
import { z } from "zod";
import { changeProjectSettings, type ProjectPatch } from "../../checks/project-settings.ts";
import { STATUS_DESCRIPTION_MAX, STATUS_LOGO_URL_MAX, STATUS_PAGE_MODES, STATUS_TITLE_MAX } from "../../checks/status-page-settings.ts";
import { checkPasswordRules, hashPassword } from "../../sessions/password.ts";
import type { Project, StatusPageMode } from "../../store/store.ts";
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
    status_page: z.enum(STATUS_PAGE_MODES as [StatusPageMode, ...StatusPageMode[]]).meta({ description: "Status page: `public` (anyone), `password` (a password form; needs `password`) or `off` (404)" }),
    title: z.string().max(STATUS_TITLE_MAX).meta({ description: `Status page title, at most ${STATUS_TITLE_MAX} characters; "" shows the project's name` }),
    description: z.string().max(STATUS_DESCRIPTION_MAX).meta({ description: `Status page description, plain text, at most ${STATUS_DESCRIPTION_MAX} characters` }),
    logo_url: z.string().max(STATUS_LOGO_URL_MAX).meta({ description: 'Status page logo: an http(s) URL or a path starting with "/"; "" for none' }),
    tz: z.string().max(64).meta({ description: "IANA time zone the status page shows times and daily bars in, default UTC" }),
    password: z.string().max(1_000).meta({ description: 'Write-only: the status page password (8-1000 characters, stored as an argon2id hash); "" removes it' }),
  })
  .partial();

export const projectOutputSchema = z.object({
  slug: z.string(),
  name: z.string(),
  ping_auth: z.boolean(),
  ping_create: z.boolean(),
  check_limit: z.int().meta({ description: "Read-only here: set by the command line or the config file" }),
  managed: z.boolean().meta({ description: "Declared in the config file: the API cannot change it" }),
  status_page: z.enum(STATUS_PAGE_MODES as [StatusPageMode, ...StatusPageMode[]]).meta({ description: "Who sees the status page: public, password or off" }),
  title: z.string().meta({ description: 'Status page title; "" shows the project\'s name' }),
  description: z.string(),
  logo_url: z.string().meta({ description: '"" for none' }),
  tz: z.string().meta({ description: "IANA time zone of the status page" }),
  password_set: z.boolean().meta({ description: "Whether a status page password is stored" }),
  status_url: z.string().meta({ description: "The project's status page" }),
});

export function projectJson(p: Project, baseUrl: string): z.output<typeof projectOutputSchema> {
  const page = p.statusPage;
  return {
    slug: p.slug,
    name: p.name,
    ping_auth: p.pingAuth,
    ping_create: p.pingCreate,
    check_limit: p.checkLimit,
    managed: p.managed,
    status_page: page.mode,
    title: page.title,
    description: page.description,
    logo_url: page.logoUrl,
    tz: page.tz,
    password_set: p.statusPasswordSet,
    status_url: `${baseUrl}/status/${encodeURIComponent(p.slug)}`,
  };
}

/** The change a validated body asks for; the password arrives already hashed (or null: removed). */
/** The change a validated body asks for (the dashboard's settings form makes the same one). */
export function patchOf(f: z.output<typeof projectFieldsSchema>, passwordHash?: string | null): ProjectPatch {
  const page = {
    ...(f.status_page === undefined ? {} : { mode: f.status_page }),
    ...(f.title === undefined ? {} : { title: f.title }),
    ...(f.description === undefined ? {} : { description: f.description }),
    ...(f.logo_url === undefined ? {} : { logoUrl: f.logo_url }),
    ...(f.tz === undefined ? {} : { tz: f.tz }),
  };
  return {
    ...(f.name === undefined ? {} : { name: f.name }),
    ...(f.ping_auth === undefined ? {} : { pingAuth: f.ping_auth }),
    ...(f.ping_create === undefined ? {} : { pingCreate: f.ping_create }),
    ...(Object.keys(page).length === 0 ? {} : { statusPage: page }),
    ...(passwordHash === undefined ? {} : { statusPasswordHash: passwordHash }),
  };
}

export type PasswordHash = { readonly ok: true; readonly hash: string | null | undefined } | { readonly ok: false; readonly error: string };

/** undefined keeps the password, "" removes it; anything else must follow the password rules and is hashed. */
export async function passwordHashOf(password: string | undefined): Promise<PasswordHash> {
  if (password === undefined) return { ok: true, hash: undefined };
  if (password === "") return { ok: true, hash: null };
  const rules = checkPasswordRules(password);
  if (!rules.ok) return { ok: false, error: rules.error };
  return { ok: true, hash: await hashPassword(password) };
}

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid request: `json validation error: <field> ...` (also a changed check_limit, which is read-only, and status_page `password` without a password)",
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
        return current ? json(projectJson(current, call.baseUrl)) : apiError(404, "not found");
      },
    }),
    route({
      method: "POST",
      path: "/api/v3/project",
      auth: "write",
      body: projectFieldsSchema,
      doc: { summary: "Change the settings of the key's project (only the fields given)", tag: "project", responses: { "200": answer, ...errors(400, 401, 409, 413) } },
      handle: async (call) => {
        const parsed = call.validate();
        if (!parsed.ok) return parsed.response;
        const project = call.auth!.project;
        if (parsed.data.check_limit !== undefined && parsed.data.check_limit !== project.checkLimit) {
          return apiError(400, "json validation error: check_limit is read-only");
        }
        // refused before the (slow) hashing of a password that could not be stored anyway
        if (project.managed) return apiError(409, "managed by config file");
        const password = await passwordHashOf(parsed.data.password);
        if (!password.ok) return apiError(400, `json validation error: password: ${password.error}`);
        const result = changeProjectSettings({ store: deps.store, crons: deps.crons, now: deps.now(), publish: deps.publish }, project.id, patchOf(parsed.data, password.hash));
        return result.ok ? json(projectJson(result.value, call.baseUrl)) : failureResponse(result.failure);
      },
    }),
  ];
}
