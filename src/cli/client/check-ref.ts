// `<uuid|slug>` arguments: a uuid is used as given; a slug is looked up through `?slug=`.
import { isUuid } from "../../http/ping-url.ts";
import { type ApiResult, listChecks, type Server } from "./api.ts";
import { uuidOf } from "./check-json.ts";

export type CheckRef = { readonly by: "uuid"; readonly uuid: string } | { readonly by: "slug"; readonly slug: string };

export function parseCheckRef(text: string): CheckRef | null {
  if (isUuid(text)) return { by: "uuid", uuid: text.toLowerCase() };
  // Healthchecks and Tocsin slugs are lowercase; say so rather than answer "no such check"
  return /^[a-z0-9_-]{1,100}$/.test(text) ? { by: "slug", slug: text } : null;
}

export const CHECK_REF_HINT = "expected a check's uuid or slug (lowercase letters, digits, - and _)";

export async function resolveUuid(server: Server, ref: CheckRef): Promise<ApiResult<string>> {
  if (ref.by === "uuid") return { ok: true, status: 200, value: ref.uuid };
  const found = await listChecks(server, { slug: ref.slug });
  if (!found.ok) return found;
  // older Healthchecks versions ignore ?slug=, so filter here too
  const matches = found.value.filter((c) => c.slug === ref.slug);
  if (matches.length === 0) return { ok: false, error: `no check with slug "${ref.slug}" in this project` };
  if (matches.length > 1) {
    return { ok: false, error: `slug "${ref.slug}" matches ${matches.length} checks (${matches.map((c) => uuidOf(c) ?? "?").join(", ")}); give the uuid` };
  }
  const uuid = uuidOf(matches[0]!);
  return uuid === null ? { ok: false, error: "the API key is read-only: the server does not show uuids to it" } : { ok: true, status: 200, value: uuid };
}
