// Files that ship inside the executable: SQL migrations, the web assets under public/ and the
// documents built from the code under generated/ (the OpenAPI document).
// `bun build --compile --asset=...` places them under /$bunfs/root; from source they sit
// beside src/. Nothing else is ever read from the source tree.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root: string = Bun.embeddedFiles.length > 0 ? "/$bunfs/root" : join(import.meta.dir, "..");

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every `migrations/NNNN_name.sql`, ordered by version. */
export function loadMigrations(dir: string = join(root, "migrations")): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f.slice(5, -4), sql: readFileSync(join(dir, f), "utf8") }));
}

/** A file under public/, or null when there is none. */
export function publicFile(name: string): Blob | null {
  const bytes = embeddedFile("public", name);
  return bytes === null ? null : new Blob([bytes], { type: contentType(name) });
}

/** A file under generated/ as text, or null when there is none. */
export function generatedFile(name: string): string | null {
  return embeddedFile("generated", name)?.toString("utf8") ?? null;
}

/** A file of an embedded folder; names are checked, never joined blindly. */
function embeddedFile(dir: "public" | "generated", name: string): Buffer | null {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name) || name.includes("..")) return null;
  try {
    return readFileSync(join(root, dir, name));
  } catch {
    return null;
  }
}

function contentType(name: string): string {
  const ext = name.slice(name.lastIndexOf(".") + 1);
  const types: Record<string, string> = {
    html: "text/html; charset=utf-8",
    css: "text/css; charset=utf-8",
    js: "text/javascript; charset=utf-8",
    svg: "image/svg+xml",
    png: "image/png",
    ico: "image/x-icon",
    json: "application/json",
  };
  return types[ext] ?? "application/octet-stream";
}
