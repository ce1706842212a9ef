// Who may see a password-protected status page (SPEC §9, §2): a visitor who posted the password
// gets a signed cookie; feed readers send `?pw=`. Passwords are argon2id hashes verified one at a
// time (sessions/password.ts); a `?pw=` that verified is remembered for a minute so a reader
// polling a feed does not cost a verification per fetch; attempts are limited per address, per
// page and for the install (web/attempt-limits.ts).
//
// The cookie is `<expiry>.<HMAC-SHA256>` over the project, the expiry and the stored hash, with a
// key kept in the database: it works across restarts, and changing the password ends every
// cookie of the page at once.
// Bun.CryptoHasher and Web Crypto rather than node:crypto, whose module costs megabytes (SPEC §11).
import type { PasswordVerifier } from "../../sessions/password.ts";
import type { Project, Store } from "../../store/store.ts";
import { AttemptLimits } from "../../web/attempt-limits.ts";
import { readCookie, setCookie } from "../../web/cookies.ts";

/** A cookie opens the page for a week. */
export const COOKIE_DAYS = 7;
const REMEMBER_MS = 60_000;
const REMEMBERED_MAX = 1_000;
const KEY_META = "status_cookie_key";

/** Per address 5 at once then one every 30 s; per page 10 then one every 6 s; 30 and one every 2 s in all. */
export const STATUS_PASSWORD_LIMITS = {
  address: { burst: 5, refillMs: 30_000 },
  page: { burst: 10, refillMs: 6_000 },
  overall: { burst: 30, refillMs: 2_000 },
} as const;

export type Attempt = { readonly kind: "match" } | { readonly kind: "mismatch" } | { readonly kind: "busy" } | { readonly kind: "limited"; readonly waitMs: number };

export class StatusAccess {
  private readonly limits = new AttemptLimits(STATUS_PASSWORD_LIMITS);
  private readonly remembered = new Map<string, number>();
  private key: Buffer | null = null;

  constructor(
    private readonly store: Store,
    private readonly verifier: PasswordVerifier,
  ) {}

  cookieName(project: Pick<Project, "id">): string {
    return `tocsin_status_${project.id}`;
  }

  /** Whether the request carries a cookie this page's password issued and that has not expired. */
  hasCookie(req: Request, project: Pick<Project, "id">, hash: string, now: number): boolean {
    const value = readCookie(req, this.cookieName(project));
    const m = value === null ? null : /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value);
    if (!m) return false;
    const expires = Number(m[1]);
    if (expires * 1000 <= now) return false;
    const expected = Buffer.from(this.mac(project.id, expires, hash));
    const given = Buffer.from(m[2]!);
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  }

  /** The Set-Cookie header of a visitor who just gave the right password. */
  issueCookie(project: Pick<Project, "id">, hash: string, now: number, opts: { readonly path: string; readonly secure: boolean }): string {
    const expires = Math.floor(now / 1000) + COOKIE_DAYS * 86_400;
    return setCookie(this.cookieName(project), `${expires}.${this.mac(project.id, expires, hash)}`, { path: opts.path, maxAge: COOKIE_DAYS * 86_400, secure: opts.secure });
  }

  /** A password posted through the form or given as ?pw=: limited, then verified. */
  async attempt(project: Pick<Project, "id">, hash: string, password: string, addr: string, now: number): Promise<Attempt> {
    const memo = this.memoKey(project.id, hash, password);
    const until = this.remembered.get(memo);
    if (until !== undefined && until > now) return { kind: "match" };
    const waitMs = this.limits.take({ address: addr, page: String(project.id), overall: "*" }, now);
    if (waitMs > 0) return { kind: "limited", waitMs };
    if (password.length === 0 || password.length > 1_000) return { kind: "mismatch" };
    const verified = await this.verifier.verify(password, hash);
    if (verified === "match") this.remember(memo, now);
    return { kind: verified };
  }

  private remember(memo: string, now: number): void {
    this.remembered.delete(memo);
    this.remembered.set(memo, now + REMEMBER_MS);
    while (this.remembered.size > REMEMBERED_MAX) this.remembered.delete(this.remembered.keys().next().value!);
  }

  /** A digest, so that remembered passwords are not kept in memory in clear. */
  private memoKey(projectId: number, hash: string, password: string): string {
    return new Bun.CryptoHasher("sha256").update(`${projectId}\0${hash}\0${password}`).digest("base64url");
  }

  private mac(projectId: number, expires: number, hash: string): string {
    return new Bun.CryptoHasher("sha256", this.secret()).update(`${projectId}.${expires}.${hash}`).digest("base64url");
  }

  /** The signing key, made once per install and kept in the meta table. */
  private secret(): Buffer {
    if (this.key !== null) return this.key;
    const stored =
      this.store.read((tx) => tx.getMeta(KEY_META)) ??
      this.store.write((tx) => {
        const existing = tx.getMeta(KEY_META);
        if (existing !== null) return existing;
        const fresh = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("hex");
        tx.setMeta(KEY_META, fresh);
        return fresh;
      });
    this.key = Buffer.from(stored, "hex");
    return this.key;
  }
}
