// Who may scrape /metrics and what each sees (SPEC §2), and what fifty scrapes at once cost.
import { describe, expect, test } from "bun:test";
import { anApi } from "../checks/api.ts";
import { migratedStore } from "../support/db.ts";

const TOKEN = "metrics-token-0123456789";

/** Two projects with one check each: "mine" in the default project, "theirs" in another. */
async function twoProjects(config: Parameters<typeof anApi>[0] = {}) {
  const a = anApi(config);
  await a.create({ name: "mine", slug: "mine" });
  const other = a.store.write((tx) => tx.createProject("other", "Other", a.clock.now()));
  await a.call("POST", "/api/v3/checks/", { name: "theirs", slug: "theirs" }, other.apiKey);
  const scrape = async (headers: Record<string, string>) => {
    a.clock.advance(1_000);
    const res = await a.request("/metrics", { headers });
    const text = await res.text();
    return { status: res.status, slugs: [...text.matchAll(/^tocsin_check_up\{.*slug="([^"]+)"/gm)].map((m) => m[1]), text, auth: res.headers.get("www-authenticate") };
  };
  return { a, other, scrape };
}

describe("GET /metrics requires a key", () => {
  test("without a key it answers 401 and names no check", async () => {
    const { scrape } = await twoProjects();
    const res = await scrape({});
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toEqual({ error: "missing api key" });
    expect(res.auth).toBe('Bearer realm="metrics"');
    expect(res.text).not.toContain("mine");
  });

  test.each<{ name: string; headers: Record<string, string> }>([
    { name: "a wrong X-Api-Key", headers: { "X-Api-Key": "tcw_wrongwrongwrongwrongwrongwrong" } },
    { name: "a wrong bearer token", headers: { Authorization: "Bearer wrong" } },
  ])("$name answers 401", async ({ headers }) => {
    const { scrape } = await twoProjects({ config: { metricsToken: TOKEN } });
    expect((await scrape(headers)).status).toBe(401);
  });

  test.each([
    { name: "X-Api-Key", headers: (key: string) => ({ "X-Api-Key": key }) },
    { name: "Authorization: Bearer", headers: (key: string) => ({ Authorization: `Bearer ${key}` }) },
  ])("a project's API key in $name shows that project's checks only", async ({ headers }) => {
    const { a, other, scrape } = await twoProjects({ config: { metricsToken: TOKEN } });
    const mine = await scrape(headers(a.keys.apiKey));
    expect([mine.status, mine.slugs]).toEqual([200, ["mine"]]);
    expect(mine.text).toContain("tocsin_checks_total 1\n");
    expect((await scrape(headers(other.apiKey))).slugs).toEqual(["theirs"]);
    expect((await scrape(headers(a.keys.apiKeyReadOnly))).slugs).toEqual(["mine"]);
  });

  test("TOCSIN_METRICS_TOKEN shows every project's checks", async () => {
    const { scrape } = await twoProjects({ config: { metricsToken: TOKEN } });
    const res = await scrape({ Authorization: `Bearer ${TOKEN}` });
    expect([res.status, res.slugs]).toEqual([200, ["mine", "theirs"]]);
    expect(res.text).toContain("tocsin_checks_total 2\n");
  });

  test("TOCSIN_METRICS_PUBLIC=1 opens it to anyone, with every project's checks", async () => {
    const { scrape } = await twoProjects({ config: { metricsPublic: true } });
    expect((await scrape({})).slugs).toEqual(["mine", "theirs"]);
  });
});

describe("scrapes within a second share one table read", () => {
  test("fifty parallel scrapes of one project read its checks once", async () => {
    const a = anApi({ store: migratedStore(":memory:", { countStatements: true }) });
    for (let i = 0; i < 20; i++) await a.create({ name: `c${i}` });
    const scrapeAll = () => Promise.all(Array.from({ length: 50 }, () => a.request("/metrics", { headers: { "X-Api-Key": a.keys.apiKey } })));
    const before = a.store.statements();
    const answers = await scrapeAll();
    const bodies = new Set(await Promise.all(answers.map((r) => r.text())));
    // one key lookup per scrape, and one read of the checks for all fifty
    expect(a.store.statements() - before).toBe(50 + 1);
    expect(bodies.size).toBe(1);
    a.clock.advance(1_000);
    const again = a.store.statements();
    await scrapeAll();
    expect(a.store.statements() - again).toBe(50 + 1);
  });

  test("a scrape a second later sees what changed", async () => {
    const a = anApi();
    const headers = { "X-Api-Key": a.keys.apiKey };
    await a.create({ name: "first" });
    expect(await (await a.request("/metrics", { headers })).text()).toContain("tocsin_checks_total 1\n");
    await a.create({ name: "second" });
    expect(await (await a.request("/metrics", { headers })).text()).toContain("tocsin_checks_total 1\n");
    a.clock.advance(1_000);
    expect(await (await a.request("/metrics", { headers })).text()).toContain("tocsin_checks_total 2\n");
  });
});

test("a scrape of 2 500 checks reads them in pages of 1 000 and lists each check once", async () => {
  const a = anApi({ store: migratedStore(":memory:", { countStatements: true }) });
  a.store.write(() => {
    for (let i = 0; i < 2_500; i++) a.addCheck({ name: `c${i}`, slug: `c${i}` });
  });
  const before = a.store.statements();
  const text = await (await a.request("/metrics", { headers: { "X-Api-Key": a.keys.apiKey } })).text();
  // the key lookup and three pages
  expect(a.store.statements() - before).toBe(1 + 3);
  const slugs = [...text.matchAll(/^tocsin_check_down\{.*slug="([^"]+)"/gm)].map((m) => m[1]);
  expect(slugs).toEqual(Array.from({ length: 2_500 }, (_, i) => `c${i}`));
  expect(text).toContain("tocsin_checks_total 2500\n");
  // each family's lines are together: all the up lines come before the first grace line
  expect(text.lastIndexOf("tocsin_check_up{")).toBeLessThan(text.indexOf("tocsin_check_grace{"));
});
