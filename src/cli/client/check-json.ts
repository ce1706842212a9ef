// The check JSON of the Healthchecks Management API v3 (which Tocsin answers with the same field
// names): only the fields the client reads are validated; everything else passes through.
import { z } from "zod";
import { isUuid } from "../../core/uuid.ts";

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
  // shown by `checks show` and `checks ls`; Healthchecks sends some of them, Tocsin all
  n_pings: lenient(z.number()),
  next_ping: lenient(z.string().nullable()),
  last_duration: lenient(z.number()),
  max_runtime: lenient(z.number()),
  failure_threshold: lenient(z.number()),
  public: lenient(z.boolean()),
  group: lenient(z.string()),
  reminder_interval: lenient(z.number()),
  muted_until: lenient(z.string().nullable()),
  channels: lenient(z.string()),
  managed: lenient(z.boolean()),
  slug_url: lenient(z.string().nullable()),
  push_url: lenient(z.string().nullable()),
  uptime: lenient(z.record(z.string(), z.number())),
});

export type RemoteCheck = z.infer<typeof RemoteCheckSchema>;

export const CheckListSchema = z.looseObject({ checks: z.array(RemoteCheckSchema) });

export const RemotePingSchema = z.looseObject({
  type: z.string().default(""),
  date: z.string(),
  n: z.number(),
  scheme: lenient(z.string()),
  remote_addr: lenient(z.string().nullable()),
  method: lenient(z.string()),
  ua: lenient(z.string()),
  duration: lenient(z.number()),
  exitstatus: lenient(z.number()),
  msg: lenient(z.string()),
  body_url: lenient(z.string().nullable()),
});
export type RemotePing = z.infer<typeof RemotePingSchema>;
export const PingListSchema = z.looseObject({ pings: z.array(RemotePingSchema) });

export const RemoteFlipSchema = z.looseObject({
  timestamp: z.string(),
  up: lenient(z.number()),
  old_status: lenient(z.string()),
  new_status: lenient(z.string()),
  reason: lenient(z.string()),
});
export type RemoteFlip = z.infer<typeof RemoteFlipSchema>;
export const FlipListSchema = z.looseObject({ flips: z.array(RemoteFlipSchema) });

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
