// The check JSON of the Healthchecks Management API v3 (which Tocsin answers with the same field
// names): only the fields the client reads are validated; everything else passes through.
import { z } from "zod";
import { isUuid } from "../../http/ping-url.ts";

/** Optional fields the client only copies (import) are dropped, not fatal, when mistyped. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const RemoteCheckSchema = z.looseObject({
  // read-write keys see uuid and URLs; read-only keys see unique_key instead
  uuid: z.string().optional(),
  unique_key: z.string().optional(),
  name: z.string().default(""),
  slug: z.string().default(""),
  tags: z.string().default(""),
  desc: z.string().default(""),
  grace: z.number().optional(),
  timeout: z.number().optional(),
  schedule: z.string().optional(),
  tz: z.string().optional(),
  // Tocsin adds `kind`; Healthchecks implies it by which of timeout/schedule is present
  kind: lenient(z.string()),
  status: z.string().default(""),
  started: lenient(z.boolean()),
  last_ping: z.string().nullable().default(null),
  ping_url: z.string().optional(),
  manual_resume: lenient(z.boolean()),
  methods: lenient(z.string()),
  start_kw: lenient(z.string()),
  success_kw: lenient(z.string()),
  failure_kw: lenient(z.string()),
  filter_subject: lenient(z.boolean()),
  filter_body: lenient(z.boolean()),
  filter_http_body: lenient(z.boolean()),
  filter_default_fail: lenient(z.boolean()),
});

export type RemoteCheck = z.infer<typeof RemoteCheckSchema>;

export const CheckListSchema = z.looseObject({ checks: z.array(RemoteCheckSchema) });

/** The uuid of a check: the `uuid` field (v3) or the last segment of `ping_url` (v1). */
export function uuidOf(check: RemoteCheck): string | null {
  if (check.uuid) return check.uuid.toLowerCase();
  const last = check.ping_url?.split("/").at(-1) ?? "";
  return isUuid(last) ? last.toLowerCase() : null;
}

/** `schedule` wins when the server says nothing else: Healthchecks sends it only for cron checks. */
export function isCron(check: RemoteCheck): boolean {
  if (check.kind === "cron") return true;
  if (check.kind === "simple") return false;
  return check.schedule !== undefined && check.timeout === undefined;
}
