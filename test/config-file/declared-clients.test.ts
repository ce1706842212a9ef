import { describe, expect, test } from "bun:test";
import { validateDeclared } from "../../src/config-file/load.ts";
import { aConfiguredWorld, tables } from "./support.ts";

describe("client settings in the config file", () => {
  test("[[projects]] ping_create reaches the ping index: a slug URL creates its check", async () => {
    const w = aConfiguredWorld();
    expect(w.apply(`[[projects]]\nslug = "ops"\nping_key = "opspingkey000000001"\nping_create = true\n`)).toMatchObject({ ok: true });
    expect((await w.request("/ping/opspingkey000000001/Nightly%20Backup?state=run")).status).toBe(201);
    expect((await w.request("/ping/opspingkey000000001/plain")).status).toBe(201);
    const ops = w.tx.findProjectBySlug("ops")!;
    expect(ops.pingCreate).toBe(true);
    expect(w.tx.listChecksOfProject(ops.id).map((c) => [c.slug, c.name])).toEqual([["nightly-backup", "Nightly Backup"], ["plain", "plain"]]);
    // left out, it goes back to its default
    w.apply(`[[projects]]\nslug = "ops"\nping_key = "opspingkey000000001"\n`);
    expect((await w.request("/ping/opspingkey000000001/other")).status).toBe(404);
  });

  test("[[checks]] rules are inline tables, stored and shown by the API", async () => {
    const w = aConfiguredWorld();
    const result = w.apply(`[[checks]]\nslug = "import"\nrules = [{ metric = "rows_processed", op = "<", value = 1 }, { metric = "duration", op = ">", value = 3600 }]\n`);
    expect(result).toMatchObject({ ok: true });
    expect((await w.checkBySlug("import")).rules).toEqual([
      { metric: "rows_processed", op: "<", value: 1 },
      { metric: "duration", op: ">", value: 3600 },
    ]);
  });

  test("a bad rule is a listed problem naming the entry", () => {
    const problems = validateDeclared(tables(`[[checks]]\nslug = "import"\nrules = [{ metric = "rows", op = "=~", value = 1 }]\n`), "tocsin.toml", Date.UTC(2026, 0, 1));
    expect(problems).toEqual(['tocsin.toml: checks[0].rules[0].op: has unexpected value']);
  });
});
