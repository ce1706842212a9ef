// The fields of a maintenance window as the API and the config file accept them (SPEC §3, §8):
// one-off `start`/`end`, or a `cron` start in `tz` lasting `duration` seconds; checks selected by
// `slugs` or `tags`. Both edges parse with these schemas; what a window means is core/maintenance.ts.
import { z } from "zod";
import type { WindowInput } from "../core/maintenance.ts";

const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/** UNIX seconds → epoch ms. */
const unixSeconds = z.number().int().min(0).transform((s) => s * 1000);

/** ISO 8601 with an offset or Z → epoch ms. */
const isoInstant = z
  .string()
  .regex(OFFSET, "must be a date-time with a time zone offset, or UNIX seconds")
  .transform((s, ctx) => {
    const ms = Date.parse(s);
    if (Number.isNaN(ms)) ctx.addIssue({ code: "custom", message: "is not a valid date-time" });
    return ms;
  });

/** An instant in JSON: ISO 8601 with an offset, or UNIX seconds → epoch ms. */
export const jsonInstant = z.union([unixSeconds, isoInstant]);

/**
 * An instant in TOML: also a date-time with an offset, which Bun parses to a Temporal.Instant
 * (or a Date); a local date-time has no instant and is refused.
 */
export const tomlInstant = z.union([
  unixSeconds,
  z.date().transform((d) => d.getTime()),
  isoInstant,
  z
    .custom<{ epochMilliseconds: number }>((v) => typeof v === "object" && v !== null && typeof (v as { epochMilliseconds?: unknown }).epochMilliseconds === "number", {
      message: "must be a date-time with a time zone offset",
    })
    .transform((v) => v.epochMilliseconds),
]);

/** Slugs or tags: an array, or one string separated by spaces or commas. */
const names = z.union([z.string().transform((s) => s.split(/[\s,]+/).filter((t) => t !== "")), z.array(z.string().min(1).max(100))]);

/** The window fields other than its name, with the instant syntax of the edge. */
export function windowFieldsSchema(instant: typeof jsonInstant | typeof tomlInstant) {
  return z.object({
    start: instant.optional().meta({ description: "One-off window: its start, a date-time with an offset or UNIX seconds" }),
    end: instant.optional().meta({ description: "One-off window: its end (exclusive)" }),
    cron: z.string().min(1).max(200).optional().meta({ description: "Recurring window: opens at every fire of this cron expression" }),
    tz: z.string().max(100).default("UTC").meta({ description: "IANA time zone of cron" }),
    duration: z.number().int().optional().meta({ description: "Recurring window: seconds it lasts" }),
    slugs: names.default([]).meta({ description: "Check slugs (array, or separated by spaces or commas); \"*\" selects every check" }),
    tags: names.default([]).meta({ description: "Checks with any of these tags" }),
  });
}

type WindowFields = z.output<ReturnType<typeof windowFieldsSchema>> & { readonly name: string };

/** The parsed fields as core/maintenance.ts validates them. */
export function windowInput(f: WindowFields): WindowInput {
  return { name: f.name, start: f.start ?? null, end: f.end ?? null, cron: f.cron ?? null, tz: f.tz, duration: f.duration ?? null, slugs: f.slugs, tags: f.tags };
}
