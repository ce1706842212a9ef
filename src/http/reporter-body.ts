// The body of a push report (SPEC §5.2, Crisp/Vigil's format): `{replica_id, interval, load: {cpu,
// ram}}`, numbers or numeric strings (Crisp documents strings, its libraries send numbers).
import { z } from "zod";
import { REPORT_INTERVAL } from "../core/reporter.ts";
import type { ReplicaReport } from "../store/store.ts";

const NUMERIC = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** A number, or a string holding one, within [min, max]; one message names the rule whatever was wrong. */
function measure(min: number, max: number, unit: string) {
  const rule = `must be a number from ${min} to ${max}${unit}`;
  return z
    .union([z.number(), z.string().max(40)], { error: rule })
    .transform((v, ctx) => {
      const n = typeof v === "number" ? v : NUMERIC.test(v) ? Number(v) : Number.NaN;
      if (Number.isFinite(n) && n >= min && n <= max) return n;
      ctx.addIssue({ code: "custom", message: rule });
      return z.NEVER;
    })
    .meta({ description: `A number or numeric string from ${min} to ${max}${unit}` });
}

export const reportBodySchema = z.object({
  replica_id: z
    .union([z.string().trim().min(1).max(100), z.number().transform(String)], { error: "must be a string of 1 to 100 characters" })
    .meta({ description: "The reporting host, e.g. its IP address" }),
  interval: measure(REPORT_INTERVAL.min, REPORT_INTERVAL.max, " seconds").meta({ description: "Seconds until this replica's next report" }),
  load: z
    .object({
      cpu: measure(0, 1000, "").nullable().optional().meta({ description: "Load average per core (0.00 to about 10.00)" }),
      ram: measure(0, 1, "").nullable().optional().meta({ description: "Fraction of memory used, 0.00 to 1.00" }),
    }, { error: "must be an object {cpu, ram}" })
    .optional(),
}, { error: "must be a JSON object" });

export type ParsedReport = { readonly ok: true; readonly report: ReplicaReport } | { readonly ok: false; readonly error: string };

/** Parses a report body; the error names the first bad field (`interval: must be ...`). */
export function parseReportBody(bytes: Uint8Array | null): ParsedReport {
  let json: unknown;
  try {
    json = JSON.parse(bytes === null ? "" : new TextDecoder().decode(bytes));
  } catch {
    return { ok: false, error: "body: is not valid JSON" };
  }
  const parsed = reportBodySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length === 0 ? "body" : issue.path.join(".");
    return { ok: false, error: `${field}: ${issue.message}` };
  }
  const { replica_id, interval, load } = parsed.data;
  return { ok: true, report: { replicaId: replica_id, interval, cpu: load?.cpu ?? null, ram: load?.ram ?? null } };
}
