// The stored shape of a check (definition columns plus the runtime state the state machine owns),
// the defaults of a new definition, and the mapping from rows. Pure: no database access.
import type { Rule } from "../core/rules.ts";
import type { ReplicaPolicy } from "../core/reporter.ts";
import type { CheckKind, CheckState, CheckStatus } from "../core/types.ts";

/** Definition fields the state machine reads too; declared, with their meaning, in CheckState. */
type StateDefinitionField = "kind" | "timeout" | "schedule" | "tz" | "grace" | "maxRuntime" | "failureThreshold" | "manualResume" | "mutedUntil" | "rules";

/** Every column a user sets (API, config file); the rest of a check is runtime state. */
export interface CheckDefinition extends Pick<CheckState, StateDefinitionField> {
  readonly name: string;
  readonly slug: string;
  readonly tags: string;
  readonly desc: string;
  readonly methods: "" | "POST";
  readonly startKw: string;
  readonly successKw: string;
  readonly failureKw: string;
  readonly filterSubject: boolean;
  readonly filterBody: boolean;
  readonly filterHttpBody: boolean;
  readonly filterDefaultFail: boolean;
  readonly public: boolean;
  readonly group: string;
  readonly pushToken: string | null;
  readonly reminderInterval: number | null;
  /** reporter checks (SPEC §5.2): how the replicas' deadlines combine */
  readonly replicaPolicy: ReplicaPolicy;
  /** reporter checks: load above these shows the check as sick; null: no threshold */
  readonly loadMaxCpu: number | null;
  readonly loadMaxRam: number | null;
  /** a new check goes down when its first ping is late (SPEC §4) */
  readonly alertNew: boolean;
}

/** A stored check: its definition and state-machine view plus identity and bookkeeping. */
export interface Check extends CheckDefinition, CheckState {
  readonly id: number;
  readonly projectId: number;
  readonly uuid: string;
  readonly badgeKey: string | null;
  readonly managed: boolean;
  readonly created: number;
  readonly nPings: number;
  // always known for a stored check (optional in CheckState for the pure core's sake)
  readonly alertNew: boolean;
  readonly newSince: number | null;
}

export interface CheckRow {
  id: number;
  project_id: number;
  uuid: string;
  name: string;
  slug: string;
  tags: string;
  description: string;
  kind: CheckKind;
  timeout: number;
  schedule: string;
  tz: string;
  grace: number;
  max_runtime: number | null;
  failure_threshold: number;
  manual_resume: number;
  methods: "" | "POST";
  start_kw: string;
  success_kw: string;
  failure_kw: string;
  filter_subject: number;
  filter_body: number;
  filter_http_body: number;
  filter_default_fail: number;
  public: number;
  group_name: string;
  push_token: string | null;
  badge_key: string | null;
  reminder_interval: number | null;
  muted_until: number | null;
  managed: number;
  created: number;
  status: CheckStatus;
  last_ping: number | null;
  last_start: number | null;
  last_start_rid: string | null;
  last_start_series: string | null;
  last_duration: number | null;
  n_pings: number;
  fail_streak: number;
  down_at: number | null;
  /** JSON array of rules, validated when written */
  rules: string;
  replica_policy: ReplicaPolicy;
  load_max_cpu: number | null;
  load_max_ram: number | null;
  replicas_due: number | null;
  alert_new: number;
  new_since: number | null;
}

/** The columns behind CheckState: what a query must select for `stateOf`. */
export const STATE_COLUMNS = [
  "kind", "timeout", "schedule", "tz", "grace", "max_runtime", "failure_threshold", "manual_resume",
  "status", "last_ping", "last_start", "last_start_rid", "last_duration", "fail_streak", "down_at", "muted_until",
  "rules", "last_start_series",
  "replicas_due",
  "alert_new", "new_since",
] as const;

export type StateRow = Pick<CheckRow, (typeof STATE_COLUMNS)[number]>;

export function stateOf(r: StateRow): CheckState & { readonly alertNew: boolean; readonly newSince: number | null } {
  return {
    kind: r.kind,
    timeout: r.timeout,
    schedule: r.schedule,
    tz: r.tz,
    grace: r.grace,
    maxRuntime: r.max_runtime,
    failureThreshold: r.failure_threshold,
    manualResume: r.manual_resume === 1,
    status: r.status,
    lastPing: r.last_ping,
    lastStart: r.last_start,
    lastStartRid: r.last_start_rid,
    lastStartSeries: r.last_start_series,
    lastDuration: r.last_duration,
    failStreak: r.fail_streak,
    downAt: r.down_at,
    mutedUntil: r.muted_until,
    rules: rulesOf(r.rules),
    replicasDue: r.replicas_due,
    alertNew: r.alert_new === 1,
    newSince: r.new_since,
  };
}

const NO_RULES: readonly Rule[] = Object.freeze([]);

/** Rules were validated on the way in; most checks have none, and the ping path reads them often. */
function rulesOf(json: string): readonly Rule[] {
  if (json === "[]") return NO_RULES;
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? (parsed as Rule[]) : NO_RULES;
}

export function toCheck(r: CheckRow): Check {
  return {
    ...stateOf(r),
    id: r.id,
    projectId: r.project_id,
    uuid: r.uuid,
    name: r.name,
    slug: r.slug,
    tags: r.tags,
    desc: r.description,
    methods: r.methods,
    startKw: r.start_kw,
    successKw: r.success_kw,
    failureKw: r.failure_kw,
    filterSubject: r.filter_subject === 1,
    filterBody: r.filter_body === 1,
    filterHttpBody: r.filter_http_body === 1,
    filterDefaultFail: r.filter_default_fail === 1,
    public: r.public === 1,
    group: r.group_name,
    pushToken: r.push_token,
    badgeKey: r.badge_key,
    reminderInterval: r.reminder_interval,
    replicaPolicy: r.replica_policy,
    loadMaxCpu: r.load_max_cpu,
    loadMaxRam: r.load_max_ram,
    managed: r.managed === 1,
    created: r.created,
    nPings: r.n_pings,
  };
}


/** What a check is before anything is set: Healthchecks' defaults (1 day period, 1 hour grace). */
export const DEFAULT_DEFINITION: CheckDefinition = {
  name: "",
  slug: "",
  tags: "",
  desc: "",
  kind: "simple",
  timeout: 86_400,
  schedule: "* * * * *",
  tz: "UTC",
  grace: 3_600,
  maxRuntime: null,
  failureThreshold: 1,
  manualResume: false,
  methods: "",
  startKw: "",
  successKw: "",
  failureKw: "",
  filterSubject: false,
  filterBody: false,
  filterHttpBody: false,
  filterDefaultFail: false,
  public: false,
  group: "",
  pushToken: null,
  reminderInterval: null,
  mutedUntil: null,
  rules: NO_RULES,
  replicaPolicy: "any",
  loadMaxCpu: null,
  loadMaxRam: null,
  alertNew: true,
};

/** The definition part of a check (a Check carries more: identity, runtime state). */
export function definitionOf(c: Check): CheckDefinition {
  // spelled out rather than copied by DEFINITION_KEYS: the literal is checked field by field
  return {
    name: c.name,
    slug: c.slug,
    tags: c.tags,
    desc: c.desc,
    kind: c.kind,
    timeout: c.timeout,
    schedule: c.schedule,
    tz: c.tz,
    grace: c.grace,
    maxRuntime: c.maxRuntime,
    failureThreshold: c.failureThreshold,
    manualResume: c.manualResume,
    methods: c.methods,
    startKw: c.startKw,
    successKw: c.successKw,
    failureKw: c.failureKw,
    filterSubject: c.filterSubject,
    filterBody: c.filterBody,
    filterHttpBody: c.filterHttpBody,
    filterDefaultFail: c.filterDefaultFail,
    public: c.public,
    group: c.group,
    pushToken: c.pushToken,
    reminderInterval: c.reminderInterval,
    mutedUntil: c.mutedUntil,
    rules: c.rules,
    replicaPolicy: c.replicaPolicy,
    loadMaxCpu: c.loadMaxCpu,
    loadMaxRam: c.loadMaxRam,
    alertNew: c.alertNew,
  };
}

