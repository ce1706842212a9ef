// Slugs made from what other clients call their monitors (SPEC §5, §5.1). Pure.

/** Slugs are at most this long (SPEC §0). */
export const MAX_SLUG = 100;

/**
 * A Cronitor monitor key as a slug: lowercase, every character outside `[a-z0-9_-]` becomes `-`
 * (one per code point), so `Nightly Backup` and `nightly-backup` ping the same check. Null when
 * nothing is left or the key is longer than a slug may be.
 */
export function slugOfKey(key: string): string | null {
  const slug = key.toLowerCase().replace(/[^a-z0-9_-]/gu, "-");
  // only ASCII is left, so length counts characters
  return slug === "" || slug.length > MAX_SLUG ? null : slug;
}

/**
 * A readable slug from a name (StatusRooster's "lowercase + hyphens"): runs of other characters
 * become one `-`, none at either end; "" when the name has no letters or digits.
 */
export function slugify(name: string, max: number = MAX_SLUG): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9_]+/g, "-").replace(/^-+|-+$/g, "");
  return slug.slice(0, max).replace(/-+$/, "");
}
