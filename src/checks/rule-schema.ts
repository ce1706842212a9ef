// The schema of a check's rules at the edges (API, config file, dashboard); evaluation is pure
// and lives in src/core/rules.ts, which the ping path loads without zod.
import { z } from "zod";
import { MAX_RULES, METRIC_NAME, RULE_OPS, type Rule } from "../core/rules.ts";

export const ruleSchema = z.object({
  metric: z.string().regex(METRIC_NAME, { error: "must be duration or a metric name of 1-100 letters, digits, _ . or -" }),
  op: z.enum(RULE_OPS, { error: `must be one of ${RULE_OPS.join(" ")}` }),
  // zod 4 numbers are finite: NaN and ±Infinity (1e999 in JSON) are refused
  value: z.number({ error: "must be a finite number" }),
}) satisfies z.ZodType<Rule>;

export const rulesSchema = z.array(ruleSchema).max(MAX_RULES, { error: `at most ${MAX_RULES} rules` });
