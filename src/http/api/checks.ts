// Management API: checks (SPEC §6), Healthchecks v3 paths, methods, fields and status codes.
// The OpenAPI document and /metrics are served from here too, so createApp needs one `.use()`.
import { Elysia } from "elysia";
import { checkFieldsSchema, createCheckSchema } from "../../checks/definition.ts";
import { firstFieldError } from "../../checks/field-errors.ts";
import { createCheck, deleteCheck, type OperationContext, pauseCheck, resumeCheck, updateCheck } from "../../checks/operations.ts";
import type { CheckResult } from "../../checks/result.ts";
import { type Check, listChecksOfProject } from "../../store/checks.ts";
import type { Project } from "../../store/projects.ts";
import { apiError, authenticate } from "./auth.ts";
import { checkReadRoutes, resolveCheck } from "./check-reads.ts";
import { checkJson, type JsonContext, loadExtras } from "./check-json.ts";
import { type ApiCall, endpoint, failureResponse, json } from "./check-request.ts";
import type { ApiDeps } from "./context.ts";
import { metricsRoute } from "./metrics.ts";
import { openApiRoute } from "./openapi.ts";

export function checksApi(deps: ApiDeps) {
  const h = handlers(deps);
  const routes = {
    "/api/v3/checks/": endpoint({ GET: h.list, POST: h.create }),
    "/api/v3/checks/:code": endpoint({ GET: h.get, POST: h.update, DELETE: h.remove }),
    "/api/v3/checks/:code/pause": endpoint({ POST: h.pause }),
    "/api/v3/checks/:code/resume": endpoint({ POST: h.resume }),
    ...checkReadRoutes(deps),
  };
  let app = new Elysia({ name: "checks-api" });
  for (const [path, handle] of Object.entries(routes)) app = app.all(path, handle, { parse: "none" });
  return app.use(openApiRoute(deps)).use(metricsRoute(deps));
}

function handlers(deps: ApiDeps) {
  const op = (): OperationContext => ({ db: deps.db, crons: deps.crons, now: deps.now(), live: deps });
  const view = (project: Project, readOnly: boolean, now: number): JsonContext => ({ now, baseUrl: deps.baseUrl(), readOnly, pingKey: project.pingKey, crons: deps.crons });
  const render = (c: Check, ctx: JsonContext, status = 200): Response => json(checkJson(c, loadExtras(deps.db, c, ctx.now), ctx), status);
  const answer = (result: CheckResult<Check>, project: Project, now: number): Response =>
    result.ok ? render(result.value, view(project, false, now)) : failureResponse(result.failure);
  /** 404/403 come before body validation, as in Healthchecks */
  const ownCheck = (call: ApiCall, project: Project): CheckResult<Check> => resolveCheck(deps.db, project, call.params.code ?? "", false);

  return {
    list: (call: ApiCall): Response => {
      const auth = authenticate(deps.db, call.req, undefined, "read");
      if (!auth.ok) return auth.response;
      const tags = new Set(call.url.searchParams.getAll("tag"));
      const slug = call.url.searchParams.get("slug");
      const ctx = view(auth.project, auth.readOnly, deps.now());
      const checks = listChecksOfProject(deps.db, auth.project.id, slug === null ? {} : { slug }).filter((c) => hasTags(c, tags));
      return json({ checks: checks.map((c) => checkJson(c, loadExtras(deps.db, c, ctx.now), ctx)) });
    },
    create: (call: ApiCall): Response => {
      const auth = authenticate(deps.db, call.req, call.body, "write");
      if (!auth.ok) return auth.response;
      const parsed = createCheckSchema.safeParse(call.body);
      if (!parsed.success) return apiError(400, `json validation error: ${firstFieldError(parsed.error).message}`);
      const ctx = op();
      const result = createCheck(ctx, auth.project, parsed.data);
      if (!result.ok) return failureResponse(result.failure);
      return render(result.value.check, view(auth.project, false, ctx.now), result.value.created ? 201 : 200);
    },
    get: (call: ApiCall): Response => {
      const auth = authenticate(deps.db, call.req, undefined, "read");
      if (!auth.ok) return auth.response;
      const found = resolveCheck(deps.db, auth.project, call.params.code ?? "", true);
      if (!found.ok) return failureResponse(found.failure);
      return render(found.value, view(auth.project, auth.readOnly, deps.now()));
    },
    update: (call: ApiCall): Response => {
      const auth = authenticate(deps.db, call.req, call.body, "write");
      if (!auth.ok) return auth.response;
      const found = ownCheck(call, auth.project);
      if (!found.ok) return failureResponse(found.failure);
      const parsed = checkFieldsSchema.safeParse(call.body);
      if (!parsed.success) return apiError(400, `json validation error: ${firstFieldError(parsed.error).message}`);
      const ctx = op();
      return answer(updateCheck(ctx, auth.project, found.value.uuid, parsed.data), auth.project, ctx.now);
    },
    remove: (call: ApiCall): Response => {
      const auth = authenticate(deps.db, call.req, call.body, "write");
      if (!auth.ok) return auth.response;
      const found = ownCheck(call, auth.project);
      if (!found.ok) return failureResponse(found.failure);
      // channels and flips go with the check: read them for the answer first
      const ctx = op();
      const extras = loadExtras(deps.db, found.value, ctx.now);
      const result = deleteCheck(ctx, auth.project, found.value.uuid);
      if (!result.ok) return failureResponse(result.failure);
      return json(checkJson(result.value, extras, view(auth.project, false, ctx.now)));
    },
    pause: (call: ApiCall): Response => stateChange(call, pauseCheck),
    resume: (call: ApiCall): Response => stateChange(call, resumeCheck),
  };

  function stateChange(call: ApiCall, fn: typeof pauseCheck): Response {
    const auth = authenticate(deps.db, call.req, call.body, "write");
    if (!auth.ok) return auth.response;
    const found = ownCheck(call, auth.project);
    if (!found.ok) return failureResponse(found.failure);
    const ctx = op();
    return answer(fn(ctx, auth.project, found.value.uuid), auth.project, ctx.now);
  }
}

/** Healthchecks' tag filter: every requested tag is one of the check's space-separated tags. */
function hasTags(c: Check, wanted: ReadonlySet<string>): boolean {
  if (wanted.size === 0) return true;
  const tags = new Set(c.tags.split(" ").filter((t) => t !== ""));
  for (const t of wanted) if (!tags.has(t)) return false;
  return true;
}
