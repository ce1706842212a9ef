import { describe, expect, test } from "bun:test";
import { aWorld } from "../support/world.ts";

describe("the served status page", () => {
  test("lists public checks with their status and never private ones or their identifiers", async () => {
    const w = aWorld();
    const shown = w.addCheck({ name: "Nightly backup", public: true, group: "Storage", timeout: 60, grace: 0 });
    const hidden = w.addCheck({ name: "Secret payroll job", public: false });
    await w.request(`/ping/${shown.uuid}`);
    const page = await (await w.request("/status")).text();
    expect(page).toContain("Nightly backup");
    expect(page).toContain(">Storage</h2>");
    expect(page).toContain("All systems operational");
    expect(page).not.toContain("Secret payroll job");
    expect(page).not.toContain(shown.uuid);
    expect(page).not.toContain(hidden.uuid);
    expect(page).not.toContain(w.project.pingKey);
    expect(page).toContain('href="/static/status.css"');
  });

  test("shows an outage when a public check is down", async () => {
    const w = aWorld();
    const check = w.addCheck({ name: "Backup", public: true });
    await w.request(`/ping/${check.uuid}/fail`);
    const page = await (await w.request("/status")).text();
    expect(page).toContain('class="banner banner-outage"');
    expect(page).toContain('<span class="state state-down"><span class="dot" aria-hidden="true"></span>down</span>');
  });

  test("shows a check's outages as incidents, in its day's bar and in its uptime, however fast it flapped", async () => {
    const w = aWorld();
    const check = w.addCheck({ name: "Backup", slug: "backup", public: true, timeout: 86_400, grace: 3600 });
    await w.request(`/ping/${check.uuid}`); // 12:00 up
    w.clock.advance(3_600_000);
    await w.request(`/ping/${check.uuid}/fail`); // 13:00 down
    w.clock.advance(600_000);
    await w.request(`/ping/${check.uuid}`); // 13:10 up again
    w.clock.advance(3_600_000);
    for (const suffix of ["/fail", "", "/fail", ""]) await w.request(`/ping/${check.uuid}${suffix}`); // 14:10, one flapping row
    w.clock.advance(3_600_000 - 600_000); // 15:00
    const page = await (await w.request("/status")).text();
    expect(page).toContain("Recent incidents");
    expect(page).toContain("down from <time");
    expect(page).toContain("(10 min 0 s)");
    expect(page.match(/class="state state-resolved"/g)).toHaveLength(2);
    // 10 of the 180 monitored minutes down (the flapping took no measurable time)
    expect(page).toContain("2026-01-15: 94.44% up, down 10 min 0 s, 2 incidents");
  });

  test("serves the page's stylesheet", async () => {
    const w = aWorld();
    const css = await w.request("/static/status.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("Content-Type")).toStartWith("text/css");
    expect(await css.text()).toContain("prefers-color-scheme: dark");
  });
});
