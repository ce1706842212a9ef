// The push reporter routes in the OpenAPI document: they are served before the router (the ping
// hot path), so they are described here, with the body schema the handler validates with.
import { z } from "zod";
import type { Documented } from "./api/openapi.ts";
import type { ParamDoc } from "./route.ts";
import { reportBodySchema } from "./reporter-body.ts";

const answer = (description: string, schema: z.ZodType) => ({ description, schema });
const failure = z.object({ ok: z.literal(false), error: z.string() });

export function reporterDocs(): Documented[] {
  const params: ParamDoc[] = [
    { name: "project", in: "path", description: "Project slug (Crisp's service_id)", schema: z.string() },
    { name: "check", in: "path", description: "Slug of a reporter check (Crisp's node_id)", schema: z.string() },
  ];
  const responses = {
    "200": answer('Delivered: exactly {"ok":true}, the only answer Crisp\'s libraries count as delivered', z.object({ ok: z.literal(true) })),
    "400": answer("The body is not JSON, or the field named in `error` is bad", failure),
    "401": answer("Missing or wrong reporter token", failure),
    "404": answer("No such project or check, or the check is not a reporter", failure),
    "413": answer("Body over 1 MB", failure),
  };
  const summary = "Push report of one replica (Crisp/Vigil format). HTTP Basic auth: empty user, the project's reporter token as password";
  return ["/reporter/{project}/{check}", "/v1/report/{project}/{check}/"].map((path) => ({
    method: "POST",
    path,
    auth: "none",
    body: reportBodySchema,
    doc: { summary, params, responses, tag: "pings" },
  }));
}
