// Key material. API keys and tokens are stored as SHA-256 digests and compared in constant
// time; ping keys are URL capabilities, stored in clear (SPEC §2).
// Web Crypto and Bun's hasher rather than node:crypto, whose module costs the daemon about 4 MB of
// memory for three functions (SPEC §11).

const ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Uniform in [0, n) for n ≤ 256: bytes at or above the largest multiple of n are drawn again. */
function randomIndex(n: number, pool: { bytes: Uint8Array; at: number }): number {
  const limit = 256 - (256 % n);
  for (;;) {
    if (pool.at === pool.bytes.length) {
      crypto.getRandomValues(pool.bytes);
      pool.at = 0;
    }
    const b = pool.bytes[pool.at++]!;
    if (b < limit) return b % n;
  }
}

function randomString(alphabet: string, length: number): string {
  const pool = { bytes: new Uint8Array(length * 2), at: length * 2 };
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomIndex(alphabet.length, pool)];
  return out;
}

/** `tcw_` (read-write) or `tcr_` (read-only) followed by 28 random characters: 32 in all. */
export function generateApiKey(kind: "rw" | "ro"): string {
  return (kind === "rw" ? "tcw_" : "tcr_") + randomString(ALNUM, 28);
}

/** 22 characters of [a-z0-9], usable in URLs and email local parts. */
export function generatePingKey(): string {
  return randomString(LOWER_ALNUM, 22);
}

/**
 * A reporter token in the shape Crisp's dashboard hands out (alphanumeric groups joined by
 * dashes): four groups of 8 characters of [a-z0-9], about 165 bits.
 */
export function generateReporterToken(): string {
  return Array.from({ length: 4 }, () => randomString(LOWER_ALNUM, 8)).join("-");
}

export function generateToken(length = 24): string {
  return randomString(LOWER_ALNUM, length);
}

export function hashKey(key: string): string {
  return new Bun.CryptoHasher("sha256").update(key).digest("hex");
}

/** Constant-time comparison of a presented key with a stored digest. */
export function keyMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hashKey(presented), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** Constant-time comparison of two secrets kept in clear (ping keys). */
export function keysEqual(a: string, b: string): boolean {
  return crypto.timingSafeEqual(Buffer.from(hashKey(a), "hex"), Buffer.from(hashKey(b), "hex"));
}
