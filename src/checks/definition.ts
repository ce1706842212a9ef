// The fields of a check definition as the management API and the config file accept them
// (SPEC §3, §6): Healthchecks' v3 names plus Tocsin's own. One zod schema is the source of the
// validation, the inferred types and the OpenAPI document. Every field is optional because an
// update changes only what it names; defaults for a new check live in DEFAULT_DEFINITION
// (store/check-definitions.ts, next to the columns they match).
import { z } from "zod";
import { TIMING_LIMITS } from "../core/deadline.ts";
import { rulesSchema } from "./rule-schema.ts";
import { REPLICA_POLICIES } from "../core/reporter.ts";
import { UUID_PATTERN } from "../core/uuid.ts";

export { UUID_PATTERN };

export const SLUG_PATTERN = /^[a-z0-9_-]*$/;
export const PUSH_TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** reminders more often than every 5 minutes would be noise (SPEC §8) */
export const REMINDER_MIN_SECONDS = 300;
const YEAR_SECONDS = 365 * 86_400;

const seconds = (field: keyof typeof TIMING_LIMITS, description: string) =>
  z.int().meta({ minimum: TIMING_LIMITS[field].min, maximum: TIMING_LIMITS[field].max, description });
const keyword = (description: string) => z.string().max(200).meta({ description });

/** Load thresholds of reporter checks (SPEC §5.2); null or absent: no threshold. */
export const LOAD_LIMITS = { cpu: { min: 0, max: 1000 }, ram: { min: 0, max: 1 } } as const;
const loadMax = z
  .object({
    cpu: z.number().min(LOAD_LIMITS.cpu.min).max(LOAD_LIMITS.cpu.max).nullable().optional().meta({ description: "Load average per core above which the check is sick" }),
    ram: z.number().min(LOAD_LIMITS.ram.min).max(LOAD_LIMITS.ram.max).nullable().optional().meta({ description: "Fraction of memory used (0-1) above which the check is sick" }),
  })
  .nullable()
  .meta({ description: "Reporter checks: load thresholds; a replica reporting more shows the check as sick (no alert). null clears both" });

export const checkFieldsSchema = z
  .object({
    name: z.string().max(100).meta({ description: "Name, at most 100 characters" }),
    slug: z.string().max(100).regex(SLUG_PATTERN).meta({ description: "Unique in the project; [a-z0-9_-], at most 100 characters; \"\" for none" }),
    tags: z.string().max(500).meta({ description: "Space-separated tags" }),
    desc: z.string().max(10_000).meta({ description: "Description" }),
    timeout: seconds("timeout", "Seconds between pings; makes the check a simple check"),
    grace: seconds("grace", "Seconds after the expected time before the check goes down"),
    schedule: z.string().max(100).meta({ description: "Cron expression; makes the check a cron check" }),
    tz: z.string().max(64).meta({ description: "IANA time zone of the schedule, default UTC" }),
    max_runtime: z.int().meta({ minimum: 0, maximum: TIMING_LIMITS.max_runtime.max, description: "Seconds a started run may take; 0 follows grace" }),
    failure_threshold: z.int().meta({ minimum: TIMING_LIMITS.failure_threshold.min, maximum: TIMING_LIMITS.failure_threshold.max, description: "Consecutive failures before the check goes down" }),
    manual_resume: z.boolean().meta({ description: "A paused check ignores pings until resumed through the API" }),
    methods: z.enum(["", "POST"]).meta({ description: "\"POST\" ignores pings sent with other HTTP methods" }),
    start_kw: keyword("Comma-separated keywords that make an email a start"),
    success_kw: keyword("Comma-separated keywords that make an email a success"),
    failure_kw: keyword("Comma-separated keywords that make an email a failure"),
    subject: keyword("Legacy: sets success_kw and turns on filter_subject"),
    subject_fail: keyword("Legacy: sets failure_kw and turns on filter_subject"),
    filter_subject: z.boolean().meta({ description: "Look for keywords in email subjects" }),
    filter_body: z.boolean().meta({ description: "Look for keywords in email bodies" }),
    filter_http_body: z.boolean().meta({ description: "Look for keywords in HTTP ping bodies" }),
    filter_default_fail: z.boolean().meta({ description: "A message matching no keyword is a failure instead of being ignored" }),
    public: z.boolean().meta({ description: "Shown on the public status page" }),
    group: z.string().max(100).meta({ description: "Status page section" }),
    reminder_interval: z.int().min(0).max(YEAR_SECONDS).meta({ description: `Repeat alerts while down every N seconds (>= ${REMINDER_MIN_SECONDS}); 0 turns reminders off` }),
    muted_until: z.string().max(40).meta({ description: "Alerts are held until this ISO 8601 instant; \"\" unmutes" }),
    push_token: z.string().regex(PUSH_TOKEN_PATTERN).meta({ description: "Token of the Uptime Kuma push URL; generated when absent" }),
    rules: rulesSchema.meta({
      description: "Failure conditions checked on every success, e.g. [{\"metric\":\"rows_processed\",\"op\":\"<\",\"value\":1}]: metric is duration or a name from the ping's metrics; a match makes the success a failure (reason rule); [] for none",
    }),
    kind: z.enum(["simple", "cron", "reporter"]).meta({ description: "\"reporter\" makes a push reporter check (SPEC §5.2); otherwise schedule makes a cron check and timeout a simple one" }),
    replica_policy: z.enum(REPLICA_POLICIES).meta({ description: "Reporter checks: `any` (default) is down when one replica is late, `all` only when every replica is" }),
    load_max: loadMax,
    alert_new: z.boolean().meta({ description: "A new check goes down when its first ping is late, counted from its creation or resume (default true; false waits for the first ping forever, as Healthchecks does)" }),
    channels: z
      .union([z.string(), z.array(z.string())])
      .meta({ description: "\"*\" (all), \"\" (none), or channel ids or unique names, comma-separated or as an array" }),
  })
  .partial();

export type CheckFields = z.output<typeof checkFieldsSchema>;

export const UNIQUE_FIELDS = ["name", "slug", "tags", "timeout", "grace"] as const;
export type UniqueField = (typeof UNIQUE_FIELDS)[number];

/** Creation through the API may also name the uuid (imports) and the fields that make it an upsert. */
export const createCheckSchema = checkFieldsSchema.extend({
  uuid: z.string().regex(UUID_PATTERN).meta({ description: "Ping id to use (e.g. when importing); an existing check of the project with it is updated" }).optional(),
  unique: z.array(z.enum(UNIQUE_FIELDS)).meta({ description: "Update the first check whose listed fields equal the given ones instead of creating one" }).optional(),
});

export type CreateCheckFields = z.output<typeof createCheckSchema>;
