// Declared objects ("monitoring as code", SPEC §2): each `[[key]]` array of the config file is
// handled by one DeclaredKind — a zod schema for one entry, optional checks that need no database,
// and an apply step that upserts the entries inside the one write transaction of a (re)load and
// deals with managed objects that left the file. Kinds are listed, in apply order, in kinds.ts.
import type { Tx } from "../store/store.ts";
import type { z } from "zod";
import type { Changes } from "../live/changes.ts";
import type { CronCache } from "../core/cron-cache.ts";

/** One entry of a `[[key]]` array with its position, so messages can say `checks[2]`. */
export interface Declared<T> {
  readonly index: number;
  readonly value: T;
}

/** A problem in the file; `path` is like `checks[2].schedule` or `projects[0]`. */
export interface Problem {
  readonly path: string;
  readonly message: string;
  /** the bad value as the file has it, echoed in the message (never set for secrets) */
  readonly value?: unknown;
  /** e.g. `did you mean "timeout"?` */
  readonly hint?: string;
}

/** A problem of one entry, below the entry's path (`field` absent: the entry as a whole). */
export interface EntryProblem {
  readonly field?: string;
  readonly message: string;
  readonly hint?: string;
}

/** Every section of the file after its schema, by key. */
export interface DeclaredFile {
  /** `prune = true`: objects removed from the file are deleted instead of released */
  readonly prune: boolean;
  readonly sections: ReadonlyMap<string, readonly Declared<unknown>[]>;
}

export interface ValidateContext {
  readonly file: DeclaredFile;
  readonly now: number;
}

export interface EntryContext {
  readonly now: number;
  /** false when some fields failed their schema and are missing from `fields` */
  readonly complete: boolean;
}

export interface ApplyContext {
  readonly tx: Tx;
  readonly crons: CronCache;
  readonly now: number;
  readonly file: DeclaredFile;
  /** record every saved/deleted check and project here; published after the commit */
  readonly changes: Changes;
  /** e.g. "check x left the file and is no longer managed" */
  warn(message: string): void;
  /** a line for stdout, shown once (keys of a project the file just created) */
  secret(line: string): void;
}

export interface DeclaredKind<T> {
  /** the TOML array: `[[checks]]` is "checks" */
  readonly key: string;
  /** one entry; strict, so a misspelt field is reported instead of ignored */
  readonly schema: z.ZodType<T>;
  /** checks across entries or of values that need no database (duplicates, cron, time zones) */
  readonly validate?: (entries: readonly Declared<T>[], ctx: ValidateContext) => Problem[];
  /**
   * Every problem of one entry's values that needs no database. Also called with the fields that
   * passed the schema when others did not, so that one bad field does not hide the rest.
   */
  readonly checkEntry?: (fields: Partial<T>, ctx: EntryContext) => EntryProblem[];
  /**
   * Inside the reload's write transaction: upsert every entry by slug (marking it managed),
   * refuse slugs of objects not created by the file, and delete (prune) or release managed
   * objects that are no longer declared. Runs with an empty list when the section is absent.
   * Any problem returned rolls the whole reload back.
   */
  readonly apply: (ctx: ApplyContext, entries: readonly Declared<T>[]) => Problem[];
}

/** A kind with its entry type erased, for the registry list. */
export type AnyDeclaredKind = DeclaredKind<any>;

/** The entries of another section, typed by the caller (cross-references between kinds). */
export function sectionOf<T>(file: DeclaredFile, key: string): readonly Declared<T>[] {
  return (file.sections.get(key) ?? []) as readonly Declared<T>[];
}

export function at(key: string, index: number, field?: string): string {
  return `${key}[${index}]${field ? `.${field}` : ""}`;
}

/** "checks[2].timeout: must be ..." reads better than repeating the field name. */
export function withoutSubject(message: string, field: string): string {
  if (field === "") return message.replace(/^value /, "");
  return message.startsWith(`${field} `) ? message.slice(field.length + 1) : message;
}
