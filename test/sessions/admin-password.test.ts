import { describe, expect, test } from "bun:test";
import { ensureAdminPassword, setAdminPassword } from "../../src/sessions/admin-password.ts";
import { hashPassword, PasswordVerifier } from "../../src/sessions/password.ts";
import { migratedStore } from "../support/db.ts";

describe("the admin password", () => {
  test("is generated once, hashed with argon2id at 19 MiB and t=2, and the same one is given at every start until changed", async () => {
    const store = migratedStore();
    const first = await ensureAdminPassword(store, undefined);
    const second = await ensureAdminPassword(store, undefined);
    expect(first.kind).toBe("generated");
    expect(second).toEqual(first);
    const { hash } = store.read((tx) => tx.getAdminPassword());
    expect(hash).toStartWith("$argon2id$v=19$m=19456,t=2,");
    expect(await Bun.password.verify((first as { password: string }).password, hash!)).toBe(true);
    await setAdminPassword(store, "chosen password");
    expect(await ensureAdminPassword(store, undefined)).toEqual({ kind: "set" });
    expect(store.read((tx) => tx.getAdminPassword()).generated).toBeNull();
  });

  test("TOCSIN_ADMIN_PASSWORD replaces another password (ending sessions) and is left alone when it is already in force", async () => {
    const store = migratedStore();
    await ensureAdminPassword(store, undefined);
    store.write((tx) => tx.insertSession({ tokenHash: "h", created: 0, expires: 10, remoteAddr: "", ua: "" }));
    expect(await ensureAdminPassword(store, "pinned password")).toEqual({ kind: "pinned", changed: true });
    expect(store.read((tx) => tx.getAdminPassword()).generated).toBeNull();
    expect(store.read((tx) => tx.countRows("sessions"))).toBe(0);
    const hash = store.read((tx) => tx.getAdminPassword()).hash;
    expect(await ensureAdminPassword(store, "pinned password")).toEqual({ kind: "pinned", changed: false });
    expect(store.read((tx) => tx.getAdminPassword()).hash).toBe(hash);
  });

  test.each([
    { name: "too short", password: "short", error: "at least 8" },
    { name: "too long", password: "x".repeat(1001), error: "at most 1000" },
    { name: "padded with spaces", password: " password ", error: "white space" },
  ])("is refused when $name, and the old one stays", async (row) => {
    const store = migratedStore();
    await setAdminPassword(store, "the old password");
    const result = await setAdminPassword(store, row.password);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.error).toContain(row.error);
    expect(await Bun.password.verify("the old password", store.read((tx) => tx.getAdminPassword()).hash!)).toBe(true);
  });
});

describe("password verification", () => {
  test("runs one at a time and answers busy beyond the queue's bound instead of queueing more", async () => {
    const hash = await hashPassword("the password");
    const verifier = new PasswordVerifier(2);
    const results = await Promise.all([verifier.verify("the password", hash), verifier.verify("wrong", hash), verifier.verify("the password", hash), verifier.verify("the password", hash)]);
    expect(results).toEqual(["match", "mismatch", "busy", "busy"]);
    expect(await verifier.verify("the password", hash)).toBe("match");
  });

  test("a damaged stored hash verifies nothing", async () => {
    expect(await new PasswordVerifier().verify("anything", "$argon2id$garbage")).toBe("mismatch");
  });
});
