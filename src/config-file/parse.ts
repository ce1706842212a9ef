// Validation of the declared objects of a config file without touching the database: shape of
// every entry (all problems, not the first), then each kind's own cross-entry checks.
import type { DeclaredTables } from "../config.ts";
import { describeIssue } from "../checks/field-errors.ts";
import { type AnyDeclaredKind, at, type Declared, type DeclaredFile, type Problem, withoutSubject } from "./registry.ts";

export type ParseResult = { readonly ok: true; readonly file: DeclaredFile } | { readonly ok: false; readonly problems: Problem[] };

export function parseDeclared(tables: DeclaredTables, kinds: readonly AnyDeclaredKind[], now: number): ParseResult {
  const problems: Problem[] = [];
  const prune = tables.prune ?? false;
  if (typeof prune !== "boolean") problems.push({ path: "prune", message: "must be true or false" });
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
      const parsed = kind.schema.safeParse(item);
      if (parsed.success) entries.push({ index, value: parsed.data });
      else for (const issue of parsed.error.issues) problems.push(issueProblem(key, index, item, issue));
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

function issueProblem(key: string, index: number, item: unknown, issue: Parameters<typeof describeIssue>[0]): Problem {
  const { field, message } = describeIssue(issue);
  const raw = typeof item === "object" && item !== null ? (item as Record<string, unknown>) : null;
  if (raw === null) return { path: at(key, index), message: "must be a table" };
  if (field !== "" && issue.path.length === 1 && raw[field] === undefined) return { path: at(key, index, field), message: "is required" };
  return { path: at(key, index, field || undefined), message: withoutSubject(message, field) };
}


export function formatProblem(fileName: string, p: Problem): string {
  return `${fileName}: ${p.path}: ${p.message}`;
}
