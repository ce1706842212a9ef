import { describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashKey } from "../../src/auth/keys.ts";
import { reloadConfigFile, validateDeclared } from "../../src/config-file/load.ts";
import { tempDbPath } from "../support/db.ts";
import { aConfiguredWorld, tables } from "./support.ts";

const BACKUP = `
[[checks]]
slug = "backup"
name = "Nightly backup"
schedule = "0 3 * * *"
tz = "Europe/Paris"
grace = 600
tags = "prod"
`;

describe("validating declared objects", () => {
  test("lists every problem with its path, without a database", () => {
    const problems = validateDeclared(
      tables(`
prune = "yes"
[[projects]]
slug = "ops"
api_key = "tcw_inclearinclearinclearinclear0"
[[projects]]
slug = "ops"
[[checks]]
name = "no slug"
[[checks]]
slug = "cron"
schedule = "61 * * * *"
[[checks]]
slug = "zone"
schedule = "0 3 * * *"
tz = "Mars/Olympus"
[[checks]]
slug = "timing"
timeout = 0
[[checks]]
slug = "typo"
timout = 60
[[checks]]
slug = "timing"
`),
      "tocsin.toml",
      Date.UTC(2026, 0, 1),
    );
    expect(problems).toEqual([
      'tocsin.toml: prune = "yes": must be true or false',
      "tocsin.toml: checks[0].slug: is required",
      'tocsin.toml: checks[1].schedule = "61 * * * *": is not a valid cron expression (minute field: 61 is out of range 0-59)',
      'tocsin.toml: checks[2].tz = "Mars/Olympus": is not a valid timezone',
      "tocsin.toml: checks[3].timeout = 0: must be an integer from 1 to 31536000 seconds",
      'tocsin.toml: checks[4]: unknown key "timout"; did you mean "timeout"?',
      "tocsin.toml: projects[0].api_key: API keys are not written in clear here: set api_key_sha256 to the SHA-256 hex digest of the key (printf %s \"$KEY\" | sha256sum)",
      'tocsin.toml: projects[1].slug: "ops" is already declared by projects[0]',
      'tocsin.toml: checks[5].slug: "timing" is already declared in project "default" by checks[3]',
    ]);
  });

  test("a section that is not an array of tables is a problem", () => {
    expect(validateDeclared(tables('checks = "backup"'), "f.toml", 0)).toEqual(["f.toml: checks: must be an array of tables: [[checks]]"]);
  });
});

describe("applying declared checks", () => {
  test("creates declared checks as managed, with working ping URLs and a deadline", async () => {
    const w = aConfiguredWorld();
    const result = w.apply(BACKUP);
    expect(result.ok).toBe(true);
    const c = await w.checkBySlug("backup");
    expect(c).toMatchObject({ name: "Nightly backup", schedule: "0 3 * * *", tz: "Europe/Paris", grace: 600, tags: "prod", managed: true });
    expect((await w.request("/ping/pingkeypingkey0001/backup")).status).toBe(200);
    expect(w.services.scheduler.pending).toBe(1);
  });

  test("the API refuses to change or delete a managed check with 409 managed by config file, but may pause it", async () => {
    const w = aConfiguredWorld();
    w.apply(BACKUP);
    const c = await w.checkBySlug("backup");
    const before = w.snapshot();
    for (const [method, path, body] of [
      ["POST", `/api/v3/checks/${c.uuid}`, { name: "renamed" }],
      ["DELETE", `/api/v3/checks/${c.uuid}`, undefined],
      ["POST", "/api/v3/checks/", { name: "Nightly backup", grace: 5, unique: ["name"] }],
    ] as const) {
      const res = await w.call(method, path, body);
      expect(res.status).toBe(409);
      expect(res.json).toEqual({ error: "managed by config file" });
    }
    expect(w.snapshot()).toBe(before);
    expect((await w.call("POST", `/api/v3/checks/${c.uuid}/pause`)).status).toBe(200);
  });

  test("a reload updates the check in place and moves its deadline", async () => {
    const w = aConfiguredWorld();
    w.apply(`[[checks]]\nslug = "job"\ntimeout = 86400\ngrace = 3600\n`);
    const before = await w.checkBySlug("job");
    await w.request(`/ping/${before.uuid}`);
    w.apply(`[[checks]]\nslug = "job"\ntimeout = 60\ngrace = 60\ndesc = "faster"\n`);
    const after = await w.checkBySlug("job");
    expect(after).toMatchObject({ uuid: before.uuid, timeout: 60, desc: "faster", push_url: before.push_url });
    expect(w.services.scheduler.nextDeadline()).toBe(w.clock.now() + 120_000);
  });

  test("fields left out of the file go back to their defaults", async () => {
    const w = aConfiguredWorld();
    w.apply(`[[checks]]\nslug = "job"\ndesc = "first"\ngrace = 60\n`);
    w.apply(`[[checks]]\nslug = "job"\n`);
    expect(await w.checkBySlug("job")).toMatchObject({ desc: "", grace: 3600 });
  });

  test("a check removed from the file becomes unmanaged, with a warning", async () => {
    const w = aConfiguredWorld();
    w.apply(BACKUP);
    expect(w.apply("").ok).toBe(true);
    const c = await w.checkBySlug("backup");
    expect(c.managed).toBe(false);
    expect(w.warnings.join("\n")).toContain('check "backup" of project "default" left the config file and is no longer managed');
    expect((await w.call("POST", `/api/v3/checks/${c.uuid}`, { name: "mine now" })).status).toBe(200);
  });

  test("with prune = true a check removed from the file is deleted and its URLs answer 404", async () => {
    const w = aConfiguredWorld();
    w.apply(BACKUP);
    const c = await w.checkBySlug("backup");
    expect(w.apply("prune = true").ok).toBe(true);
    expect(await w.checkBySlug("backup")).toBeUndefined();
    expect((await w.request(`/ping/${c.uuid}`)).status).toBe(404);
    expect(w.services.scheduler.pending).toBe(0);
  });

  test("prune never deletes checks created through the API", async () => {
    const w = aConfiguredWorld();
    await w.create({ slug: "mine" });
    w.apply("prune = true\n" + BACKUP);
    w.apply("prune = true");
    expect(await w.checkBySlug("mine")).toBeDefined();
  });

  test("a slug taken by a check created through the API is a listed error and nothing is applied", async () => {
    const w = aConfiguredWorld();
    await w.create({ slug: "backup" });
    const before = w.snapshot();
    const result = w.apply(`[[checks]]\nslug = "other"\n${BACKUP}`);
    expect(result).toEqual({
      ok: false,
      problems: ['tocsin.toml: checks[1].slug: a check "backup" created through the API already exists in project "default"; delete it or choose another slug'],
    });
    expect(w.snapshot()).toBe(before);
  });

  test("a check in an unknown project is a listed error", () => {
    const w = aConfiguredWorld();
    const result = w.apply(`[[checks]]\nproject = "nope"\nslug = "x"\n`);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toContain('checks[0].project: project "nope" does not exist');
  });

  test("a declared uuid keeps existing ping URLs, and cannot change later", async () => {
    const w = aConfiguredWorld();
    const uuid = "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5";
    expect(w.apply(`[[checks]]\nslug = "x"\nuuid = "${uuid}"\n`).ok).toBe(true);
    expect((await w.request(`/ping/${uuid}`)).status).toBe(200);
    const moved = w.apply(`[[checks]]\nslug = "x"\nuuid = "${crypto.randomUUID()}"\n`);
    expect(!moved.ok && moved.problems[0]).toContain("the uuid of an existing check cannot change");
  });
});

describe("applying declared projects", () => {
  test("creates a managed project, prints its generated keys once, and its checks answer by slug", async () => {
    const w = aConfiguredWorld();
    const result = w.apply(`[[projects]]\nslug = "ops"\nname = "Operations"\nping_key = "opspingkey000000001"\ncheck_limit = 5\n[[checks]]\nproject = "ops"\nslug = "db"\n`);
    expect(result.ok).toBe(true);
    expect(w.out.join("\n")).toMatch(/API key \(read-write\): tcw_\w{28}/);
    const key = /read-write\): (\S+)/.exec(w.out.join("\n"))![1]!;
    const list = await w.call("GET", "/api/v3/checks/", undefined, key);
    expect(list.json.checks.map((c: { slug: string }) => c.slug)).toEqual(["db"]);
    expect((await w.request("/ping/opspingkey000000001/db")).status).toBe(200);
    w.out.length = 0;
    w.apply(`[[projects]]\nslug = "ops"\nping_key = "opspingkey000000001"\n[[checks]]\nproject = "ops"\nslug = "db"\n`);
    expect(w.out).toEqual([]);
  });

  test("pins API keys by their SHA-256 digest", async () => {
    const w = aConfiguredWorld();
    const key = "tcw_pinnedpinnedpinnedpinnedpinn";
    w.apply(`[[projects]]\nslug = "ops"\napi_key_sha256 = "${hashKey(key)}"\n`);
    expect((await w.call("GET", "/api/v3/checks/", undefined, key)).status).toBe(200);
    expect(w.out.join("\n")).not.toContain("read-write");
  });

  test("a project created outside the file is a collision; the default project may be adopted", () => {
    const w = aConfiguredWorld();
    w.tx.createProject("cli-made", "CLI", 0);
    const result = w.apply(`[[projects]]\nslug = "cli-made"\n[[projects]]\nslug = "default"\nname = "Main"\n`);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual(['tocsin.toml: projects[0]: project "cli-made" was created outside the config file (tocsin projects add); choose another slug']);
    expect(w.apply(`[[projects]]\nslug = "default"\nname = "Main"\n`).ok).toBe(true);
    expect(w.rows("projects").filter((p) => p.slug === "default").map((p) => ({ name: p.name, managed: p.managed }))[0]).toEqual({ name: "Main", managed: 1 });
  });

  test("with prune a project removed from the file is deleted with its declared checks", async () => {
    const w = aConfiguredWorld();
    w.apply(`[[projects]]\nslug = "ops"\nping_key = "opspingkey000000001"\n[[checks]]\nproject = "ops"\nslug = "db"\n`);
    expect(w.apply("prune = true").ok).toBe(true);
    expect({ n: w.rows("projects").filter((p) => p.slug === "ops").length }).toEqual({ n: 0 });
    expect((await w.request("/ping/opspingkey000000001/db")).status).toBe(404);
  });
});

describe("reloading from the file", () => {
  test("re-reads the file and reports a broken edit without changing anything", async () => {
    const w = aConfiguredWorld();
    const file = join(tempDbPath(), "..", "tocsin.toml");
    writeFileSync(file, BACKUP);
    const read = (p: string): string => readFileSync(p, "utf8");
    expect(reloadConfigFile(w.deps, file, read).ok).toBe(true);
    writeFileSync(file, BACKUP.replace("0 3 * * *", "0 25 * * *"));
    const before = w.snapshot();
    const broken = reloadConfigFile(w.deps, file, read);
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.problems[0]).toContain('checks[0].schedule = "0 25 * * *": is not a valid cron expression');
    expect(w.snapshot()).toBe(before);
    writeFileSync(file, "[[checks\n");
    const syntax = reloadConfigFile(w.deps, file, read);
    expect(!syntax.ok && syntax.problems[0]).toContain("line 1");
  });

  test("puts projects created or re-keyed by the CLI into the ping index", async () => {
    const w = aConfiguredWorld();
    // as `tocsin projects add` and a check of it would leave things: in the database, not in the index
    const cli = w.tx.createProject("cli", "CLI", 0, { pingKey: "clipingkey000000001" });
    const check = w.tx.insertCheck({ projectId: cli.project.id, uuid: crypto.randomUUID(), slug: "job" }, 0);
    w.services.index.upsertCheck(check.id, check);
    expect((await w.request("/ping/clipingkey000000001/job")).status).toBe(404);
    expect(reloadConfigFile(w.deps, null, () => "").ok).toBe(true);
    expect((await w.request("/ping/clipingkey000000001/job")).status).toBe(200);
  });
});
