import { describe, expect, test } from "bun:test";
import { PAGE_SIZE } from "../../src/views/dashboard-checks.ts";
import { migratedStore } from "../support/db.ts";
import { aDashboard } from "./support.ts";

const HOUR = 3_600_000;

describe("the checks page", () => {
  test("lists each check with its status, tags, schedule in words, last ping and next expected time", async () => {
    const w = await aDashboard();
    const backup = w.addCheck({ name: "Nightly backup", slug: "backup", tags: "prod db", kind: "cron", schedule: "0 3 * * *", tz: "Europe/Berlin" });
    const beat = w.addCheck({ name: "heartbeat", timeout: 300 });
    await w.request(`/ping/${beat.uuid}`);
    const page = await w.browser.get("/app/projects/default");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toStartWith("default-src 'self'");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const row = (uuid: string) => new RegExp(`<tr id="check-${uuid}"[\\s\\S]*?</tr>`).exec(page.text)![0];
    expect(row(backup.uuid)).toContain("waiting for first run");
    expect(row(backup.uuid)).toContain("at 03:00 every day (Europe/Berlin)");
    expect(row(backup.uuid)).toContain('<span class="tag">prod</span>');
    expect(row(beat.uuid)).toContain("dot-up");
    expect(row(beat.uuid)).toContain("every 5 min");
    expect(row(beat.uuid)).toContain('datetime="2026-01-15T12:00:00+00:00"');
    expect(row(beat.uuid)).toContain('datetime="2026-01-15T12:05:00+00:00"');
  });

  test.each([
    { name: "by tag", query: "?tag=db", shown: ["backup"] },
    { name: "by status", query: "?status=down", shown: ["broken"] },
    { name: "by text in the name or slug", query: "?q=BEAT", shown: ["heartbeat"] },
    { name: "by tag and status together", query: "?tag=prod&status=up", shown: ["heartbeat"] },
    { name: "ignoring an unknown status", query: "?status=bogus", shown: ["backup", "heartbeat", "broken"] },
  ])("filters $name", async (row) => {
    const w = await aDashboard();
    w.addCheck({ name: "backup", tags: "db" });
    const beat = w.addCheck({ name: "heartbeat", tags: "prod" });
    const broken = w.addCheck({ name: "broken", tags: "prod" });
    await w.request(`/ping/${beat.uuid}`);
    await w.request(`/ping/${broken.uuid}/fail`);
    const page = await w.browser.get(`/app/projects/default${row.query}`);
    const names = [...page.text.matchAll(/<td class="name"><a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1]);
    expect(names).toEqual([...row.shown]);
  });

  test("escapes whatever a check's name and tags hold", async () => {
    const w = await aDashboard();
    w.addCheck({ name: '<script>alert("x")</script>', tags: "<img src=x onerror=alert(1)>" });
    const page = await w.browser.get("/app/projects/default?q=%3Cscript%3E");
    expect(page.text).not.toContain("<script>alert");
    expect(page.text).not.toContain("<img src=x");
    expect(page.text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });

  test("switches projects, and answers 404 for a project that does not exist", async () => {
    const w = await aDashboard();
    const other = w.store.write((tx) => tx.createProject("ops", "Operations", w.clock.now()));
    w.store.write((tx) => tx.insertCheck({ projectId: other.project.id, uuid: crypto.randomUUID(), name: "ops job" }, w.clock.now()));
    const switched = await w.browser.get("/app/projects?project=ops");
    expect(switched.headers.get("location")).toBe("/app/projects/ops");
    const page = await w.browser.get("/app/projects/ops");
    expect(page.text).toContain("ops job");
    expect(page.text).toContain('<option value="ops" selected>Operations</option>');
    expect((await w.browser.get("/app/projects/nope")).status).toBe(404);
  });

  test("splits a long list into pages of PAGE_SIZE rows that keep the filter", async () => {
    const w = await aDashboard();
    w.store.write((tx) => {
      for (let i = 0; i < PAGE_SIZE + 2; i++) tx.insertCheck({ projectId: w.project.id, uuid: crypto.randomUUID(), name: `job ${i}`, tags: "many" }, w.clock.now());
    });
    const first = await w.browser.get("/app/projects/default?tag=many");
    expect(first.text.match(/<tr id="check-/g)).toHaveLength(PAGE_SIZE);
    expect(first.text).toContain("page 1 of 2");
    expect(first.text).toContain('href="/app/projects/default?tag=many&amp;page=2"');
    expect(first.text).not.toContain("data-append");
    const last = await w.browser.get("/app/projects/default?tag=many&page=999");
    expect(last.text.match(/<tr id="check-/g)).toHaveLength(2);
    expect(last.text).toContain("page 2 of 2");
    expect(last.text).toContain("data-append");
  });

  test("reads the list in the same number of statements for 10 checks and for 1 000", async () => {
    const counts: number[] = [];
    for (const n of [10, 1000]) {
      const store = migratedStore(":memory:", { countStatements: true });
      const w = await aDashboard({ store });
      store.write((tx) => {
        for (let i = 0; i < n; i++) tx.insertCheck({ projectId: w.project.id, uuid: crypto.randomUUID(), name: `job ${i}`, tags: i % 2 ? "odd" : "even" }, w.clock.now());
      });
      await w.browser.get("/app/projects/default");
      const before = store.statements();
      const page = await w.browser.get("/app/projects/default");
      counts.push(store.statements() - before);
      expect(page.text.match(/<tr id="check-/g)).toHaveLength(n);
    }
    expect(counts[1]).toBe(counts[0]!);
    expect(counts[0]).toBeLessThanOrEqual(6);
  });
});

describe("a check's page", () => {
  test("shows the ping log with kind, source, user agent, duration, exit status, message and body", async () => {
    const w = await aDashboard();
    const check = w.addCheck({ name: "backup", slug: "backup" });
    await w.request(`/ping/${check.uuid}/start?rid=6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5`, { headers: { "User-Agent": "curl/8.0" } });
    w.clock.advance(12_500);
    await w.request(`/ping/${check.uuid}/3?rid=6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5&msg=disk+<full>`, { method: "POST", body: "pg_dump: error <b>connection</b> refused\n", headers: { "User-Agent": "curl/8.0" } });
    const page = await w.browser.get(`/app/checks/${check.uuid}`);
    const ping2 = /<tr id="ping-2"[\s\S]*?<\/tr>/.exec(page.text)![0];
    expect(ping2).toContain("failure");
    expect(ping2).toContain("http POST from 192.0.2.7");
    expect(ping2).toContain("curl/8.0");
    expect(ping2).toContain("12.5 s");
    expect(ping2).toContain("<td>3</td>");
    expect(ping2).toContain("disk &lt;full&gt;");
    expect(ping2).toContain("<details class=\"body\" id=\"body-2\">");
    expect(ping2).toContain("pg_dump: error &lt;b&gt;connection&lt;/b&gt; refused");
    expect(ping2).toContain(`href="/app/checks/${check.uuid}/pings/2/body" download`);
    expect(page.text).toContain("1 run, longest 12.5 s");
  });

  test("offers the whole body as a download that no browser renders", async () => {
    const w = await aDashboard();
    const check = w.addCheck({ name: "backup" });
    const body = "<html><script>alert(1)</script></html>".repeat(100);
    await w.request(`/ping/${check.uuid}`, { method: "POST", body });
    const res = await w.browser.get(`/app/checks/${check.uuid}/pings/1/body`);
    expect(res.text).toBe(body);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="ping-1.txt"');
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
    const binary = w.addCheck({ name: "bin" });
    await w.request(`/ping/${binary.uuid}`, { method: "POST", body: new Uint8Array([0, 255, 1, 2]) });
    const page = await w.browser.get(`/app/checks/${binary.uuid}`);
    expect(page.text).toContain("Binary body.");
    expect((await w.browser.get(`/app/checks/${binary.uuid}/pings/1/body`)).headers.get("content-type")).toBe("application/octet-stream");
    expect((await w.browser.get(`/app/checks/${binary.uuid}/pings/9/body`)).status).toBe(404);
  });

  test("shows the next fire times in the check's zone and snippets with the check's URLs", async () => {
    const w = await aDashboard({ config: { smtpListen: "127.0.0.1:2525", emailDomains: ["mail.tocsin.test"] } });
    const check = w.addCheck({ name: "reports", slug: "reports", kind: "cron", schedule: "30 2 * * *", tz: "Europe/Riga", pushToken: "push-token-1" });
    const page = await w.browser.get(`/app/checks/${check.uuid}`);
    expect(page.text).toContain("Next 5 fire times");
    expect(page.text).toContain('datetime="2026-01-16T02:30:00+02:00"');
    expect(page.text).toContain(`30 2 * * * /path/to/job &amp;&amp; curl -fsS -m 10 --retry 5 -o /dev/null http://tocsin.test/ping/${check.uuid}`);
    expect(page.text).toContain(`TOCSIN_URL=http://tocsin.test tocsin run ${check.uuid} -- /path/to/job`);
    expect(page.text).toContain(`runitor -api-url http://tocsin.test/ping -uuid ${check.uuid}`);
    expect(page.text).toContain(`${check.uuid}@mail.tocsin.test`);
    expect(page.text).toContain("http://tocsin.test/api/push/push-token-1?status=up");
    expect(page.text).toContain("http://tocsin.test/p/pingkeypingkey0001/reports");
  });

  test("shows no email address while the SMTP listener is off", async () => {
    const w = await aDashboard({ config: { emailDomains: ["mail.tocsin.test"] } });
    const check = w.addCheck({ name: "reports" });
    expect((await w.browser.get(`/app/checks/${check.uuid}`)).text).not.toContain("@mail.tocsin.test");
  });

  test("answers 404 for an unknown or malformed uuid", async () => {
    const w = await aDashboard();
    expect((await w.browser.get("/app/checks/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await w.browser.get("/app/checks/not-a-uuid")).status).toBe(404);
  });
});

describe("actions on a check", () => {
  test("pause, resume, mute and unmute go through the check operations and redirect back", async () => {
    const w = await aDashboard();
    const check = w.addCheck({ name: "backup" });
    await w.request(`/ping/${check.uuid}`);
    const page = `/app/checks/${check.uuid}`;
    await w.browser.get(page);
    const paused = await w.browser.post(`${page}/pause`);
    expect(paused.headers.get("location")).toBe(`${page}?done=paused`);
    expect(w.reload(check).status).toBe("paused");
    expect((await w.browser.get(`${page}?done=paused`)).text).toContain("Paused: pings are still recorded");
    await w.browser.post(`${page}/resume`);
    expect(w.reload(check).status).toBe("new");
    expect((await w.browser.post(`${page}/resume`)).headers.get("location")).toBe(`${page}?error=not_paused`);
    await w.browser.post(`${page}/mute`, { hours: "4" });
    expect(w.reload(check).mutedUntil).toBe(w.clock.now() + 4 * HOUR);
    expect((await w.browser.post(`${page}/mute`, { hours: "-1" })).headers.get("location")).toBe(`${page}?error=invalid`);
    await w.browser.post(`${page}/mute`, { hours: "0" });
    expect(w.reload(check).mutedUntil).toBeNull();
  });

  test("delete needs its confirmation box, then removes the check and its ping URL", async () => {
    const w = await aDashboard();
    const check = w.addCheck({ name: "backup" });
    const page = `/app/checks/${check.uuid}`;
    await w.browser.get(page);
    expect((await w.browser.post(`${page}/delete`)).headers.get("location")).toBe(`${page}?error=confirm`);
    expect(w.count("checks")).toBe(1);
    const deleted = await w.browser.post(`${page}/delete`, { confirm: "yes" });
    expect(deleted.headers.get("location")).toBe("/app/projects/default?done=deleted");
    expect(w.count("checks")).toBe(0);
    expect((await w.request(`/ping/${check.uuid}`)).status).toBe(404);
  });

  test("a check the config file manages can be paused but not deleted", async () => {
    const w = await aDashboard();
    const check = w.addCheck({ name: "declared" });
    w.store.write((tx) => tx.setCheckManaged(check.id, true));
    const page = `/app/checks/${check.uuid}`;
    await w.browser.get(page);
    expect((await w.browser.post(`${page}/delete`, { confirm: "yes" })).headers.get("location")).toBe(`${page}?error=managed`);
    expect(w.count("checks")).toBe(1);
    await w.browser.post(`${page}/pause`);
    expect(w.reload(check).status).toBe("paused");
  });
});
