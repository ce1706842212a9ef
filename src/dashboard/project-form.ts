// The project settings form both ways (SPEC §6 `GET/POST /api/v3/project`, §9): the stored
// settings as the form's fields, and a posted form as the API's body, validated by the API's
// schema (projectFieldsSchema) and turned into the patch changeProjectSettings takes by the API's
// own patchOf and passwordHashOf. The status page password is write-only: an empty input keeps
// it, "remove" clears it, and a new one follows the password rules and is stored as an argon2id
// hash.
import type { ProjectPatch } from "../checks/project-settings.ts";
import { describeIssue } from "../checks/field-errors.ts";
import { passwordHashOf, patchOf, projectFieldsSchema } from "../http/api/project.ts";
import type { Project } from "../store/store.ts";
import type { FieldErrors } from "./form-kit.ts";

export const REMOVE_PASSWORD = "remove_password";

export function projectValues(p: Project): URLSearchParams {
  const s = p.statusPage;
  const v = new URLSearchParams({ name: p.name, status_page: s.mode, title: s.title, description: s.description, logo_url: s.logoUrl, tz: s.tz, password: "" });
  if (p.pingAuth) v.set("ping_auth", "on");
  if (p.pingCreate) v.set("ping_create", "on");
  return v;
}

export type ProjectFromForm = { readonly ok: true; readonly patch: ProjectPatch } | { readonly ok: false; readonly errors: FieldErrors };

/** The change a posted form asks for; hashing a new password is the slow (asynchronous) part. */
export async function patchOfForm(form: URLSearchParams): Promise<ProjectFromForm> {
  const text = (k: string) => (form.get(k) ?? "").trim();
  const password = form.get("password") ?? "";
  const body = {
    name: text("name"),
    ping_auth: form.has("ping_auth"),
    ping_create: form.has("ping_create"),
    status_page: text("status_page"),
    title: text("title"),
    description: (form.get("description") ?? "").replace(/\r\n/g, "\n").trim(),
    logo_url: text("logo_url"),
    tz: text("tz") || "UTC",
    ...(form.has(REMOVE_PASSWORD) ? { password: "" } : password === "" ? {} : { password }),
  };
  const parsed = projectFieldsSchema.safeParse(body);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const e = describeIssue(issue, { value: body[issue.path[0] as keyof typeof body] });
      errors[e.field] ??= e.message;
    }
    return { ok: false, errors };
  }
  const hashed = await passwordHashOf(parsed.data.password);
  if (!hashed.ok) return { ok: false, errors: { password: `password: ${hashed.error}` } };
  const patch = patchOf(parsed.data, hashed.hash);
  return { ok: true, patch };
}
