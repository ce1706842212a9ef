// `[[channels]]` and `[[maintenance]]` are declared the same way, so one piece of code applies
// both: an entry is keyed by `name` within its `project` (slug, default "default"); it is upserted
// and marked managed (its id, and so its assignments, survive reloads); a name taken by an object
// created through the API is refused; managed objects that left the file are released with a
// warning, or deleted with `prune = true`. Each kind says how to validate and store its entries.
import type { Tx } from "../store/store.ts";
import type { z } from "zod";
import { type ApplyContext, at, type Declared, type DeclaredKind, type EntryContext, type EntryProblem, type Problem } from "./registry.ts";

export interface NamedEntry {
  readonly name: string;
  readonly project: string;
}

/** A stored object that may be declared by name. */
export interface NamedRow {
  readonly id: string;
  readonly projectId: number;
  readonly name: string;
  readonly managed: boolean;
}

/** An entry's value after validation, or why it is refused (`field` below the entry's path). */
export type Checked<V> = { readonly ok: true; readonly value: V } | { readonly ok: false; readonly field?: string; readonly message: string };

export interface NamedKind<E extends NamedEntry, V> {
  /** the TOML array: "channels" */
  readonly key: string;
  /** in messages: "channel", "maintenance window" */
  readonly noun: string;
  /** one entry, without the database (also what `tocsin check-config` runs) */
  readonly check: (entry: E) => Checked<V>;
  /** every problem of one entry, when the kind can tell more than `check`'s first one */
  readonly entryProblems?: (fields: Partial<E>, ctx: EntryContext) => EntryProblem[];
  readonly find: (tx: Tx, projectId: number, name: string) => NamedRow | null;
  /** returns the new object's id */
  readonly insert: (tx: Tx, projectId: number, value: V, now: number) => string;
  /** rewrites the object in place, managed */
  readonly update: (tx: Tx, id: string, value: V) => void;
  readonly listManaged: (tx: Tx) => readonly NamedRow[];
  readonly release: (tx: Tx, id: string) => void;
  readonly remove: (tx: Tx, id: string) => void;
}

export interface NamedApplyContext {
  readonly tx: Tx;
  readonly now: number;
  readonly prune: boolean;
  /** the project's id, or null when there is no such project */
  readonly projectId: (slug: string) => number | null;
  readonly warn: (message: string) => void;
}

export interface NamedApplied {
  readonly problems: Problem[];
  /** projects whose objects were written, released or deleted */
  readonly touched: ReadonlySet<number>;
}

/**
 * The loader's registry entry for a named kind. `applied` runs in the same transaction after a
 * successful apply, with the projects whose objects changed.
 */
export function namedDeclaredKind<E extends NamedEntry, V>(
  kind: NamedKind<E, V>,
  schema: z.ZodType<E>,
  applied: (ctx: ApplyContext, touched: ReadonlySet<number>) => void = () => {},
): DeclaredKind<E> {
  return {
    key: kind.key,
    schema,
    validate: (entries) => validateNamed(kind, entries),
    ...(kind.entryProblems ? { checkEntry: kind.entryProblems } : {}),
    apply: (ctx, entries) => {
      const projectId = (slug: string): number | null => ctx.tx.findProjectBySlug(slug)?.id ?? null;
      const result = applyNamed(kind, { tx: ctx.tx, now: ctx.now, prune: ctx.file.prune, projectId, warn: (m) => ctx.warn(m) }, entries);
      if (result.problems.length === 0) applied(ctx, result.touched);
      return result.problems;
    },
  };
}

/** Problems found without the database: each entry's own, and names declared twice in a project. */
export function validateNamed<E extends NamedEntry, V>(kind: NamedKind<E, V>, entries: readonly Declared<E>[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  for (const { index, value: e } of entries) {
    const key = `${e.project}\n${e.name}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push({ path: at(kind.key, index, "name"), message: alreadyDeclared(kind.key, e, first) });
    else seen.set(key, index);
    if (kind.entryProblems) continue;
    const checked = kind.check(e);
    if (!checked.ok) problems.push({ path: at(kind.key, index, checked.field), message: checked.message });
  }
  return problems;
}

/** Inside the reload's write transaction: upserts every entry, then releases or prunes the rest. */
export function applyNamed<E extends NamedEntry, V>(kind: NamedKind<E, V>, ctx: NamedApplyContext, entries: readonly Declared<E>[]): NamedApplied {
  const { tx } = ctx;
  const problems: Problem[] = [];
  const declared = new Set<string>();
  const touched = new Set<number>();
  const seen = new Map<string, number>();
  for (const { index, value: e } of entries) {
    const path = (field?: string): string => at(kind.key, index, field);
    const projectId = ctx.projectId(e.project);
    if (projectId === null) {
      problems.push({ path: path("project"), message: `unknown project "${e.project}"` });
      continue;
    }
    const key = `${projectId}\n${e.name}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ path: path("name"), message: alreadyDeclared(kind.key, e, first) });
      continue;
    }
    seen.set(key, index);
    const checked = kind.check(e);
    if (!checked.ok) {
      problems.push({ path: path(checked.field), message: checked.message });
      continue;
    }
    const existing = kind.find(tx, projectId, e.name);
    if (existing && !existing.managed) {
      problems.push({ path: path("name"), message: `"${e.name}" is already used by a ${kind.noun} created through the API` });
      continue;
    }
    if (existing) {
      kind.update(tx, existing.id, checked.value);
      declared.add(existing.id);
    } else {
      declared.add(kind.insert(tx, projectId, checked.value, ctx.now));
    }
    touched.add(projectId);
  }
  if (problems.length > 0) return { problems, touched };
  for (const row of kind.listManaged(tx)) {
    if (declared.has(row.id)) continue;
    touched.add(row.projectId);
    if (ctx.prune) kind.remove(tx, row.id);
    else {
      kind.release(tx, row.id);
      ctx.warn(`${kind.noun} "${row.name}" left the config file and is no longer managed`);
    }
  }
  return { problems, touched };
}

function alreadyDeclared(key: string, e: NamedEntry, first: number): string {
  return `"${e.name}" is already declared by ${at(key, first)}`;
}

/** Project ids by slug, as a map or a function (the standalone form below). */
export type ProjectLookup = ReadonlyMap<string, number> | ((slug: string) => number | null | undefined);

/** What the standalone form answers: problems as "channels[i].field: message", and warnings. */
export interface ApplyResult {
  readonly errors: string[];
  readonly warnings: string[];
}

/** applyNamed outside the config-file loader, for entries already through the kind's schema. */
export function applyNamedStandalone<E extends NamedEntry, V>(
  kind: NamedKind<E, V>,
  tx: Tx,
  entries: readonly E[],
  projects: ProjectLookup,
  now: number,
  prune: boolean,
): ApplyResult & Pick<NamedApplied, "touched"> {
  const warnings: string[] = [];
  const projectId = (slug: string): number | null => (typeof projects === "function" ? projects(slug) : projects.get(slug)) ?? null;
  const applied = applyNamed(kind, { tx, now, prune, projectId, warn: (m) => warnings.push(m) }, entries.map((value, index) => ({ index, value })));
  return { errors: applied.problems.map((p) => `${p.path}: ${p.message}`), warnings, touched: applied.touched };
}
