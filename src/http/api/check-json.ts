// JSON of a check's pings and flips (SPEC §6), typed by the schemas the OpenAPI document shows.
// Ping dates keep milliseconds when they have them; other instants have second precision.
import type { z } from "zod";
import { iso, isoPrecise } from "../../core/iso.ts";
import type { StoredFlip, StoredPing } from "../../store/store.ts";
import type { flipOutputSchema, pingOutputSchema } from "./schemas.ts";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function pingJson(p: StoredPing, uuid: string, baseUrl: string): z.output<typeof pingOutputSchema> {
  const out: Mutable<z.output<typeof pingOutputSchema>> = {
    type: p.kind,
    date: isoPrecise(p.created),
    n: p.n,
    scheme: p.scheme,
    remote_addr: p.remoteAddr,
    method: p.method,
    ua: p.ua,
    rid: p.rid,
  };
  if (p.duration !== null) out.duration = p.duration;
  if (p.bodySize > 0) out.body_url = `${baseUrl}/api/v3/checks/${uuid}/pings/${p.n}/body`;
  if (p.exitStatus !== null) out.exitstatus = p.exitStatus;
  if (p.msg !== null) out.msg = p.msg;
  if (p.host !== null) out.host = p.host;
  if (p.series !== null) out.series = p.series;
  if (p.env !== null) out.env = p.env;
  if (p.metrics !== null) out.metrics = p.metrics;
  return out;
}

export function flipJson(f: StoredFlip): z.output<typeof flipOutputSchema> {
  const out: Mutable<z.output<typeof flipOutputSchema>> = {
    timestamp: iso(f.created),
    up: f.newStatus === "up" ? 1 : 0,
    old_status: f.oldStatus,
    new_status: f.newStatus,
    reason: f.reason,
  };
  // a flapping minute folded into one row (SPEC §3) says so; single changes keep Healthchecks' shape
  if (f.changes > 1) {
    out.changes = f.changes;
    out.last_change = iso(f.lastChange);
  }
  return out;
}
