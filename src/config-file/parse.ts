// Validation of the declared objects of a config file without touching the database. Every
// problem of every entry is listed (SPEC §10): an unknown key is reported with the nearest known
// one and does not stop the other fields from being read; each field is parsed on its own, so
// one bad field does not hide another; the kind's own checks run on whatever fields passed; then
// each kind's cross-entry checks. Bad values are echoed, except those that may be secrets.
import type { z } from "zod";
import { describeIssue } from "../checks/field-errors.ts";
import type { DeclaredTables } from "../config.ts";
import { echoValue, keyHint } from "../core/field-values.ts";
import { type AnyDeclaredKind, at, type Declared, type DeclaredFile, type Problem, withoutSubject } from "./registry.ts";

export type ParseResult = { readonly ok: true; readonly file: DeclaredFile } | { readonly ok: false; readonly problems: Problem[] };

/** Fields whose values may be credentials: named in messages, never echoed. */
const NOT_ECHOED = new Set(["settings", "api_key", "ping_key", "push_token", "api_key_sha256", "read_only_api_key_sha256", "password", "password_hash"]);

export function parseDeclared(tables: DeclaredTables, kinds: readonly AnyDeclaredKind[], now: number): ParseResult {
  const problems: Problem[] = [];
  const prune = tables.prune ?? false;
  if (typeof prune !== "boolean") problems.push({ path: "prune", message: "must be true or false", value: prune });
  const sections = new Map<string, Declared<unknown>[]>();
  // every section of DECLARED_KEYS has its kind (test/config-file/declared-alerts.test.ts)
  for (const kind of kinds) {
    const key = kind.key;
    const raw: unknown = (tables as Readonly<Record<string, unknown>>)[key];
    if (raw === undefined) continue;
    if (!Array.isArray(raw)) {
      problems.push({ path: key, message: `must be an array of tables: [[${key}]]` });
      continue;
    }
    const entries: Declared<unknown>[] = [];
    raw.forEach((item: unknown, index) => {
      const read = readEntry(kind, index, item);
      problems.push(...read.problems);
      if (read.value !== undefined) entries.push({ index, value: read.value });
      if (kind.checkEntry && read.fields !== null) {
        for (const p of kind.checkEntry(read.fields, { now, complete: read.value !== undefined })) problems.push(entryProblem(kind.key, index, item, p.field, p.message, p.hint));
      }
    });
    sections.set(key, entries);
  }
  const file: DeclaredFile = { prune: prune === true, sections };
  for (const kind of kinds) {
    const entries = sections.get(kind.key);
    if (entries && kind.validate) problems.push(...kind.validate(entries, { file, now }));
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, file };
}

interface EntryRead {
  readonly problems: Problem[];
  /** the whole entry through the kind's schema, when every field passed */
  readonly value: unknown;
  /** the fields that passed their own schema (all of them when `value` is set) */
  readonly fields: Record<string, unknown> | null;
}

function readEntry(kind: AnyDeclaredKind, index: number, item: unknown): EntryRead {
  const path = at(kind.key, index);
  if (typeof item !== "object" || item === null || Array.isArray(item)) return { problems: [{ path, message: "must be a table" }], value: undefined, fields: null };
  const raw = item as Record<string, unknown>;
  const shape = shapeOf(kind.schema);
  if (shape === null) return wholeEntry(kind, index, raw, []);
  const problems: Problem[] = [];
  const known = Object.keys(shape);
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(shape, key)) problems.push({ path, message: `unknown key "${key}"`, ...hintOf(keyHint(key, known)) });
  }
  const fields: Record<string, unknown> = {};
  let fieldsOk = true;
  for (const key of known) {
    const parsed = shape[key]!.safeParse(raw[key]);
    if (parsed.success) {
      if (parsed.data !== undefined) fields[key] = parsed.data;
      continue;
    }
    fieldsOk = false;
    for (const issue of parsed.error.issues) problems.push(issueProblem(kind.key, index, raw, { ...issue, path: [key, ...issue.path] }));
  }
  if (!fieldsOk) return { problems, value: undefined, fields };
  // the known fields only: an unknown key is already reported, and must not hide the rest
  const given = Object.fromEntries(known.filter((k) => Object.hasOwn(raw, k)).map((k) => [k, raw[k]]));
  return wholeEntry(kind, index, given, problems);
}

/** The entry through the kind's schema as a whole (object-level rules, and schemas without a shape). */
function wholeEntry(kind: AnyDeclaredKind, index: number, raw: Record<string, unknown>, problems: Problem[]): EntryRead {
  const parsed = kind.schema.safeParse(raw);
  if (parsed.success) return { problems, value: parsed.data, fields: parsed.data as Record<string, unknown> };
  for (const issue of parsed.error.issues) problems.push(issueProblem(kind.key, index, raw, issue));
  return { problems, value: undefined, fields: null };
}

function shapeOf(schema: z.ZodType): Readonly<Record<string, z.ZodType>> | null {
  const shape = (schema as { shape?: unknown }).shape;
  return typeof shape === "object" && shape !== null ? (shape as Record<string, z.ZodType>) : null;
}

function issueProblem(key: string, index: number, raw: Record<string, unknown>, issue: Parameters<typeof describeIssue>[0]): Problem {
  const { field, message } = describeIssue(issue);
  const nested = issue.path.slice(1).map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  const path = at(key, index, field === "" ? undefined : `${field}${nested}`);
  if (field !== "" && issue.path.length === 1 && raw[field] === undefined) return { path, message: "is required" };
  const shown = issue.path.length === 1 ? { value: raw[field] } : {};
  return { path, message: issue.path.length > 1 ? issueTextOf(message, field) : withoutSubject(message, field), ...(NOT_ECHOED.has(field) ? {} : shown) };
}

/** "an item in 'channels' is not a string" reads as "is not a string" after `channels[1]:`. */
function issueTextOf(message: string, field: string): string {
  return message.replace(`an item in '${field}' `, "");
}

function entryProblem(key: string, index: number, raw: unknown, field: string | undefined, message: string, hint: string | undefined): Problem {
  const head = field?.split(".")[0];
  const value = head !== undefined && !NOT_ECHOED.has(head) && typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>)[head] : undefined;
  return { path: at(key, index, field), message, ...(value !== undefined ? { value } : {}), ...hintOf(hint) };
}

function hintOf(hint: string | undefined): { hint?: string } {
  return hint ? { hint } : {};
}

/** `tocsin.toml: checks[2].tz = "Europe/Berln": is not a valid timezone; did you mean "Europe/Berlin"?` */
export function formatProblem(fileName: string, p: Problem): string {
  const value = p.value === undefined ? "" : ` = ${echoValue(p.value)}`;
  return `${fileName}: ${p.path}${value}: ${p.message}${p.hint ? `; ${p.hint}` : ""}`;
}
