// Password hashing for the admin login (SPEC §2, §12): argon2id with fixed, modest parameters —
// 19 MiB and two passes, OWASP's smallest recommended setting — so that a Raspberry Pi does not
// run out of memory on a burst of logins. Verifications run one at a time through a queue: a
// burst costs time for the attackers in it, never memory for the host.
import { generateToken } from "../auth/keys.ts";

export const ARGON2 = { algorithm: "argon2id", memoryCost: 19_456, timeCost: 2 } as const;

export const PASSWORD_MIN = 8;
/** argon2 takes any length; a bound keeps a login request's work bounded */
export const PASSWORD_MAX = 1_000;

export type PasswordCheck = { readonly ok: true } | { readonly ok: false; readonly error: string };

export function checkPasswordRules(password: string): PasswordCheck {
  if (password.length < PASSWORD_MIN) return { ok: false, error: `the password must have at least ${PASSWORD_MIN} characters` };
  if (password.length > PASSWORD_MAX) return { ok: false, error: `the password must have at most ${PASSWORD_MAX} characters` };
  if (password.trim() !== password) return { ok: false, error: "the password must not start or end with white space" };
  return { ok: true };
}

export function hashPassword(password: string): Promise<string> {
  return Bun.password.hash(password, ARGON2);
}

/** 24 characters of [a-z0-9]: about 124 bits, easy to copy from a log line. */
export function generatePassword(): string {
  return generateToken(24);
}

export type Verified = "match" | "mismatch" | "busy";

/**
 * Verifies passwords one at a time. At most `maxWaiting` verifications wait behind the running
 * one; beyond that a login is answered "busy" at once instead of queueing without bound.
 */
export class PasswordVerifier {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly maxWaiting = 16) {}

  verify(password: string, hash: string): Promise<Verified> {
    if (this.waiting >= this.maxWaiting) return Promise.resolve("busy");
    this.waiting++;
    const run = this.tail.then(async (): Promise<Verified> => {
      try {
        return (await Bun.password.verify(password, hash)) ? "match" : "mismatch";
      } catch {
        // a damaged hash in the database verifies nothing
        return "mismatch";
      } finally {
        this.waiting--;
      }
    });
    this.tail = run;
    return run;
  }
}
