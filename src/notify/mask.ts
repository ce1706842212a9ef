// Secrets in channel settings are never returned in full (SPEC §6): enough is shown to tell two
// apart, never enough to use one.

/** "****" plus the last 4 characters of long values; short values are hidden entirely. */
export function maskSecret(value: string): string {
  return value.length >= 16 ? `****${value.slice(-4)}` : "****";
}

/** A URL whose path or query is the secret (Slack, Discord, Teams hooks): origin and a hint. */
export function maskUrl(value: string): string {
  try {
    const u = new URL(value);
    // never the user info: the origin leaves it out, and so does the rest
    const rest = `${u.pathname}${u.search}${u.hash}`;
    return rest.length > 1 ? `${u.origin}/${maskSecret(rest)}` : u.origin;
  } catch {
    return maskSecret(value);
  }
}

/** A URL a user chose (webhooks, self-hosted servers): user name, password and query values hidden, path kept. */
export function maskUrlCredentials(value: string): string {
  try {
    const u = new URL(value);
    if (u.username) u.username = "****";
    if (u.password) u.password = "****";
    for (const key of [...u.searchParams.keys()]) u.searchParams.set(key, "****");
    return u.toString();
  } catch {
    return maskSecret(value);
  }
}

/** Headers whose values describe the request rather than authorise it; every other value is hidden. */
const PLAIN_HEADERS = new Set(["accept", "accept-language", "content-language", "content-type", "user-agent"]);

export function maskHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, PLAIN_HEADERS.has(k.toLowerCase()) ? v : maskSecret(v)]));
}

/** The `keys` masked, and credentials in any http(s) URL value hidden (a self-hosted server's user:password@). */
export function maskKeys(settings: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(settings)) {
    if (typeof v !== "string" || v === "") out[k] = v;
    else if (keys.includes(k)) out[k] = maskSecret(v);
    else out[k] = /^https?:\/\//i.test(v) ? maskUrlCredentials(v) : v;
  }
  return out;
}

/** Settings that no longer parse: nothing is known about which values are secret, so no text is shown. */
export function maskEverything(value: unknown): unknown {
  if (typeof value === "string") return value === "" ? "" : "****";
  if (Array.isArray(value)) return value.map(maskEverything);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskEverything(v)]));
  return value;
}
