import { describe, expect, test } from "bun:test";
import { anApi } from "../checks/api.ts";

const PK = "pingkeypingkey0001";

describe("GET /api/v3/project", () => {
  test("answers the key's own project, for read-write and read-only keys", async () => {
    const a = anApi();
    const expected = {
      slug: "default",
      name: "Default",
      ping_auth: false,
      ping_create: false,
      check_limit: 10_000,
      managed: false,
      status_page: "public",
      title: "",
      description: "",
      logo_url: "",
      tz: "UTC",
      password_set: false,
      status_url: "http://tocsin.test/status/default",
    };
    expect((await a.call("GET", "/api/v3/project")).json).toEqual(expected);
    expect((await a.call("GET", "/api/v3/project", undefined, a.keys.apiKeyReadOnly)).json).toEqual(expected);
    expect((await a.call("GET", "/api/v3/project", undefined, null)).status).toBe(401);
  });

  test("shows another project's settings only to that project's keys", async () => {
    const a = anApi();
    const other = a.store.write((tx) => tx.createProject("ops", "Operations", a.clock.now()));
    expect((await a.call("GET", "/api/v3/project", undefined, other.apiKey)).json).toMatchObject({ slug: "ops", name: "Operations" });
  });
});

describe("POST /api/v3/project", () => {
  test("changes only the fields given and answers the settings", async () => {
    const a = anApi();
    const res = await a.call("POST", "/api/v3/project", { name: "Backups", ping_create: true });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: "Backups", ping_auth: false, ping_create: true });
    expect(a.tx.getProjectById(a.project.id)).toMatchObject({ name: "Backups", pingAuth: false, pingCreate: true });
  });

  test("ping_auth and ping_create apply to the very next ping", async () => {
    const a = anApi();
    const check = await a.create({ name: "job" });
    await a.call("POST", "/api/v3/project", { ping_auth: true, ping_create: true });
    expect((await a.request(`/ping/${check.uuid}`)).status).toBe(401);
    expect((await a.request(`/ping/${check.uuid}?auth_key=${PK}`)).status).toBe(200);
    expect((await a.request(`/ping/${PK}/brand-new`)).status).toBe(201);
    await a.call("POST", "/api/v3/project", { ping_auth: false, ping_create: false });
    expect((await a.request(`/ping/${check.uuid}`)).status).toBe(200);
    expect((await a.request(`/ping/${PK}/another-new`)).status).toBe(404);
  });

  test("check_limit is read-only: sent back unchanged it is accepted, changed it is refused", async () => {
    const a = anApi();
    const current = (await a.call("GET", "/api/v3/project")).json;
    expect((await a.call("POST", "/api/v3/project", { ...current, name: "Renamed" })).status).toBe(200);
    const res = await a.call("POST", "/api/v3/project", { check_limit: 5 });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: "json validation error: check_limit is read-only" });
    expect(a.tx.getProjectById(a.project.id)?.checkLimit).toBe(10_000);
  });

  test.each([
    { name: "a wrong type", body: { ping_create: "yes" }, error: "json validation error: ping_create is not a boolean" },
    { name: "null", body: { ping_auth: null }, error: "json validation error: ping_auth is not a boolean" },
    { name: "an empty name", body: { name: "" }, error: "json validation error: name is too short" },
  ])("refuses $name with 400 and changes nothing", async ({ body, error }) => {
    const a = anApi();
    const before = a.tx.getProjectById(a.project.id);
    const res = await a.call("POST", "/api/v3/project", body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error });
    expect(a.tx.getProjectById(a.project.id)).toEqual(before);
  });

  test("a read-only key cannot change anything", async () => {
    const a = anApi();
    expect((await a.call("POST", "/api/v3/project", { ping_create: true }, a.keys.apiKeyReadOnly)).status).toBe(401);
    expect(a.tx.getProjectById(a.project.id)?.pingCreate).toBe(false);
  });

  test("a project declared in the config file answers 409 managed by config file", async () => {
    const a = anApi();
    a.tx.setProjectManaged(a.project.id, true);
    const res = await a.call("POST", "/api/v3/project", { ping_create: true });
    expect(res.status).toBe(409);
    expect(res.json).toEqual({ error: "managed by config file" });
    expect((await a.call("GET", "/api/v3/project")).json).toMatchObject({ managed: true, ping_create: false });
  });
});
