// The admin password (SPEC §12): while nobody has set one, every start prints the one Tocsin made
// up (with the dashboard URL), and it stays valid until it is changed — so an upgraded install
// gets one as well as a new one. `TOCSIN_ADMIN_PASSWORD` pins it at every start; `tocsin admin
// set-password` sets it. Setting a password ends every dashboard session.
import type { Store } from "../store/store.ts";
import { checkPasswordRules, generatePassword, hashPassword, type PasswordCheck } from "./password.ts";

export type AdminPasswordAtStart =
  /** nobody chose a password yet: print this one */
  | { readonly kind: "generated"; readonly password: string }
  /** TOCSIN_ADMIN_PASSWORD is in force */
  | { readonly kind: "pinned"; readonly changed: boolean }
  /** someone set the password; nothing to print */
  | { readonly kind: "set" };

/** Makes sure a password exists; `pinned` (TOCSIN_ADMIN_PASSWORD) replaces a different one. */
export async function ensureAdminPassword(store: Store, pinned: string | undefined): Promise<AdminPasswordAtStart> {
  const stored = store.read((tx) => tx.getAdminPassword());
  if (pinned !== undefined) {
    if (stored.hash !== null && stored.generated === null && (await Bun.password.verify(pinned, stored.hash).catch(() => false))) {
      return { kind: "pinned", changed: false };
    }
    const hash = await hashPassword(pinned);
    store.write((tx) => {
      tx.setAdminPassword(hash, null);
      tx.deleteAllSessions();
    });
    return { kind: "pinned", changed: true };
  }
  if (stored.hash !== null) return stored.generated === null ? { kind: "set" } : { kind: "generated", password: stored.generated };
  const password = generatePassword();
  const hash = await hashPassword(password);
  // two daemons cannot start on one data directory, but a CLI may have set one meanwhile
  const won = store.write((tx) => {
    if (tx.getAdminPassword().hash !== null) return false;
    tx.setAdminPassword(hash, password);
    return true;
  });
  return won ? { kind: "generated", password } : ensureAdminPassword(store, undefined);
}

export type SetPasswordResult = { readonly ok: true; readonly sessionsEnded: number } | { readonly ok: false; readonly error: string };

/** Sets the password a person chose and ends every session. */
export async function setAdminPassword(store: Store, password: string): Promise<SetPasswordResult> {
  const rules: PasswordCheck = checkPasswordRules(password);
  if (!rules.ok) return rules;
  const hash = await hashPassword(password);
  const sessionsEnded = store.write((tx) => {
    tx.setAdminPassword(hash, null);
    return tx.deleteAllSessions();
  });
  return { ok: true, sessionsEnded };
}
