import { describe, expect, test } from "bun:test";
import { overallStatus, renderProjectPage } from "../../src/status-page/render.ts";
import type { PublicCheck } from "../../src/views/status-page-model.ts";
import { aProjectPage, aPublicCheck, aWindow, NOW } from "./fixtures.ts";

const check = (c: Partial<PublicCheck>) => aPublicCheck(c);

describe("the overall banner", () => {
  test.each([
    { name: "operational when every check is up", checks: [check({}), check({ status: "started" })], window: false, overall: "operational" },
    { name: "operational with paused and new checks", checks: [check({ status: "paused" }), check({ status: "new", lastRun: null })], window: false, overall: "operational" },
    { name: "operational with no public check at all", checks: [], window: false, overall: "operational" },
    { name: "degraded when a check is late", checks: [check({}), check({ status: "grace" })], window: false, overall: "degraded" },
    { name: "degraded when a check is failing below its threshold", checks: [check({ failing: true })], window: false, overall: "degraded" },
    { name: "outage when a check is down", checks: [check({ status: "grace" }), check({ status: "down" })], window: false, overall: "outage" },
    { name: "maintenance when a window is active", checks: [check({})], window: true, overall: "maintenance" },
    { name: "maintenance when the only down check is inside the window", checks: [check({ status: "down", inMaintenance: true })], window: true, overall: "maintenance" },
    { name: "outage over maintenance when a check outside the window is down", checks: [check({ status: "down" }), check({ inMaintenance: true })], window: true, overall: "outage" },
    { name: "degraded over maintenance when a check outside the window is late", checks: [check({ status: "grace" })], window: true, overall: "degraded" },
  ] as const)("is $name", ({ checks, window, overall }) => {
    expect(overallStatus(checks, window)).toBe(overall);
  });

  test.each([
    { overall: "operational", headline: "All systems operational" },
    { overall: "degraded", headline: "Some jobs are late or failing" },
    { overall: "outage", headline: "Some jobs are down" },
    { overall: "maintenance", headline: "Maintenance in progress" },
  ] as const)("the $overall banner says “$headline” in words beside its colour", ({ overall, headline }) => {
    const page = renderProjectPage(aProjectPage({ overall }));
    expect(page).toContain(`class="banner banner-${overall}"`);
    expect(page).toContain(`</span>${headline}</h2>`);
  });

  test("counts what is wrong in the banner's detail", () => {
    const groups = [{ name: "", checks: [check({ status: "down" }), check({ status: "down" }), check({ status: "grace" }), check({})] }];
    expect(renderProjectPage(aProjectPage({ overall: "outage", groups }))).toContain("2 down · 1 late of 4 checks");
  });
});

describe("labels that never contradict each other", () => {
  test("a resumed check that ran before says when it last ran, not that it waits for its first run", () => {
    const resumed = check({ name: "Resumed", status: "new", lastRun: { at: NOW - 2 * 3_600_000, durationMs: null } });
    const page = renderProjectPage(aProjectPage({ groups: [{ name: "", checks: [resumed] }] }));
    expect(page).toContain("waiting for next run");
    expect(page).toContain('Last ran <time datetime="2026-01-15T10:00:00+00:00"');
    expect(page).not.toContain("waiting for first run");
    expect(page).not.toContain("Never ran");
  });

  test("only a check that never ran waits for its first run", () => {
    const fresh = check({ name: "Fresh", status: "new", lastRun: null });
    const page = renderProjectPage(aProjectPage({ groups: [{ name: "", checks: [fresh] }] }));
    expect(page).toContain("waiting for first run");
    expect(page).toContain("Never ran");
    expect(page).not.toContain("Last ran");
  });

  test("a check inside an active window shows as in maintenance, and the window names it", () => {
    const inside = check({ name: "Backup", status: "down", inMaintenance: true });
    const active = aWindow({ start: NOW - 60_000, end: NOW + 3_600_000, checks: ["Backup"] });
    const page = renderProjectPage(aProjectPage({ overall: "maintenance", groups: [{ name: "", checks: [inside] }], maintenance: { active: [active], upcoming: [] } }));
    expect(page).toContain('<span class="state state-maintenance"><span class="dot" aria-hidden="true"></span>in maintenance</span>');
    expect(page).toContain("Maintenance now");
    expect(page).toContain("affects Backup");
    expect(page).not.toContain("state-down");
  });
});
