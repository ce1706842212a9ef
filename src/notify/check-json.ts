// The check as Healthchecks' API shows it (SPEC §6), for $JSON in webhook templates. Only the
// fields a receiver can use; keys and ping capabilities other than the check's URL are left out.
import type { Check } from "../store/store.ts";
import { formatInZone } from "../core/cron.ts";

const iso = (ms: number): string => formatInZone(ms, "UTC");

export function checkJson(c: Check, baseUrl: string): Record<string, unknown> {
  const json: Record<string, unknown> = {
    name: c.name,
    slug: c.slug,
    tags: c.tags,
    desc: c.desc,
    grace: c.grace,
    n_pings: c.nPings,
    status: c.status,
    started: c.lastStart !== null,
    last_ping: c.lastPing === null ? null : iso(c.lastPing),
    last_duration: c.lastDuration,
    manual_resume: c.manualResume,
    methods: c.methods,
    failure_threshold: c.failureThreshold,
    uuid: c.uuid,
    ping_url: `${baseUrl}/ping/${c.uuid}`,
  };
  if (c.kind === "cron") {
    json.schedule = c.schedule;
    json.tz = c.tz;
  } else {
    json.timeout = c.timeout;
  }
  return json;
}
