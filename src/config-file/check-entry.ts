// One `[[checks]]` entry: the API's check fields (src/checks/definition.ts) with durations as
// people type them ("5m", "1h30m"), and every problem of its values found at once.
import { z } from "zod";
import { checkFieldsSchema, type CheckFields, UUID_PATTERN } from "../checks/definition.ts";
import { mergeDefinition } from "../checks/merge.ts";
import { isValidTimeZone } from "../core/cron.ts";
import { DEFAULT_DEFINITION } from "../store/check-model.ts";
import { tomlDuration, zoneHint } from "../core/field-values.ts";
import { PROJECT_SLUG } from "./projects.ts";
import { type EntryProblem, withoutSubject } from "./registry.ts";

export const checkEntrySchema = checkFieldsSchema
  .extend({
    project: z.string().regex(PROJECT_SLUG).default("default"),
    // required here: the slug is what a reload matches declared checks by
    slug: z.string().regex(/^[a-z0-9_-]{1,100}$/),
    uuid: z.string().regex(UUID_PATTERN).optional(),
    timeout: z.optional(tomlDuration),
    grace: z.optional(tomlDuration),
    max_runtime: z.optional(tomlDuration),
    reminder_interval: z.optional(tomlDuration),
  })
  .strict();

export type CheckEntry = z.output<typeof checkEntrySchema>;

/** The definition fields of an entry (without project and uuid, which are not definition). */
export function fieldsOf(e: Partial<CheckEntry>): CheckFields {
  const { project: _p, uuid: _u, ...fields } = e;
  return fields;
}

/**
 * Every problem of the entry's values: each field is merged on its own (the schedule with its
 * zone), so a bad timeout does not hide a bad schedule; then all of them together, for what
 * depends on several fields at once.
 */
export function checkEntryProblems(entry: Partial<CheckEntry>, now: number): EntryProblem[] {
  const fields = fieldsOf(entry);
  const problems: EntryProblem[] = [];
  const reported = new Set<string>();
  const attempt = (subset: CheckFields): void => {
    const merged = mergeDefinition(DEFAULT_DEFINITION, subset, now);
    if (merged.ok || reported.has(merged.field)) return;
    reported.add(merged.field);
    const hint = merged.field === "tz" ? zoneHint(fields.tz) : "";
    problems.push({ field: merged.field, message: withoutSubject(merged.message, merged.field), ...(hint ? { hint } : {}) });
  };
  for (const [key, value] of Object.entries(fields)) {
    if (key !== "schedule") attempt({ [key]: value });
  }
  if (fields.schedule !== undefined) {
    // a bad zone is reported on tz; the schedule is still checked, in UTC
    const tz = fields.tz !== undefined && isValidTimeZone(fields.tz) ? fields.tz : undefined;
    attempt({ schedule: fields.schedule, tz });
  }
  if (problems.length === 0) attempt(fields);
  return problems;
}
