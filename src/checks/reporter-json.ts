// What a reporter check's JSON adds (SPEC §5.2): its policy and thresholds, whether it is sick
// (a replica reports load above a threshold: shown, never alerted), and its replicas.
import { z } from "zod";
import { iso as isoOf } from "../core/iso.ts";
import { isOverloaded, isReplicaLate, overloadedReplicas, REPLICA_POLICIES, type Replica, replicaDueAt } from "../core/reporter.ts";
import type { Check } from "../store/store.ts";

const iso = z.string().meta({ description: "ISO 8601, +00:00, second precision" });
const load = z.object({ cpu: z.number().nullable(), ram: z.number().nullable() });

export const replicaOutputSchema = z.object({
  replica_id: z.string(),
  last_report: iso,
  interval: z.number().meta({ description: "Seconds until its next report, as it announced" }),
  next_report: iso.meta({ description: "When its next report is due; it is late grace seconds after" }),
  late: z.boolean().meta({ description: "Past its own deadline (last report + interval + grace)" }),
  sick: z.boolean().meta({ description: "Its last reported load is above the check's load_max" }),
  load,
});

/** Fields of the check JSON that only reporter checks carry. */
export const reporterOutputFields = {
  kind: z.literal("reporter").optional().meta({ description: "Reporter checks only (simple and cron checks are told apart by timeout and schedule)" }),
  replica_policy: z.enum(REPLICA_POLICIES).optional().meta({ description: "Reporter checks: any = down when one replica is late; all = only when every replica is" }),
  load_max: load.optional().meta({ description: "Reporter checks: load thresholds; null = none" }),
  sick: z.boolean().optional().meta({ description: "Reporter checks: a replica reports load above load_max; shown as degraded, never alerted" }),
  replicas: z.array(replicaOutputSchema).optional().meta({ description: "Reporter checks: replicas that reported in the last 7 days" }),
};

type ReporterJson = { -readonly [K in keyof typeof reporterOutputFields]-?: z.output<(typeof reporterOutputFields)[K]> };

export function reporterJson(c: Check, replicas: readonly Replica[], now: number): ReporterJson {
  const max = { cpu: c.loadMaxCpu, ram: c.loadMaxRam };
  const sick = new Set(overloadedReplicas(replicas, max).map((r) => r.id));
  return {
    kind: "reporter",
    replica_policy: c.replicaPolicy,
    load_max: max,
    sick: isOverloaded(replicas, max),
    replicas: replicas.map((r) => ({
      replica_id: r.id,
      last_report: isoOf(r.lastReport),
      interval: r.interval,
      next_report: isoOf(replicaDueAt(r)),
      late: isReplicaLate(r, c.grace, now),
      sick: sick.has(r.id),
      load: { cpu: r.load.cpu, ram: r.load.ram },
    })),
  };
}
