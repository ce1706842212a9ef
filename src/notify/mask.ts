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
    const rest = value.slice(u.origin.length);
    return rest.length > 1 ? `${u.origin}/${maskSecret(rest)}` : u.origin;
  } catch {
    return maskSecret(value);
  }
}

/** A URL a user chose (webhooks): credentials and query values hidden, path kept. */
export function maskUrlCredentials(value: string): string {
  try {
    const u = new URL(value);
    if (u.password) u.password = "****";
    for (const key of [...u.searchParams.keys()]) u.searchParams.set(key, "****");
    return u.toString();
  } catch {
    return maskSecret(value);
  }
}

const SECRET_HEADER = /auth|token|key|secret|signature|cookie|password/i;

/** Header values that look like credentials are masked. */
export function maskHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SECRET_HEADER.test(k) ? maskSecret(v) : v]));
}

export function maskKeys(settings: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...settings };
  for (const k of keys) {
    const v = out[k];
    if (typeof v === "string" && v !== "") out[k] = maskSecret(v);
  }
  return out;
}
