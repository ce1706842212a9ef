import { afterEach, describe, expect, test } from "bun:test";
import { anApi } from "../checks/api.ts";
import { aReceiver, anAlertWorld, type Receiver } from "../notify/support.ts";

let receiver: Receiver | null = null;
afterEach(() => {
  receiver?.stop();
  receiver = null;
});

type Scraped = Pick<ReturnType<typeof anApi>, "request" | "keys" | "clock">;

/** Scrapes with the default project's key; a second later than the last scrape, so it is rendered afresh. */
async function scrape(a: Scraped, headers: Record<string, string> = { "X-Api-Key": a.keys.apiKey }, path = "/metrics") {
  a.clock.advance(1_000);
  const res = await a.request(path, { headers });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

/** sample lines as name{labels} → value */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const i = line.lastIndexOf(" ");
    out.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return out;
}

describe("GET /metrics", () => {
  test("serves per-check status gauges, totals, ping counts and the commit histogram", async () => {
    const a = anApi();
    const up = await a.create({ name: "web", slug: "web", tags: "prod", timeout: 3600 });
    const late = await a.create({ name: "db", slug: "db", timeout: 60, grace: 3600 });
    const paused = await a.create({ name: "old", slug: "old" });
    await a.create({ name: "fresh", slug: "fresh" });
    await a.request(`/ping/${up.uuid}`);
    await a.request(`/ping/${late.uuid}`);
    await a.request("/ping/pingkeypingkey0001/web/start");
    await a.call("POST", `/api/v3/checks/${paused.uuid}/pause`);
    a.clock.advance(120_000);
    const res = await scrape(a);
    expect(res.status).toBe(200);
    expect(res.type).toBe("text/plain; version=0.0.4; charset=utf-8");
    const s = samples(res.text);
    const key = (c: { unique_key?: string; uuid: string }, name: string, slug: string, tags: string) =>
      `{project="default",name="${name}",slug="${slug}",tags="${tags}",unique_key="${c.unique_key}"}`;
    const ro = (await a.call("GET", "/api/v3/checks/", undefined, a.keys.apiKeyReadOnly)).json.checks;
    const [webL, dbL, oldL] = [key(ro[0], "web", "web", "prod"), key(ro[1], "db", "db", ""), key(ro[2], "old", "old", "")];
    expect(s.get(`tocsin_check_up${webL}`)).toBe(1);
    expect(s.get(`tocsin_check_started${webL}`)).toBe(1);
    expect(s.get(`tocsin_check_grace${dbL}`)).toBe(1);
    expect(s.get(`tocsin_check_up${dbL}`)).toBe(0);
    expect(s.get(`tocsin_check_paused${oldL}`)).toBe(1);
    expect(s.get(`tocsin_check_down${oldL}`)).toBe(0);
    expect(s.get("tocsin_checks_total")).toBe(4);
    expect(s.get('tocsin_checks{status="new"}')).toBe(1);
    expect(s.get('tocsin_checks{status="paused"}')).toBe(1);
    expect(s.get('tocsin_checks{status="started"}')).toBe(1);
    expect(s.get('tocsin_checks{status="grace"}')).toBe(1);
    expect(s.get('tocsin_pings_received_total{route="uuid"}')).toBe(2);
    expect(s.get('tocsin_pings_received_total{route="slug"}')).toBe(1);
    expect(s.get("tocsin_batch_commit_seconds_count")).toBeGreaterThanOrEqual(1);
    expect(s.get('tocsin_batch_commit_seconds_bucket{le="+Inf"}')).toBe(s.get("tocsin_batch_commit_seconds_count"));
    expect(s.get("process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(res.text).toContain("# TYPE tocsin_batch_commit_seconds histogram");
  });

  test("escapes backslashes, quotes and newlines in label values", async () => {
    const a = anApi();
    await a.create({ name: 'a "quoted" \\ name\nwith a line' });
    const { text } = await scrape(a);
    expect(text).toContain('name="a \\"quoted\\" \\\\ name\\nwith a line"');
  });

  test("every sample line is well formed and each metric family is contiguous", async () => {
    const a = anApi();
    await a.create({ name: "x" });
    await a.create({ name: "y" });
    const { text } = await scrape(a);
    const seen: string[] = [];
    for (const line of text.trimEnd().split("\n")) {
      if (line.startsWith("# TYPE ")) {
        const family = line.split(" ")[2]!;
        expect(seen).not.toContain(family);
        seen.push(family);
        continue;
      }
      if (line.startsWith("#")) continue;
      expect(line).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? -?[0-9.e+]+$/);
      expect(line.startsWith(seen.at(-1)!)).toBe(true);
    }
  });

  test("?checks=0 leaves out the per-check series but keeps the totals", async () => {
    const a = anApi();
    await a.create({ name: "x" });
    const { text } = await scrape(a, undefined, "/metrics?checks=0");
    expect(text).not.toContain("tocsin_check_up");
    expect(text).toContain("tocsin_checks_total 1");
  });

  test("counts alert deliveries by channel kind and outcome", async () => {
    // the second webhook's receiver refuses with 400, a permanent failure
    receiver = aReceiver({ statuses: [200, 400] });
    const w = anAlertWorld();
    const check = w.addCheck({ name: "job" });
    w.assign(check, w.addChannel("webhook", { url: `${receiver.url}/a` }, { name: "a" }), w.addChannel("webhook", { url: `${receiver.url}/b` }, { name: "b" }));
    const before = samples((await scrape(w)).text);
    expect(before.get('tocsin_notifications_total{kind="webhook",status="ok"}')).toBe(0);
    expect(before.get('tocsin_notifications_total{kind="email",status="permanent"}')).toBe(0);
    await w.ping(check, "/fail");
    await w.notifier.runDue();
    expect(receiver.received).toHaveLength(2);
    const { text } = await scrape(w);
    expect(text).toContain("# HELP tocsin_notifications_total ");
    expect(text).toContain("# TYPE tocsin_notifications_total counter");
    const s = samples(text);
    expect(s.get('tocsin_notifications_total{kind="webhook",status="ok"}')).toBe(1);
    expect(s.get('tocsin_notifications_total{kind="webhook",status="permanent"}')).toBe(1);
    expect(s.get('tocsin_notifications_total{kind="webhook",status="error"}')).toBe(0);
  });
});
