// A whole Tocsin (real database, real services, real HTTP handling) driven with a settable clock.
import { type Logger, silentLogger } from "../../src/log.ts";
import { createServices, type ServiceConfig } from "../../src/services.ts";
import { definitionOf } from "../../src/store/check-model.ts";
import type { Check, CheckDefinition, InspectTable, NewCheck, NewProjectKeys, ProjectSettings, Store } from "../../src/store/store.ts";
import { directTx, migratedStore, settableClock } from "./db.ts";

export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

export interface PingRow {
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
}

const PING_COLUMNS = ["n", "kind", "method", "remote_addr", "ua", "body", "exit_status", "rid", "msg", "host", "series", "duration", "metrics", "scheme"] as const;

export interface FlipRow {
  old_status: string;
  new_status: string;
  reason: string;
  silent: number;
}

export function aWorld(opts: { store?: Store; config?: Partial<ServiceConfig>; start?: number; log?: Logger; baseUrl?: string } = {}) {
  const store = opts.store ?? migratedStore();
  const clock = settableClock(opts.start ?? T0);
  const keys: NewProjectKeys = store.write((tx) => tx.createProject("default", "Default", clock.now(), { pingKey: "pingkeypingkey0001" }));
  const config: ServiceConfig = { pingBodyLimit: 100_000, pingLogLimit: 100, trustProxy: false, statusAtRoot: false, ...opts.config };
  const services = createServices({ store, config, log: opts.log ?? silentLogger, now: clock.now, batch: { maxBatch: 64, maxDelayMs: 1 }, baseUrl: () => opts.baseUrl ?? "http://tocsin.test" });
  const addCheck = (c: Partial<NewCheck> = {}): Check => {
    const check = store.write((tx) => tx.insertCheck({ projectId: keys.project.id, uuid: crypto.randomUUID(), name: "job", ...c }, clock.now()));
    services.index.upsertCheck(check.id, check);
    return check;
  };
  const request = (path: string, init: RequestInit = {}, addr = "192.0.2.7"): Promise<Response> =>
    services.fetch(new Request(`http://tocsin.test${path}`, init), addr);
  const reload = (c: Pick<Check, "id">): Check => store.read((tx) => tx.getCheckById(c.id))!;
  const rows = (table: InspectTable) => store.read((tx) => tx.tableRows(table));
  /** The check's stored pings, oldest first, as rows. */
  const pings = (c: Pick<Check, "id">): PingRow[] =>
    rows("pings")
      .filter((r) => r.check_id === c.id)
      .map((r) => Object.fromEntries(PING_COLUMNS.map((k) => [k, r[k]])) as unknown as PingRow);
  /** The check's flips, oldest first. */
  const flips = (c: Pick<Check, "id">): FlipRow[] =>
    rows("flips")
      .filter((r) => r.check_id === c.id)
      .map((r) => ({ old_status: r.old_status as string, new_status: r.new_status as string, reason: r.reason as string, silent: r.silent as number }));
  /** How many rows a table holds. */
  const count = (table: InspectTable): number => store.read((tx) => tx.countRows(table));
  /** Changes the default project's settings in the store and the ping index, as a reload would. */
  const setProject = (s: Partial<ProjectSettings>): void => {
    const p = store.read((tx) => tx.getProjectById(keys.project.id))!;
    const next = { name: p.name, pingAuth: p.pingAuth, pingCreate: p.pingCreate, checkLimit: p.checkLimit, ...s };
    store.write((tx) => tx.updateProjectSettings(p.id, next));
    services.index.upsertProject({ ...p, ...next });
  };
  /** Rewrites definition fields of a stored check (its deadline is left as stored). */
  const setDefinition = (c: Pick<Check, "id">, fields: Partial<CheckDefinition>): Check => {
    const current = reload(c);
    return store.write((tx) => tx.updateCheckDefinition(c.id, { ...definitionOf(current), ...fields }, current.downAt));
  };
  /** Overwrites runtime state of a stored check, as another writer would. */
  const setState = (c: Pick<Check, "id">, fields: Partial<Check>): void => {
    const current = reload(c);
    store.write((tx) => tx.saveStateIf(c.id, current, { ...current, ...fields }));
  };
  /** store functions for test set-up and inspection; each call commits on its own */
  const tx = directTx(store);
  return { store, tx, clock, keys, project: keys.project, services, addCheck, request, reload, rows, pings, flips, count, setProject, setDefinition, setState };
}
