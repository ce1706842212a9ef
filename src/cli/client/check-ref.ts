// `<ref>` arguments of the check commands: a uuid, a slug, or a name. A uuid is fetched as given;
// a slug is looked up with `?slug=`; anything else (and a slug no check has) is matched against
// the names of the project's checks, exactly and then ignoring case. Several matches are an
// error that lists them; no match suggests the nearest slug or name.
import { nearest } from "../../core/nearest.ts";
import { isUuid } from "../../core/uuid.ts";
import { getCheck, listChecks, type Server } from "./api.ts";
import { type RemoteCheck, uuidOf } from "./check-json.ts";
import { type Resolved, SLUG } from "./options.ts";

export const CHECK_REF_HELP = "<ref> is the check's uuid, slug or name (quote a name with spaces).";

export async function findCheck(server: Server, ref: string): Promise<Resolved<RemoteCheck>> {
  if (ref.trim() === "") return { ok: false, error: "the check's uuid, slug or name is empty" };
  if (isUuid(ref)) {
    const got = await getCheck(server, ref.toLowerCase());
    return got.ok ? { ok: true, value: got.value } : got;
  }
  if (SLUG.test(ref)) {
    const bySlug = await listChecks(server, { slug: ref });
    if (!bySlug.ok) return bySlug;
    // older Healthchecks versions ignore ?slug=, so filter here too
    const found = bySlug.value.filter((c) => c.slug === ref);
    if (found.length > 0) return pickCheck(ref, found);
  }
  const all = await listChecks(server);
  return all.ok ? pickCheck(ref, all.value) : all;
}

/** The uuid of the check `ref` names, for the calls that need one (read-write keys see it). */
export async function findCheckUuid(server: Server, ref: string): Promise<Resolved<{ readonly check: RemoteCheck; readonly uuid: string }>> {
  const found = await findCheck(server, ref);
  if (!found.ok) return found;
  const uuid = uuidOf(found.value);
  return uuid === null ? { ok: false, error: "the API key is read-only: the server shows no uuids to it; use a read-write key" } : { ok: true, value: { check: found.value, uuid } };
}

/** Among `checks`: by slug, then by name, then by name ignoring case. */
export function pickCheck(ref: string, checks: readonly RemoteCheck[]): Resolved<RemoteCheck> {
  const lower = ref.toLowerCase();
  const rounds = [(c: RemoteCheck) => c.slug === ref, (c: RemoteCheck) => c.name === ref, (c: RemoteCheck) => c.name.toLowerCase() === lower];
  for (const matches of rounds) {
    const found = checks.filter(matches);
    if (found.length === 1) return { ok: true, value: found[0]! };
    if (found.length > 1) return { ok: false, error: `"${ref}" matches ${found.length} checks: ${found.map(describe).join("; ")}; give the uuid or slug of one` };
  }
  const guess = nearest(ref, [...checks.map((c) => c.slug).filter((s) => s !== ""), ...checks.map((c) => c.name).filter((n) => n !== "")]);
  return { ok: false, error: `no check with uuid, slug or name "${ref}" in this project${guess ? `; did you mean "${guess}"?` : ""}` };
}

function describe(c: RemoteCheck): string {
  return `"${c.name}" (slug ${c.slug || "-"}, ${uuidOf(c) ?? c.unique_key ?? "?"})`;
}
