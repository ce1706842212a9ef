// alert_new in the config file (SPEC §4): on by default for a declared check, settable, and kept
// as stored when the file leaves it out of a check that already exists.
import { describe, expect, test } from "bun:test";
import { aConfiguredWorld } from "./support.ts";

describe("alert_new of declared checks", () => {
  test("is on for a new declared check, which then has its first ping's deadline", async () => {
    const w = aConfiguredWorld();
    expect(w.apply('[[checks]]\nslug = "nightly"\ntimeout = 3600\ngrace = 60\n').ok).toBe(true);
    const check = w.tx.getCheckBySlug(w.project.id, "nightly")!;
    expect(check).toMatchObject({ alertNew: true, downAt: check.created + 3_660_000 });
    expect((await w.checkBySlug("nightly")).alert_new).toBe(true);
  });

  test("false waits for the first ping forever", () => {
    const w = aConfiguredWorld();
    expect(w.apply('[[checks]]\nslug = "nightly"\nalert_new = false\n').ok).toBe(true);
    expect(w.tx.getCheckBySlug(w.project.id, "nightly")).toMatchObject({ alertNew: false, downAt: null });
  });

  test("left out of a reload, keeps what is stored; given, changes it and the deadline with it", () => {
    const w = aConfiguredWorld();
    expect(w.apply('[[checks]]\nslug = "nightly"\nalert_new = false\n').ok).toBe(true);
    expect(w.apply('[[checks]]\nslug = "nightly"\n').ok).toBe(true);
    expect(w.tx.getCheckBySlug(w.project.id, "nightly")).toMatchObject({ alertNew: false, downAt: null });
    expect(w.apply('[[checks]]\nslug = "nightly"\nalert_new = true\n').ok).toBe(true);
    const check = w.tx.getCheckBySlug(w.project.id, "nightly")!;
    expect(check).toMatchObject({ alertNew: true, downAt: check.created + (86_400 + 3_600) * 1000 });
  });

  test("a mistyped value is a listed error naming the key", () => {
    const w = aConfiguredWorld();
    const result = w.apply('[[checks]]\nslug = "nightly"\nalert_new = "yes"\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join("\n")).toContain("checks[0].alert_new");
  });
});
