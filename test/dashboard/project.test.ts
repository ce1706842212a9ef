import { describe, expect, test } from "bun:test";
import { hashKey } from "../../src/auth/keys.ts";
import { fieldBlock } from "./forms.ts";
import { aDashboard } from "./support.ts";

const SETTINGS = { name: "Default", status_page: "public", title: "Acme status", description: "Our jobs", logo_url: "", tz: "Europe/Riga", password: "" };

describe("the project settings page", () => {
  test("changes the settings through the operation the API uses, the API answering them back", async () => {
    const w = await aDashboard();
    await w.browser.get("/app/projects/default/settings");
    const res = await w.browser.post("/app/projects/default/settings", { ...SETTINGS, name: "Operations", ping_create: "on" });
    expect(res.status).toBe(303);
    const api = await (await w.request("/api/v3/project", { headers: { "X-Api-Key": w.keys.apiKey } })).json();
    expect(api).toMatchObject({ name: "Operations", ping_auth: false, ping_create: true, status_page: "public", title: "Acme status", description: "Our jobs", tz: "Europe/Riga" });
    const page = await w.browser.get("/app/projects/default/settings");
    expect(fieldBlock(page.text, "title")).toContain('value="Acme status"');
    expect(page.text).toContain('href="/status/default"');
  });

  test("sets a status page password, keeps it when the field is left empty, and removes it when asked", async () => {
    const w = await aDashboard();
    await w.browser.get("/app/projects/default/settings");
    await w.browser.post("/app/projects/default/settings", { ...SETTINGS, status_page: "password", password: "s3cret-pass" });
    const project = () => w.store.read((tx) => tx.getProjectById(w.project.id))!;
    expect(project()).toMatchObject({ statusPasswordSet: true, statusPage: { mode: "password" } });
    await w.browser.post("/app/projects/default/settings", { ...SETTINGS, status_page: "password", title: "kept" });
    expect(project()).toMatchObject({ statusPasswordSet: true, statusPage: { title: "kept" } });
    const refused = await w.browser.post("/app/projects/default/settings", { ...SETTINGS, status_page: "password", remove_password: "on" });
    expect(refused.status).toBe(400);
    expect(fieldBlock(refused.text, "password")).toContain("password is required when status_page is password");
    await w.browser.post("/app/projects/default/settings", { ...SETTINGS, remove_password: "on" });
    expect(project().statusPasswordSet).toBe(false);
  });

  test.each([
    { name: "an empty name", form: { ...SETTINGS, name: "" }, field: "name", kept: 'value=""', message: "name is required" },
    { name: "a logo that is not a URL", form: { ...SETTINGS, logo_url: "javascript:alert(1)" }, field: "logo_url", kept: 'value="javascript:alert(1)"', message: "logo_url is not an http(s) URL" },
    { name: "a misspelt zone", form: { ...SETTINGS, tz: "Europe/Berln" }, field: "tz", kept: 'value="Europe/Berln"', message: 'tz is not a valid timezone; did you mean &quot;Europe/Berlin&quot;?' },
    { name: "a short password", form: { ...SETTINGS, status_page: "password", password: "short" }, field: "password", kept: 'type="password" value="short"', message: "at least 8 characters" },
    { name: "a title over 100 characters", form: { ...SETTINGS, title: "t".repeat(101) }, field: "title", kept: `value="${"t".repeat(101)}"`, message: "title is too long" },
  ])("re-renders $name with the value kept and the message beside the field", async (row) => {
    const w = await aDashboard();
    await w.browser.get("/app/projects/default/settings");
    const res = await w.browser.post("/app/projects/default/settings", row.form);
    expect(res.status).toBe(400);
    expect(fieldBlock(res.text, row.field)).toContain(row.kept);
    expect(fieldBlock(res.text, row.field)).toContain(row.message);
    expect(w.store.read((tx) => tx.getProjectById(w.project.id))!.statusPage.title).toBe("");
  });
});

describe("keys", () => {
  test("rotating the ping key shows the new one once, changes the page's ping URL and moves slug pings to it", async () => {
    const w = await aDashboard();
    const check = w.addCheck({ name: "backup", slug: "backup" });
    const before = await w.browser.get("/app/projects/default/settings");
    expect(before.text).toContain("http://tocsin.test/ping/pingkeypingkey0001/&lt;slug&gt;");
    const res = await w.browser.post("/app/projects/default/keys", { key: "ping_key" });
    expect(res.status).toBe(200);
    const fresh = /<code id="new-key">([^<]+)<\/code>/.exec(res.text)![1]!;
    expect(fresh).toMatch(/^[a-z0-9]{22}$/);
    expect(res.text).toContain(`<code id="ping-url">http://tocsin.test/ping/${fresh}/&lt;slug&gt;</code>`);
    expect((await w.request(`/ping/pingkeypingkey0001/backup`)).status).toBe(404);
    expect((await w.request(`/ping/${fresh}/backup`)).status).toBe(200);
    expect(w.reload(check).nPings).toBe(1);
    expect((await w.browser.get("/app/projects/default/settings")).text).not.toContain("new-key");
  });

  test("rotating the read-write API key stores only the new key's digest", async () => {
    const w = await aDashboard();
    await w.browser.get("/app/projects/default/settings");
    const res = await w.browser.post("/app/projects/default/keys", { key: "api_key" });
    const fresh = /<code id="new-key">([^<]+)<\/code>/.exec(res.text)![1]!;
    expect((await w.request("/api/v3/project", { headers: { "X-Api-Key": w.keys.apiKey } })).status).toBe(401);
    expect((await w.request("/api/v3/project", { headers: { "X-Api-Key": fresh } })).status).toBe(200);
    expect(JSON.stringify(w.rows("projects"))).not.toContain(fresh);
    expect(JSON.stringify(w.rows("projects"))).toContain(hashKey(fresh));
  });
});

describe("new projects", () => {
  test("creates a project and shows its keys once", async () => {
    const w = await aDashboard();
    await w.browser.get("/app/new-project");
    const res = await w.browser.post("/app/new-project", { slug: "ops", name: "Operations" });
    expect(res.status).toBe(200);
    const apiKey = /<code id="new-api-key">([^<]+)<\/code>/.exec(res.text)![1]!;
    const project = (await (await w.request("/api/v3/project", { headers: { "X-Api-Key": apiKey } })).json()) as { slug: string };
    expect(project.slug).toBe("ops");
    expect((await w.browser.get("/app/projects/ops")).status).toBe(200);
  });

  test.each([
    { name: "a slug with capitals", form: { slug: "Ops", name: "" }, field: "slug", kept: 'value="Ops"', message: "slug must be 1-100 characters" },
    { name: "a slug in use", form: { slug: "default", name: "again" }, field: "slug", kept: 'value="default"', message: "slug already in use" },
  ])("re-renders $name with the value kept and the message beside the field", async (row) => {
    const w = await aDashboard();
    await w.browser.get("/app/new-project");
    const res = await w.browser.post("/app/new-project", row.form);
    expect(res.status).toBe(400);
    expect(fieldBlock(res.text, row.field)).toContain(row.kept);
    expect(fieldBlock(res.text, row.field)).toContain(row.message);
    expect(w.count("projects")).toBe(1);
  });
});
