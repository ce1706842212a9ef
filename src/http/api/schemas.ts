// The JSON shapes the checks API answers with, as zod schemas: they type the builders in
// check-json.ts and describe the answers in the OpenAPI document, so the two cannot drift.
import { z } from "zod";
import type { ParamDoc, ResponseDoc } from "../route.ts";

export { checkOutputSchema } from "../../checks/check-json.ts";

export const pingOutputSchema = z.object({
  type: z.enum(["success", "start", "fail", "log", "ign"]),
  date: z.string(),
  n: z.int(),
  scheme: z.string(),
  remote_addr: z.string(),
  method: z.string(),
  ua: z.string(),
  rid: z.string().nullable(),
  duration: z.number().optional(),
  body_url: z.string().optional(),
  exitstatus: z.int().optional(),
  msg: z.string().optional(),
  host: z.string().optional(),
  series: z.string().optional(),
  env: z.string().optional().meta({ description: "Cronitor's environment" }),
  metrics: z.record(z.string(), z.number()).optional(),
});

export const flipOutputSchema = z.object({
  timestamp: z.string().meta({ description: "When the (first) change took effect" }),
  up: z.union([z.literal(0), z.literal(1)]),
  old_status: z.string(),
  new_status: z.string(),
  reason: z.string(),
  changes: z.int().optional().meta({ description: "Only on a row that folds several changes of one minute (flapping): how many" }),
  last_change: z.string().optional().meta({ description: "With changes: when the last of them took effect" }),
});

export const errorSchema = z.object({ error: z.string() });

/** `{"error": ...}` answers for `statuses`, each described by `texts`. */
export function errorAnswers(texts: Readonly<Record<number, string>>, ...statuses: number[]): Record<string, ResponseDoc> {
  return Object.fromEntries(statuses.map((s) => [String(s), { schema: errorSchema, description: texts[s] ?? "Error" }]));
}

export const codeParam: ParamDoc = { name: "code", in: "path", description: "Check uuid (any letter case)", schema: z.string() };
export const codeOrKeyParam: ParamDoc = { name: "code", in: "path", description: "Check uuid, or its unique_key (read-only keys)", schema: z.string() };
