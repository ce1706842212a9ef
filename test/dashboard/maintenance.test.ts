import { describe, expect, test } from "bun:test";
import { fieldBlock } from "./forms.ts";
import { aDashboard } from "./support.ts";

const ONCE = { name: "DB upgrade", shape: "once", start: "2026-01-15T14:00", end: "2026-01-15T16:30", cron: "", duration: "", tz: "Europe/Berlin", slugs: "backup", tags: "" };
const WEEKLY = { name: "Sunday patching", shape: "cron", start: "", end: "", cron: "0 2 * * 0", duration: "2h", tz: "UTC", slugs: "", tags: "infra" };

describe("the maintenance page", () => {
  test("creates a one-off window from local times in its zone, and the check's page shows it", async () => {
    const w = await aDashboard();
    const check = w.addCheck({ name: "backup", slug: "backup" });
    await w.browser.get("/app/projects/default/maintenance");
    const res = await w.browser.post("/app/projects/default/maintenance", ONCE);
    expect(res.status).toBe(303);
    const [window] = w.store.read((tx) => tx.listWindows(w.project.id));
    // 14:00 in Berlin in January is 13:00 UTC
    expect(window).toMatchObject({ name: "DB upgrade", start: Date.UTC(2026, 0, 15, 13), end: Date.UTC(2026, 0, 15, 15, 30), cron: null, slugs: ["backup"] });
    const list = await w.browser.get("/app/projects/default/maintenance");
    const card = new RegExp(`<section class="card window" id="window-${window!.id}"[\\s\\S]*?</section>`).exec(list.text)![0];
    expect(card).toContain(`href="/app/checks/${check.uuid}">backup</a>`);
    expect(card).toContain('datetime="2026-01-15T14:00:00+01:00"');
    const page = await w.browser.get(`/app/checks/${check.uuid}`);
    expect(/<ul class="windows" id="check-windows">[\s\S]*?<\/ul>/.exec(page.text)![0]).toContain("DB upgrade: next");
  });

  test("lists a recurring window's next occurrences and the checks its tags select", async () => {
    const w = await aDashboard();
    const infra = w.addCheck({ name: "disk", tags: "infra" });
    w.addCheck({ name: "other", tags: "web" });
    await w.browser.get("/app/projects/default/maintenance");
    await w.browser.post("/app/projects/default/maintenance", WEEKLY);
    const list = await w.browser.get("/app/projects/default/maintenance");
    const occurrences = /<ol class="fires occurrences">([\s\S]*?)<\/ol>/.exec(list.text)![1]!;
    // T0 is Thursday 2026-01-15: the next Sundays at 02:00 UTC
    expect([...occurrences.matchAll(/<li><time datetime="([^"]+)"/g)].map((m) => m[1])).toEqual(["2026-01-18T02:00:00+00:00", "2026-01-25T02:00:00+00:00", "2026-02-01T02:00:00+00:00", "2026-02-08T02:00:00+00:00", "2026-02-15T02:00:00+00:00"]);
    expect(list.text).toContain(`href="/app/checks/${infra.uuid}">disk</a>`);
    expect(list.text).not.toContain(">other</a>");
  });

  test.each([
    { name: "an end before the start", form: { ...ONCE, end: "2026-01-15T13:00" }, field: "end", kept: 'value="2026-01-15T13:00"', message: "end must be after start" },
    { name: "a start that is not a date", form: { ...ONCE, start: "tomorrow" }, field: "start", kept: 'value="tomorrow"', message: "start is not a date and time" },
    { name: "an unknown zone", form: { ...ONCE, tz: "Europe/Berln" }, field: "tz", kept: 'value="Europe/Berln"', message: "tz is not a valid timezone" },
    { name: "a bad cron expression", form: { ...WEEKLY, cron: "0 2 * * 8" }, field: "cron", kept: 'value="0 2 * * 8"', message: "day-of-week field" },
    { name: "a duration that is not one", form: { ...WEEKLY, duration: "two hours" }, field: "duration", kept: 'value="two hours"', message: "duration must be a number of seconds or a duration like" },
    { name: "nothing selected", form: { ...WEEKLY, tags: "" }, field: "slugs", kept: 'value=""', message: "slugs or tags must select some checks" },
  ])("re-renders $name with the value kept and the message beside the field", async (row) => {
    const w = await aDashboard();
    await w.browser.get("/app/projects/default/maintenance");
    const res = await w.browser.post("/app/projects/default/maintenance", row.form);
    expect(res.status).toBe(400);
    expect(fieldBlock(res.text, row.field)).toContain(row.kept);
    expect(fieldBlock(res.text, row.field)).toContain(row.message);
    expect(w.count("maintenance")).toBe(0);
  });

  test("deletes a window", async () => {
    const w = await aDashboard();
    await w.browser.get("/app/projects/default/maintenance");
    await w.browser.post("/app/projects/default/maintenance", WEEKLY);
    const [window] = w.store.read((tx) => tx.listWindows(w.project.id));
    const res = await w.browser.post(`/app/projects/default/maintenance/${window!.id}/delete`);
    expect(res.headers.get("location")).toBe("/app/projects/default/maintenance?done=deleted");
    expect(w.count("maintenance")).toBe(0);
  });
});
