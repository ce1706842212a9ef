import { describe, expect, test } from "bun:test";
import { validateDeclared } from "../../src/config-file/load.ts";
import { aConfiguredWorld, tables } from "./support.ts";

const NOW = Date.UTC(2026, 0, 1);
const problemsOf = (toml: string) => validateDeclared(tables(toml), "tocsin.toml", NOW);

describe("status page settings in [[projects]]", () => {
  test("are stored with the project, answered by the API, and go back to their defaults when left out", async () => {
    const w = aConfiguredWorld();
    const hash = await Bun.password.hash("correct horse", { algorithm: "argon2id", memoryCost: 19_456, timeCost: 2 });
    const declared = `[[projects]]\nslug = "ops"\nstatus_page = "password"\ntitle = "Ops status"\ndescription = "Night jobs."\nlogo_url = "/static/favicon.svg"\ntz = "europe/riga"\npassword_hash = "${hash}"\n`;
    expect(w.apply(declared)).toMatchObject({ ok: true });
    const ops = w.tx.findProjectBySlug("ops")!;
    expect(ops.statusPage).toEqual({ mode: "password", title: "Ops status", description: "Night jobs.", logoUrl: "/static/favicon.svg", tz: "Europe/Riga" });
    expect(ops.statusPasswordSet).toBe(true);
    expect(w.tx.getStatusPasswordHash(ops.id)).toBe(hash);
    w.apply(`[[projects]]\nslug = "ops"\n`);
    const after = w.tx.findProjectBySlug("ops")!;
    expect(after.statusPage).toEqual({ mode: "public", title: "", description: "", logoUrl: "", tz: "UTC" });
    expect(after.statusPasswordSet).toBe(false);
  });

  test("a project declared in the file cannot have its status page changed through the API", async () => {
    const w = aConfiguredWorld();
    w.apply(`[[projects]]\nslug = "default"\ntitle = "From the file"\n`);
    const res = await w.call("POST", "/api/v3/project", { title: "From the API" });
    expect(res.status).toBe(409);
    expect(w.tx.getProjectById(w.project.id)?.statusPage.title).toBe("From the file");
  });

  test.each([
    {
      name: "a password in clear, never echoed",
      toml: `[[projects]]\nslug = "ops"\npassword = "hunter22hunter22"\n`,
      problem: 'tocsin.toml: projects[0].password: status page passwords are not written in clear here: set password_hash',
    },
    { name: "password mode without a hash", toml: `[[projects]]\nslug = "ops"\nstatus_page = "password"\n`, problem: 'tocsin.toml: projects[0].password_hash: is required when status_page is "password"' },
    { name: "a hash that is not argon2id", toml: `[[projects]]\nslug = "ops"\npassword_hash = "5f4dcc3b5aa765d61d8327deb882cf99"\n`, problem: "tocsin.toml: projects[0].password_hash: is not an argon2id hash" },
    {
      name: "a hash whose verification would cost a gigabyte",
      toml: `[[projects]]\nslug = "ops"\npassword_hash = "$argon2id$v=19$m=1048576,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$iWh06vD8Fy27wf9npn6FXWiCX4K6pW6Ue1Bnzz07Z8A"\n`,
      problem: "tocsin.toml: projects[0].password_hash: is not an argon2id hash",
    },
    { name: "a misspelt zone, with the nearest one", toml: `[[projects]]\nslug = "ops"\ntz = "Europe/Berln"\n`, problem: 'tocsin.toml: projects[0].tz = "Europe/Berln": is not a valid timezone; did you mean "Europe/Berlin"?' },
    { name: "a javascript: logo", toml: `[[projects]]\nslug = "ops"\nlogo_url = "javascript:alert(1)"\n`, problem: 'tocsin.toml: projects[0].logo_url = "javascript:alert(1)": is not an http(s) URL or a path starting with /' },
    { name: "an unknown mode", toml: `[[projects]]\nslug = "ops"\nstatus_page = "hidden"\n`, problem: 'tocsin.toml: projects[0].status_page = "hidden":' },
  ])("lists $name as a problem of the entry", ({ toml, problem }) => {
    const problems = problemsOf(toml);
    expect(problems.some((p) => p.startsWith(problem))).toBe(true);
    expect(problems.join("\n")).not.toContain("hunter22");
  });
});
