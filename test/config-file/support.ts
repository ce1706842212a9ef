// Declared objects loaded like the daemon loads them, into a whole Tocsin with a settable clock.
import { declaredTables } from "../../src/config.ts";
import { applyDeclared } from "../../src/config-file/load.ts";
import type { Logger } from "../../src/log.ts";
import { anApi } from "../checks/api.ts";

export const tables = (toml: string) => declaredTables(Bun.TOML.parse(toml) as Record<string, unknown>);

/** A world whose declared objects are loaded like the daemon does, with logs and stdout captured. */
export function aConfiguredWorld() {
  const a = anApi();
  const warnings: string[] = [];
  const out: string[] = [];
  const log: Logger = { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} };
  const deps = {
    store: a.store,
    crons: a.services.crons,
    now: a.clock.now,
    // as the daemon's SIGHUP reload (the notifier is not started: tests run it with runDue())
    publish: a.services.publish,
    log,
    out: (line: string) => out.push(line),
  };
  const apply = (toml: string) => applyDeclared(deps, tables(toml), "tocsin.toml");
  const checkBySlug = async (slug: string) => (await a.call("GET", `/api/v3/checks/?slug=${slug}`)).json.checks[0];
  return { ...a, apply, deps, warnings, out, checkBySlug };
}
