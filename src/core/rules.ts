// Rules (SPEC §4, Crontify's silent failures): failure conditions checked on every success, such as
// `rows_processed < 1` (the job ran but did nothing) or `duration < 2` (it finished too fast).
// A matching rule turns the success into a failure with reason `rule` (src/core/transition.ts).
// Pure evaluation for the state machine; the edges' schema is src/checks/rule-schema.ts.

export const RULE_OPS = ["<", "<=", ">", ">=", "==", "!="] as const;
export type RuleOp = (typeof RULE_OPS)[number];

/** The run's duration in seconds (client-reported, else paired with its start). */
export const DURATION_METRIC = "duration";
/** A check states few failure conditions; the bound keeps every success's work small. */
export const MAX_RULES = 20;
/** What a metric may be called, in rules and in the pings that report them. */
export const METRIC_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** A failure condition: `metric op value`, e.g. `rows_processed < 1`. */
export interface Rule {
  readonly metric: string;
  readonly op: RuleOp;
  readonly value: number;
}

/** What a success tells the rules. */
export interface RuleFacts {
  /** seconds the run took (reported wins over paired); null when unknown */
  readonly duration: number | null;
  /** the ping's numeric metrics; null when it carried none */
  readonly metrics: Readonly<Record<string, number>> | null;
}

export interface RuleMatch {
  readonly rule: Rule;
  /** the value the rule saw */
  readonly seen: number;
  /** `rows_processed < 1: got 0`, for the ping log and the alert */
  readonly message: string;
}

const COMPARE: Record<RuleOp, (seen: number, value: number) => boolean> = {
  "<": (seen, value) => seen < value,
  "<=": (seen, value) => seen <= value,
  ">": (seen, value) => seen > value,
  ">=": (seen, value) => seen >= value,
  "==": (seen, value) => seen === value,
  "!=": (seen, value) => seen !== value,
};

/**
 * The first rule, in the order given, whose condition holds; null when none does. A rule about a
 * metric the ping does not carry (or a duration nobody knows) matches nothing: a job that stops
 * reporting a metric is not failed for it. `==` and `!=` compare exactly.
 */
export function evaluateRules(rules: readonly Rule[], facts: RuleFacts): RuleMatch | null {
  for (const rule of rules) {
    const seen = valueOf(rule.metric, facts);
    if (seen !== null && COMPARE[rule.op](seen, rule.value)) {
      return { rule, seen, message: `${describeRule(rule)}: got ${formatNumber(seen)}` };
    }
  }
  return null;
}

/** `rows_processed < 1` */
export function describeRule(rule: Rule): string {
  return `${rule.metric} ${rule.op} ${formatNumber(rule.value)}`;
}

/**
 * Integers as written (0, 1500), other numbers to 6 significant digits without trailing zeros
 * (1.5, 0.000123, 3.14159), so a message stays short whatever the client sent.
 */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(6)));
}

function valueOf(metric: string, facts: RuleFacts): number | null {
  if (metric === DURATION_METRIC) return finite(facts.duration);
  const metrics = facts.metrics;
  // own properties only: a rule on "constructor" must not read Object.prototype
  if (metrics === null || !Object.hasOwn(metrics, metric)) return null;
  return finite(metrics[metric]);
}

function finite(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
