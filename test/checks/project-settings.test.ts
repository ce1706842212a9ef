import { describe, expect, test } from "bun:test";
import { changeProjectSettings } from "../../src/checks/project-settings.ts";
import { hashPassword } from "../../src/sessions/password.ts";
import { aWorld } from "../support/world.ts";

function context(w: ReturnType<typeof aWorld>) {
  return { store: w.store, crons: w.services.crons, now: w.clock.now(), publish: w.services.publish };
}

describe("changeProjectSettings", () => {
  test("applies status page settings with a hashed password in one write", async () => {
    const w = aWorld();
    const hash = await hashPassword("correct horse");
    const result = changeProjectSettings(context(w), w.project.id, { statusPage: { mode: "password", title: "Acme" }, statusPasswordHash: hash });
    expect(result).toMatchObject({ ok: true, value: { statusPage: { mode: "password", title: "Acme", tz: "UTC" }, statusPasswordSet: true } });
    expect(w.tx.getStatusPasswordHash(w.project.id)).toBe(hash);
  });

  test.each([
    { name: "an unknown zone", patch: { statusPage: { tz: "Mars/Olympus" } }, field: "tz" },
    { name: "a data: logo", patch: { statusPage: { logoUrl: "data:image/png;base64,AAAA" } }, field: "logo_url" },
    { name: "password mode without a password", patch: { statusPage: { mode: "password" as const } }, field: "password" },
    { name: "a password that is no hash", patch: { statusPasswordHash: "correct horse" }, field: "password" },
  ])("refuses $name naming its field, for a form to show beside it, and writes nothing", ({ patch, field }) => {
    const w = aWorld();
    const before = w.tx.getProjectById(w.project.id);
    const result = changeProjectSettings(context(w), w.project.id, patch);
    expect(result).toMatchObject({ ok: false, failure: { kind: "invalid", field } });
    expect(w.tx.getProjectById(w.project.id)).toEqual(before);
  });
});
