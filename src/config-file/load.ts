// Loading the declared objects of the config file: at start, on SIGHUP, and (without the database)
// for `tocsin check-config`. A load is all or nothing: every kind applies inside one IMMEDIATE
// transaction and any problem rolls all of it back, so a broken edit never half-applies.
import { Changes } from "../live/changes.ts";
import { republishProjects } from "./republish.ts";
import type { Publish } from "../live/publish.ts";
import { type DeclaredTables, declaredTables, readConfigFile } from "../config.ts";
import type { Logger } from "../log.ts";
import type { CronCache } from "../core/cron-cache.ts";
import type { Store, Tx } from "../store/store.ts";

import { DECLARED_KINDS } from "./kinds.ts";
import { formatProblem, parseDeclared } from "./parse.ts";
import type { AnyDeclaredKind, ApplyContext, Problem } from "./registry.ts";

export interface DeclaredDeps {
  readonly store: Store;
  readonly crons: CronCache;
  readonly now: () => number;
  /** the post-commit path; at start, before the services exist, nowhere (they load from the database) */
  readonly publish: Publish;
  readonly log: Logger;
  /** stdout: keys of projects the file creates, shown once */
  readonly out: (line: string) => void;
  readonly kinds?: readonly AnyDeclaredKind[];
}

export type LoadResult =
  | { readonly ok: true; readonly warnings: readonly string[]; readonly declared: Readonly<Record<string, number>> }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Every problem of the declared objects that can be found without a database. */
export function validateDeclared(tables: DeclaredTables, fileName: string, now: number, kinds: readonly AnyDeclaredKind[] = DECLARED_KINDS): string[] {
  const parsed = parseDeclared(tables, kinds, now);
  return parsed.ok ? [] : parsed.problems.map((p) => formatProblem(fileName, p));
}

const ROLLBACK = Symbol("rollback");

export function applyDeclared(deps: DeclaredDeps, tables: DeclaredTables, fileName: string): LoadResult {
  const kinds = deps.kinds ?? DECLARED_KINDS;
  const now = deps.now();
  const parsed = parseDeclared(tables, kinds, now);
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map((p) => formatProblem(fileName, p)) };
  const changes = new Changes();
  const warnings: string[] = [];
  const secrets: string[] = [];
  const problems: Problem[] = [];
  const ctx = (tx: Tx): ApplyContext => ({
    tx,
    crons: deps.crons,
    now,
    file: parsed.file,
    changes,
    warn: (m) => warnings.push(m),
    secret: (line) => secrets.push(line),
  });
  try {
    deps.store.write((tx) => {
      const apply = ctx(tx);
      for (const kind of kinds) {
        problems.push(...kind.apply(apply, parsed.file.sections.get(kind.key) ?? []));
        // later kinds refer to earlier ones: stop at the first kind that failed
        if (problems.length > 0) throw ROLLBACK;
      }
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
    return { ok: false, problems: problems.map((p) => formatProblem(fileName, p)) };
  }
  deps.publish(changes);
  for (const line of secrets) deps.out(line);
  for (const w of warnings) deps.log.warn(w, { file: fileName });
  const declared = Object.fromEntries(kinds.map((k) => [k.key, parsed.file.sections.get(k.key)?.length ?? 0]));
  deps.log.info("config file applied", { file: fileName, ...declared });
  return { ok: true, warnings, declared };
}

/**
 * SIGHUP: projects created or re-keyed by `tocsin projects` reach the ping index, then the file is
 * read again and its declared objects applied. Other settings need a restart.
 */
export function reloadConfigFile(deps: DeclaredDeps, configFile: string | null, readFile: (path: string) => string): LoadResult {
  republishProjects(deps.store, deps.publish);
  if (configFile === null) return { ok: true, warnings: [], declared: {} };
  const read = readConfigFile(configFile, readFile);
  if (!read.ok) return { ok: false, problems: [read.error] };
  return applyDeclared(deps, declaredTables(read.table), configFile);
}
