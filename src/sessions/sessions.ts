// Dashboard sessions (SPEC §12): a random token in an HttpOnly cookie, its SHA-256 digest in the
// database. A session ends at logout, when the password changes, after a week unused, and at the
// latest a month after login; each use moves the idle limit, written at most once a minute so
// that browsing the dashboard is not a stream of writes.
// Bun.CryptoHasher and Web Crypto rather than node:crypto, whose module costs megabytes (SPEC §11).
import { hashKey } from "../auth/keys.ts";
import type { StoredSession, Store } from "../store/store.ts";
import type { PasswordVerifier } from "./password.ts";

export const SESSION_IDLE_MS = 7 * 86_400_000;
export const SESSION_MAX_MS = 30 * 86_400_000;
const TOUCH_EVERY_MS = 60_000;

export interface Session {
  readonly id: number;
  /** the token the cookie carries; the CSRF token of its forms is derived from it */
  readonly token: string;
  readonly expires: number;
}

function expiry(created: number, now: number): number {
  return Math.min(created + SESSION_MAX_MS, now + SESSION_IDLE_MS);
}

/** 32 random bytes, base64url: what the cookie carries. */
export function newSessionToken(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
}

export function startSession(store: Store, now: number, client: { remoteAddr: string; ua: string }): Session {
  const token = newSessionToken();
  const stored = store.write((tx) => {
    tx.pruneSessions(now);
    return tx.insertSession({ tokenHash: hashKey(token), created: now, expires: expiry(now, now), remoteAddr: client.remoteAddr.slice(0, 100), ua: client.ua.slice(0, 200) });
  });
  return { id: stored.id, token, expires: stored.expires };
}

/** The live session a cookie's token opens, or null; a session in use is kept alive. */
export function resumeSession(store: Store, token: string, now: number): Session | null {
  if (token.length < 20 || token.length > 100) return null;
  const digest = hashKey(token);
  const found: StoredSession | null = store.read((tx) => tx.findSession(digest, now));
  if (!found) return null;
  if (now - found.lastSeen < TOUCH_EVERY_MS) return { id: found.id, token, expires: found.expires };
  const expires = expiry(found.created, now);
  store.write((tx) => tx.touchSession(found.id, now, expires));
  return { id: found.id, token, expires };
}

export function endSession(store: Store, session: Pick<Session, "id">): void {
  store.write((tx) => tx.deleteSession(session.id));
}

export type LoginOutcome = { readonly ok: true; readonly session: Session } | { readonly ok: false; readonly reason: "wrong" | "busy" };

/** Checks the admin password (through the one-at-a-time verifier) and opens a session. */
export async function logIn(store: Store, verifier: PasswordVerifier, password: string, now: () => number, client: { remoteAddr: string; ua: string }): Promise<LoginOutcome> {
  const { hash } = store.read((tx) => tx.getAdminPassword());
  if (hash === null || password.length === 0 || password.length > 1_000) return { ok: false, reason: "wrong" };
  const verdict = await verifier.verify(password, hash);
  if (verdict !== "match") return { ok: false, reason: verdict === "busy" ? "busy" : "wrong" };
  return { ok: true, session: startSession(store, now(), client) };
}
