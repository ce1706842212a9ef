// A whole Tocsin (real database, real services, real HTTP handling) driven with a settable clock.
import type { Database } from "bun:sqlite";
import { silentLogger } from "../../src/log.ts";
import { createServices, type ServiceConfig } from "../../src/services.ts";
import { insertCheck, type NewCheck } from "../../src/store/check-definitions.ts";
import { type Check, getCheckById } from "../../src/store/checks.ts";
import { createProject, type NewProjectKeys } from "../../src/store/projects.ts";
import { migratedDb, settableClock } from "./db.ts";

export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

export function aWorld(opts: { db?: Database; config?: Partial<ServiceConfig>; start?: number } = {}) {
  const db = opts.db ?? migratedDb();
  const clock = settableClock(opts.start ?? T0);
  const keys: NewProjectKeys = createProject(db, "default", "Default", clock.now(), { pingKey: "pingkeypingkey0001" });
  const config: ServiceConfig = { pingBodyLimit: 100_000, pingLogLimit: 100, trustProxy: false, statusAtRoot: false, ...opts.config };
  const services = createServices({ db, config, log: silentLogger, now: clock.now, batch: { maxBatch: 64, maxDelayMs: 1 }, baseUrl: () => "http://tocsin.test" });
  const addCheck = (c: Partial<NewCheck> = {}): Check => {
    const check = insertCheck(db, { projectId: keys.project.id, uuid: crypto.randomUUID(), name: "job", ...c }, clock.now());
    services.index.upsertCheck(check.id, check);
    return check;
  };
  const request = (path: string, init: RequestInit = {}, addr = "192.0.2.7"): Promise<Response> =>
    services.fetch(new Request(`http://tocsin.test${path}`, init), addr);
  const reload = (c: Pick<Check, "id">): Check => getCheckById(db, c.id)!;
  const pings = (c: Pick<Check, "id">) =>
    db.query("SELECT n, kind, method, remote_addr, ua, body, exit_status, rid, msg, host, series, duration, metrics, scheme FROM pings WHERE check_id = ? ORDER BY n").all(c.id) as {
      n: number;
      kind: string;
      method: string;
      remote_addr: string;
      ua: string;
      body: Uint8Array | null;
      exit_status: number | null;
      rid: string | null;
      msg: string | null;
      host: string | null;
      series: string | null;
      duration: number | null;
      metrics: string | null;
      scheme: string;
    }[];
  const flips = (c: Pick<Check, "id">) =>
    db.query("SELECT old_status, new_status, reason, silent FROM flips WHERE check_id = ? ORDER BY id").all(c.id) as {
      old_status: string;
      new_status: string;
      reason: string;
      silent: number;
    }[];
  return { db, clock, keys, project: keys.project, services, addCheck, request, reload, pings, flips };
}
