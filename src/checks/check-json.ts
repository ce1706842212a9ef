// The check as the API shows it (SPEC §6): Healthchecks v3 field names and formats plus Tocsin's
// fields. One schema is the field list of this boundary: it types the builder, describes the
// answers in the OpenAPI document, and is what a webhook's $JSON carries (the read-only shape plus
// the ping URL: never slug URLs, push URLs or keys, which third-party receivers must not get).
import { z } from "zod";
import { effectiveMaxRuntime, expectedAt, firstPingExpectedAt } from "../core/deadline.ts";
import { isoOrNull } from "../core/iso.ts";
import { ruleSchema } from "./rule-schema.ts";
import { displayStatus } from "../core/status.ts";
import type { Uptime } from "../core/uptime.ts";
import type { CronCache } from "../core/cron-cache.ts";
import type { Replica } from "../core/reporter.ts";
import type { Check } from "../store/store.ts";
import { reporterJson, reporterOutputFields } from "./reporter-json.ts";

const nullableIso = z.string().nullable().meta({ description: "ISO 8601, +00:00, second precision" });
const percent = z.number().min(0).max(100).nullable();

export const checkOutputSchema = z.object({
  name: z.string(),
  slug: z.string(),
  tags: z.string(),
  desc: z.string(),
  grace: z.int(),
  n_pings: z.int(),
  status: z.enum(["new", "up", "grace", "down", "paused", "started"]),
  started: z.boolean(),
  last_ping: nullableIso,
  next_ping: nullableIso,
  manual_resume: z.boolean(),
  methods: z.enum(["", "POST"]),
  subject: z.string(),
  subject_fail: z.string(),
  start_kw: z.string(),
  success_kw: z.string(),
  failure_kw: z.string(),
  filter_subject: z.boolean(),
  filter_body: z.boolean(),
  filter_http_body: z.boolean(),
  filter_default_fail: z.boolean(),
  last_duration: z.int().optional().meta({ description: "Seconds the last closed run took" }),
  unique_key: z.string().optional().meta({ description: "Read-only keys only, instead of uuid and URLs" }),
  uuid: z.string().optional(),
  ping_url: z.string().optional(),
  update_url: z.string().optional(),
  pause_url: z.string().optional(),
  resume_url: z.string().optional(),
  channels: z.string().optional().meta({ description: "Comma-separated channel ids" }),
  push_url: z.string().nullable().optional(),
  slug_url: z.string().nullable().optional(),
  badge_url: z.string().optional(),
  email: z.string().optional().meta({ description: "The check's email ping address, when the SMTP listener is on (read-write keys)" }),
  timeout: z.int().optional().meta({ description: "Simple checks" }),
  schedule: z.string().optional().meta({ description: "Cron checks" }),
  tz: z.string().optional().meta({ description: "Cron checks" }),
  max_runtime: z.int().meta({ description: "Effective value: grace when not set" }),
  failure_threshold: z.int(),
  public: z.boolean(),
  group: z.string(),
  reminder_interval: z.int().meta({ description: "0 when off" }),
  muted_until: nullableIso,
  managed: z.boolean().meta({ description: "Declared in the config file: the API cannot change or delete it" }),
  rules: z.array(ruleSchema).meta({ description: "Failure conditions checked on every success (reason rule)" }),
  alert_new: z.boolean().meta({ description: "A new check goes down when its first ping is late" }),
  uptime: z.object({ "1d": percent, "7d": percent, "30d": percent, "90d": percent }).meta({ description: "Percent of monitored time up; null when nothing was monitored" }),
  ...reporterOutputFields,
});

export type CheckJson = z.output<typeof checkOutputSchema>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface JsonContext {
  readonly now: number;
  /** public base URL without a trailing slash */
  readonly baseUrl: string;
  /** read-only keys (and third-party receivers) see `unique_key` instead of uuid and URLs */
  readonly readOnly: boolean;
  /** the ping key of the check's project, for slug_url */
  readonly pingKey: string;
  /** the first domain of the SMTP listener when it is on: the check's email address */
  readonly emailDomain?: string | null;
  readonly crons: CronCache;
}

/** What a check's JSON needs besides the row: its channels and its uptime. */
export interface CheckExtras {
  readonly channelIds: readonly string[];
  readonly uptime: Uptime;
  /** reporter checks: their replicas by id; absent or empty for other checks */
  readonly replicas?: readonly Replica[];
}

/** Healthchecks' read-only identifier: SHA-1 of the first 16 hex digits of the uuid. */
export function uniqueKey(uuid: string): string {
  return Bun.SHA1.hash(uuid.replaceAll("-", "").toLowerCase().slice(0, 16), "hex");
}

export function checkJson(c: Check, extras: CheckExtras, ctx: JsonContext): CheckJson {
  const cron = ctx.crons.forCheck(c);
  const base = ctx.baseUrl;
  const out: Partial<Mutable<CheckJson>> = {
    name: c.name,
    slug: c.slug,
    tags: c.tags,
    desc: c.desc,
    grace: c.grace,
    n_pings: c.nPings,
    status: displayStatus(c, ctx.now, cron),
    started: c.lastStart !== null,
    last_ping: isoOrNull(c.lastPing),
    // a new check with alert_new is expected too: its first ping (SPEC §4)
    next_ping: c.status === "up" ? isoOrNull(expectedAt(c, cron)) : isoOrNull(firstPingExpectedAt(c, cron)),
    manual_resume: c.manualResume,
    methods: c.methods,
    subject: c.filterSubject ? c.successKw : "",
    subject_fail: c.filterSubject ? c.failureKw : "",
    start_kw: c.startKw,
    success_kw: c.successKw,
    failure_kw: c.failureKw,
    filter_subject: c.filterSubject,
    filter_body: c.filterBody,
    filter_http_body: c.filterHttpBody,
    filter_default_fail: c.filterDefaultFail,
  };
  if (c.lastDuration !== null) out.last_duration = Math.round(c.lastDuration);
  if (ctx.readOnly) {
    out.unique_key = uniqueKey(c.uuid);
  } else {
    out.uuid = c.uuid;
    out.ping_url = `${base}/ping/${c.uuid}`;
    out.update_url = `${base}/api/v3/checks/${c.uuid}`;
    out.pause_url = `${base}/api/v3/checks/${c.uuid}/pause`;
    out.resume_url = `${base}/api/v3/checks/${c.uuid}/resume`;
    out.channels = extras.channelIds.join(",");
    out.push_url = c.pushToken === null ? null : `${base}/api/push/${c.pushToken}`;
    out.slug_url = c.slug === "" ? null : `${base}/ping/${ctx.pingKey}/${c.slug}`;
    if (ctx.emailDomain) out.email = `${c.uuid}@${ctx.emailDomain}`;
  }
  if (c.badgeKey !== null) out.badge_url = `${base}/b/3/${c.badgeKey}.svg`;
  if (c.kind === "simple") out.timeout = c.timeout;
  else if (c.kind === "cron") {
    out.schedule = c.schedule;
    out.tz = c.tz;
  }
  out.max_runtime = effectiveMaxRuntime(c);
  out.failure_threshold = c.failureThreshold;
  out.public = c.public;
  out.group = c.group;
  out.reminder_interval = c.reminderInterval ?? 0;
  out.muted_until = isoOrNull(c.mutedUntil);
  out.managed = c.managed;
  out.rules = [...c.rules];
  out.alert_new = c.alertNew;
  out.uptime = extras.uptime;
  if (c.kind === "reporter") Object.assign(out, reporterJson(c, extras.replicas ?? [], ctx.now));
  return out as CheckJson;
}

/** The check in alert payloads ($JSON, webhook bodies): the read-only shape plus the ping URL. */
export function receiverCheckJson(c: Check, extras: CheckExtras, ctx: Omit<JsonContext, "readOnly" | "pingKey">): CheckJson {
  return { ...checkJson(c, extras, { ...ctx, readOnly: true, pingKey: "" }), ping_url: `${ctx.baseUrl}/ping/${c.uuid}` };
}
