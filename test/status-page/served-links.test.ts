// Every link Tocsin hands out answers (SPEC §8, §9): the badge_url of each check the API lists,
// the status page links of alerts about public checks, the project's status_url. Links into the
// dashboard may redirect to its login.
import { afterEach, expect, test } from "bun:test";
import { aReceiver, anAlertWorld, type Receiver } from "../notify/support.ts";

const BASE = "http://tocsin.test";
let receivers: Receiver[] = [];
afterEach(() => {
  for (const r of receivers) r.stop();
  receivers = [];
});

test("every badge_url, status_url and alert link the API and alerts emit answers", async () => {
  const w = anAlertWorld();
  const hook = aReceiver();
  receivers.push(hook);
  w.addChannel("webhook", { url: `${hook.url}/hook` }, { name: "hook" });
  const api = (method: string, path: string, body?: unknown) =>
    w.request(path, { method, headers: { "X-Api-Key": w.keys.apiKey, "Content-Type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const checks = [
    { name: "Public job", slug: "public-job", public: true },
    { name: "Private job", slug: "private-job", public: false },
    { name: "Public without a slug", public: true },
    { name: "Grouped job", slug: "grouped", public: true, group: "Storage", tags: "db" },
  ];
  const uuids: string[] = [];
  for (const c of checks) {
    const res = await api("POST", "/api/v3/checks/", { channels: "*", timeout: 60, grace: 60, ...c });
    uuids.push(((await res.json()) as { uuid: string }).uuid);
  }
  for (const uuid of uuids) await w.request(`/ping/${uuid}/fail`);
  w.clock.advance(1000);
  w.services.scheduler.runDue();
  await w.notifier.runDue();
  expect(hook.received.length).toBe(checks.length);

  const links = new Set<string>();
  const listed = (await (await api("GET", "/api/v3/checks/")).json()) as { checks: { badge_url?: string }[] };
  for (const c of listed.checks) links.add(c.badge_url!);
  for (const r of hook.received) {
    const { dashboard, status_page } = r.json.links as { dashboard: string; status_page: string | null };
    links.add(dashboard);
    if (status_page !== null) links.add(status_page);
  }
  links.add(((await (await api("GET", "/api/v3/project")).json()) as { status_url: string }).status_url);
  // the public checks with a slug, and nothing else, link their status page
  expect([...links].filter((l) => l.includes("/status/default/")).sort()).toEqual([`${BASE}/status/default/grouped`, `${BASE}/status/default/public-job`]);
  expect([...links].filter((l) => l.includes("/b/3/"))).toHaveLength(checks.length);

  for (const link of links) {
    expect(link.startsWith(BASE)).toBe(true);
    const res = await w.request(link.slice(BASE.length));
    const ok = res.status === 200 || (link.includes("/app/") && res.status >= 300 && res.status < 400);
    expect({ link, status: res.status, ok }).toEqual({ link, status: res.status, ok: true });
  }
});
