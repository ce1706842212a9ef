// A check as StatusRooster shows a heartbeat monitor (SPEC §5.1, seeds/statusrooster-api.txt).
import { z } from "zod";
import { iso as isoOf, isoOrNull } from "../../core/iso.ts";
import type { CheckStatus } from "../../core/types.ts";
import type { MonitorSummary } from "../../views/monitors.ts";
import { monitorWindowSchema } from "./monitor-fields.ts";

const iso = z.string().nullable().meta({ description: "ISO 8601, +00:00" });

export const monitorOutputSchema = z.object({
  id: z.string().meta({ description: "The check's uuid" }),
  monitor_type: z.literal("heartbeat"),
  name: z.string(),
  status: z.enum(["pending", "up", "down", "paused"]).meta({ description: "pending until the first ping" }),
  ping_url: z.string().meta({ description: "<base>/api/ping/<id>?token=<push token>" }),
  url: z.string().meta({ description: "The ping URL, as StatusRooster answers for heartbeats" }),
  heartbeat_interval: z.int().nullable().meta({ description: "Seconds between pings; null for a cron check" }),
  heartbeat_grace_period: z.int(),
  uptime_percent: z.number().meta({ description: "Over the last 30 days; 100 before anything was monitored" }),
  checks_total: z.int().meta({ description: "Pings received" }),
  checks_failed: z.int().meta({ description: "Times the monitor went down" }),
  last_checked: iso.meta({ description: "The last ping" }),
  public: z.boolean(),
  paused: z.boolean(),
  group: z.string(),
  slug: z.string(),
  maintenance_windows: z.array(monitorWindowSchema),
  created_at: z.string(),
});

export type MonitorJson = z.output<typeof monitorOutputSchema>;

const STATUS: Readonly<Record<CheckStatus, MonitorJson["status"]>> = { new: "pending", up: "up", down: "down", paused: "paused" };

export function monitorJson(m: MonitorSummary, baseUrl: string): MonitorJson {
  const c = m.check;
  const ping = `${baseUrl}/api/ping/${c.uuid}${c.pushToken === null ? "" : `?token=${encodeURIComponent(c.pushToken)}`}`;
  const uptime = m.extras.uptime["30d"];
  return {
    id: c.uuid,
    monitor_type: "heartbeat",
    name: c.name,
    status: STATUS[c.status],
    ping_url: ping,
    url: ping,
    heartbeat_interval: c.kind === "simple" ? c.timeout : null,
    heartbeat_grace_period: c.grace,
    uptime_percent: uptime === null ? 100 : Math.round(uptime * 100) / 100,
    checks_total: c.nPings,
    checks_failed: m.downs,
    last_checked: isoOrNull(c.lastPing),
    public: c.public,
    paused: c.status === "paused",
    group: c.group,
    slug: c.slug,
    maintenance_windows: [...m.windows],
    created_at: isoOf(c.created),
  };
}
