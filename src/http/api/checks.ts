// Management API: checks (SPEC §6), Healthchecks v3 paths, methods, fields and status codes.
import { z } from "zod";
import { checkJson, type JsonContext } from "../../checks/check-json.ts";
import { checkFieldsSchema, createCheckSchema } from "../../checks/definition.ts";
import { createCheck, deleteCheck, type OperationContext, pauseCheck, resumeCheck, updateCheck } from "../../checks/operations.ts";
import type { CheckResult } from "../../checks/result.ts";
import type { Check, Project } from "../../store/store.ts";
import { oneCheck, projectChecks } from "../../views/check-summaries.ts";
import { type Call, route, type Route } from "../route.ts";
import { failureResponse, json } from "./answers.ts";
import { resolveCheck } from "./check-lookup.ts";
import type { ApiDeps } from "./context.ts";
import { checkOutputSchema, codeOrKeyParam, codeParam, errorAnswers } from "./schemas.ts";

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid request: `json validation error: <field> ...`, `could not parse request body`",
  401: "`missing api key` or `wrong api key` (read-only keys on write routes too)",
  403: "The check belongs to another project, or the project's check limit is reached",
  404: "No such check",
  409: "`slug already in use`, `managed by config file`, `check is not paused`",
  413: "`request body too large` (over 1 MB)",
};
const errors = (...statuses: number[]) => errorAnswers(ERROR_TEXT, ...statuses);
const checkAnswer = { schema: checkOutputSchema, description: "The check" };

export function checkRoutes(deps: ApiDeps): Route[] {
  const { store } = deps;
  const op = (): OperationContext => ({ store, crons: deps.crons, now: deps.now(), publish: deps.publish });
  const view = (call: Call, project: Project, readOnly: boolean, now: number): JsonContext => ({ now, baseUrl: call.baseUrl, readOnly, pingKey: project.pingKey, crons: deps.crons, emailDomain: deps.emailDomain });
  const render = (c: Check, ctx: JsonContext, status = 200): Response => json(checkJson(c, store.read((tx) => oneCheck(tx, c, ctx.now)).extras, ctx), status);
  const answer = (call: Call, result: CheckResult<Check>, project: Project, now: number): Response =>
    result.ok ? render(result.value, view(call, project, false, now)) : failureResponse(result.failure);
  /** the caller's check named in the path: 404/403 come before body validation, as in Healthchecks */
  const own = (call: Call, opts: { uniqueKey: boolean }): CheckResult<Check> => store.read((tx) => resolveCheck(tx, call.auth!.project, call.params.code ?? "", opts));
  const stateChange = (call: Call, fn: typeof pauseCheck): Response => {
    const project = call.auth!.project;
    const found = own(call, { uniqueKey: false });
    if (!found.ok) return failureResponse(found.failure);
    const ctx = op();
    return answer(call, fn(ctx, project, found.value.uuid), project, ctx.now);
  };

  return [
    route({
      method: "GET",
      path: "/api/v3/checks/",
      auth: "read",
      doc: {
        summary: "List checks",
        params: [
          { name: "tag", in: "query", description: "Only checks with this tag; repeat for AND", schema: z.string() },
          { name: "slug", in: "query", description: "Only the check with this slug", schema: z.string() },
        ],
        responses: { "200": { schema: z.object({ checks: z.array(checkOutputSchema) }), description: "Checks" }, ...errors(401) },
      },
      handle: (call) => {
        const { project, readOnly } = call.auth!;
        const slug = call.url.searchParams.get("slug");
        const ctx = view(call, project, readOnly, deps.now());
        const filter = { tags: new Set(call.url.searchParams.getAll("tag")), ...(slug === null ? {} : { slug }) };
        const summaries = store.read((tx) => projectChecks(tx, project.id, ctx.now, filter));
        return json({ checks: summaries.map((s) => checkJson(s.check, s.extras, ctx)) });
      },
    }),
    route({
      method: "POST",
      path: "/api/v3/checks/",
      auth: "write",
      body: createCheckSchema,
      doc: {
        summary: "Create a check, or update the one `uuid` or `unique` selects",
        responses: { "201": { ...checkAnswer, description: "Created" }, "200": { ...checkAnswer, description: "Updated (uuid or unique matched)" }, ...errors(400, 401, 403, 409, 413) },
      },
      handle: (call) => {
        const parsed = call.validate();
        if (!parsed.ok) return parsed.response;
        const project = call.auth!.project;
        const ctx = op();
        const result = createCheck(ctx, project, parsed.data);
        if (!result.ok) return failureResponse(result.failure);
        return render(result.value.check, view(call, project, false, ctx.now), result.value.created ? 201 : 200);
      },
    }),
    route({
      method: "GET",
      path: "/api/v3/checks/:code",
      auth: "read",
      doc: { summary: "Get a check", params: [codeOrKeyParam], responses: { "200": checkAnswer, ...errors(401, 403, 404) } },
      handle: (call) => {
        const found = own(call, { uniqueKey: true });
        if (!found.ok) return failureResponse(found.failure);
        return render(found.value, view(call, call.auth!.project, call.auth!.readOnly, deps.now()));
      },
    }),
    route({
      method: "POST",
      path: "/api/v3/checks/:code",
      auth: "write",
      body: checkFieldsSchema,
      doc: { summary: "Update a check (only the fields given)", params: [codeParam], responses: { "200": checkAnswer, ...errors(400, 401, 403, 404, 409, 413) } },
      handle: (call) => {
        const project = call.auth!.project;
        const found = own(call, { uniqueKey: false });
        if (!found.ok) return failureResponse(found.failure);
        const parsed = call.validate();
        if (!parsed.ok) return parsed.response;
        const ctx = op();
        return answer(call, updateCheck(ctx, project, found.value.uuid, parsed.data), project, ctx.now);
      },
    }),
    route({
      method: "DELETE",
      path: "/api/v3/checks/:code",
      auth: "write",
      doc: { summary: "Delete a check; answers it as it was", params: [codeParam], responses: { "200": checkAnswer, ...errors(401, 403, 404, 409) } },
      handle: (call) => {
        const project = call.auth!.project;
        const found = own(call, { uniqueKey: false });
        if (!found.ok) return failureResponse(found.failure);
        // channels and flips go with the check: read them for the answer first
        const ctx = op();
        const { extras } = store.read((tx) => oneCheck(tx, found.value, ctx.now));
        const result = deleteCheck(ctx, project, found.value.uuid);
        if (!result.ok) return failureResponse(result.failure);
        return json(checkJson(result.value, extras, view(call, project, false, ctx.now)));
      },
    }),
    route({
      method: "POST",
      path: "/api/v3/checks/:code/pause",
      auth: "write",
      doc: { summary: "Pause monitoring", params: [codeParam], responses: { "200": checkAnswer, ...errors(401, 403, 404) } },
      handle: (call) => stateChange(call, pauseCheck),
    }),
    route({
      method: "POST",
      path: "/api/v3/checks/:code/resume",
      auth: "write",
      doc: { summary: "Resume a paused check", params: [codeParam], responses: { "200": checkAnswer, ...errors(401, 403, 404, 409) } },
      handle: (call) => stateChange(call, resumeCheck),
    }),
  ];
}
