// Pieces shared by the messages and schemas of the config file and the settings (SPEC §10): the
// duration syntax people type, the bad value echoed back, and suggestions for typos.
import * as z from "zod/mini";
import { parseDuration } from "./duration.ts";
import { didYouMean, nearest, nearestZone } from "./nearest.ts";

/** Seconds, from a TOML integer or a text such as "5m" or "1h30m". */
export const tomlDuration = z.pipe(
  z.unknown(),
  z.transform((value, ctx): number => {
    const parsed = parseDuration(value);
    if (parsed.ok) return parsed.seconds;
    ctx.issues.push({ code: "custom", message: parsed.error, input: value });
    return z.NEVER;
  }),
);

const ECHO_CHARS = 60;

/** A value from the file or the environment as it appears in a message: `"Europe/Berln"`, `0`. */
export function echoValue(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : instantText(value) ?? jsonText(value);
  return text.length > ECHO_CHARS ? `${text.slice(0, ECHO_CHARS - 1)}…` : text;
}

/** TOML date-times arrive as Date or Temporal objects. */
function instantText(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object" && value !== null && typeof (value as { epochMilliseconds?: unknown }).epochMilliseconds === "number") return String(value);
  return null;
}

function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `did you mean "timeout"?` for a misspelt key, or "". */
export function keyHint(key: string, known: Iterable<string>): string {
  return didYouMean(nearest(key, known));
}

/** `did you mean "Europe/Berlin"?` for a misspelt IANA zone, or "". */
export function zoneHint(tz: unknown): string {
  return typeof tz === "string" ? didYouMean(nearestZone(tz, Intl.supportedValuesOf("timeZone"))) : "";
}
