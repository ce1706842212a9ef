import { describe, expect, test } from "bun:test";
import { overallStatus, renderStatusPage } from "../../src/status-page/render.ts";
import { aWorld } from "../support/world.ts";

describe("public status page", () => {
  test("lists public checks with their status and never private ones or their identifiers", async () => {
    const w = aWorld();
    const shown = w.addCheck({ name: "Nightly backup", public: true, group: "Storage", timeout: 60, grace: 0 });
    const hidden = w.addCheck({ name: "Secret payroll job", public: false });
    await w.request(`/ping/${shown.uuid}`);
    const page = await (await w.request("/status")).text();
    expect(page).toContain("Nightly backup");
    expect(page).toContain("<h2>Storage</h2>");
    expect(page).toContain("All systems operational");
    expect(page).not.toContain("Secret payroll job");
    expect(page).not.toContain(shown.uuid);
    expect(page).not.toContain(hidden.uuid);
    expect(page).not.toContain(w.project.pingKey);
  });

  test("shows an outage when a public check is down", async () => {
    const w = aWorld();
    const check = w.addCheck({ name: "Backup", public: true });
    await w.request(`/ping/${check.uuid}/fail`);
    const page = await (await w.request("/status")).text();
    expect(page).toContain('class="banner outage"');
    expect(page).toContain('<span class="state down">down</span>');
  });

  test("escapes names so a check cannot inject markup", () => {
    const page = renderStatusPage({
      title: "Status",
      generated: "2026-01-01T00:00:00+00:00",
      checks: [{ name: '<script>alert("x")</script>', group: "a&b", status: "up", lastPing: null }],
    });
    expect(page).not.toContain("<script>");
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(page).toContain("a&amp;b");
  });

  test.each([
    { statuses: ["up", "new", "paused", "started"], overall: "operational" },
    { statuses: ["up", "grace"], overall: "degraded" },
    { statuses: ["grace", "down"], overall: "outage" },
  ] as const)("the banner says $overall for $statuses", ({ statuses, overall }) => {
    expect(overallStatus(statuses.map((status) => ({ name: "x", group: "", status, lastPing: null })))).toBe(overall);
  });
});
