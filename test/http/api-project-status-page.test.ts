import { describe, expect, test } from "bun:test";
import { anApi } from "../checks/api.ts";

describe("status page settings in /api/v3/project", () => {
  test("are changed field by field, stored in their canonical form and answered", async () => {
    const a = anApi();
    const res = await a.call("POST", "/api/v3/project", { title: "  Acme status ", description: "Jobs of Acme.", logo_url: "https://cdn.example.org/logo.png", tz: "europe/riga" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status_page: "public", title: "Acme status", description: "Jobs of Acme.", logo_url: "https://cdn.example.org/logo.png", tz: "Europe/Riga" });
    await a.call("POST", "/api/v3/project", { status_page: "off" });
    expect(a.tx.getProjectById(a.project.id)?.statusPage).toEqual({ mode: "off", title: "Acme status", description: "Jobs of Acme.", logoUrl: "https://cdn.example.org/logo.png", tz: "Europe/Riga" });
  });

  test("a password is stored as an argon2id hash, answered only as password_set, and removed with an empty one", async () => {
    const a = anApi();
    const res = await a.call("POST", "/api/v3/project", { status_page: "password", password: "correct horse" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status_page: "password", password_set: true });
    expect(res.text).not.toContain("correct horse");
    expect(res.text).not.toContain("argon2");
    const hash = a.tx.getStatusPasswordHash(a.project.id)!;
    expect(hash).toStartWith("$argon2id$v=19$m=19456,t=2,p=1$");
    expect(await Bun.password.verify("correct horse", hash)).toBe(true);
    expect(JSON.stringify(a.rows("projects"))).not.toContain("correct horse");
    // the page must be opened some way: first public again, then the password can go
    expect((await a.call("POST", "/api/v3/project", { password: "" })).status).toBe(400);
    expect((await a.call("POST", "/api/v3/project", { status_page: "public", password: "" })).json).toMatchObject({ status_page: "public", password_set: false });
    expect(a.tx.getStatusPasswordHash(a.project.id)).toBeNull();
  });

  test.each([
    { name: "an unknown mode", body: { status_page: "secret" }, error: "json validation error: status_page has unexpected value" },
    { name: "password mode without a password", body: { status_page: "password" }, error: "json validation error: password is required when status_page is password" },
    { name: "a short password", body: { password: "short" }, error: "json validation error: password: the password must have at least 8 characters" },
    { name: "an unknown zone", body: { tz: "Europe/Berln" }, error: "json validation error: tz is not a valid timezone" },
    { name: "a javascript: logo", body: { logo_url: "javascript:alert(1)" }, error: "json validation error: logo_url is not an http(s) URL or a path starting with /" },
    { name: "a protocol-relative logo", body: { logo_url: "//evil.example/x.png" }, error: "json validation error: logo_url is not an http(s) URL or a path starting with /" },
    { name: "a title over 100 characters", body: { title: "t".repeat(101) }, error: "json validation error: title is too long" },
    { name: "a null description", body: { description: null }, error: "json validation error: description is not a string" },
  ])("refuses $name with 400 and changes nothing", async ({ body, error }) => {
    const a = anApi();
    const before = a.tx.getProjectById(a.project.id);
    const res = await a.call("POST", "/api/v3/project", body);
    expect(res.status).toBe(400);
    expect(res.json.error).toStartWith(error);
    expect(a.tx.getProjectById(a.project.id)).toEqual(before);
  });

  test("a read-only key sees the settings and cannot change them", async () => {
    const a = anApi();
    expect((await a.call("GET", "/api/v3/project", undefined, a.keys.apiKeyReadOnly)).json).toMatchObject({ status_page: "public", tz: "UTC" });
    expect((await a.call("POST", "/api/v3/project", { status_page: "off" }, a.keys.apiKeyReadOnly)).status).toBe(401);
    expect(a.tx.getProjectById(a.project.id)?.statusPage.mode).toBe("public");
  });

  test("a managed project refuses a password before hashing it", async () => {
    const a = anApi();
    a.tx.setProjectManaged(a.project.id, true);
    expect((await a.call("POST", "/api/v3/project", { password: "correct horse" })).status).toBe(409);
    expect(a.tx.getStatusPasswordHash(a.project.id)).toBeNull();
  });
});
