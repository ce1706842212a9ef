import { describe, expect, test } from "bun:test";
import { fieldBlock } from "./forms.ts";
import { aDashboard } from "./support.ts";

const VALID_CRON = { name: "Nightly backup", slug: "backup", kind: "cron", schedule: "0 3 * * *", tz: "Europe/Berlin", grace: "5m", max_runtime: "", failure_threshold: "1", reminder_interval: "", alert_new: "on", tags: "prod db", desc: "", group: "", methods: "", rules: "", timeout: "1d" };

describe("the new check form", () => {
  test("creates a cron check through the check operations and shows its page", async () => {
    const w = await aDashboard();
    const form = await w.browser.get("/app/projects/default/checks/new");
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="schedule"');
    const res = await w.browser.post("/app/projects/default/checks/new", VALID_CRON);
    expect(res.status).toBe(303);
    const uuid = /\/app\/checks\/([0-9a-f-]{36})\?done=created/.exec(res.headers.get("location") ?? "")![1]!;
    const check = w.store.read((tx) => tx.getCheckByUuid(uuid))!;
    expect(check).toMatchObject({ name: "Nightly backup", slug: "backup", kind: "cron", schedule: "0 3 * * *", tz: "Europe/Berlin", grace: 300, tags: "prod db", alertNew: true });
  });

  test("re-renders a bad schedule with the value kept and the message beside the field", async () => {
    const w = await aDashboard();
    await w.browser.get("/app/projects/default/checks/new");
    const res = await w.browser.post("/app/projects/default/checks/new", { ...VALID_CRON, schedule: "0 25 * * *" });
    expect(res.status).toBe(400);
    const block = fieldBlock(res.text, "schedule");
    expect(block).toContain('value="0 25 * * *"');
    expect(block).toContain("schedule is not a valid cron expression (hour field: 25 is out of range 0-23)");
    expect(w.count("checks")).toBe(0);
  });
});

describe("the check form's values", () => {
  test.each([
    { name: "a name over 100 characters", form: { name: "n".repeat(101) }, field: "name", kept: `value="${"n".repeat(101)}"`, message: "name is too long" },
    { name: "a slug with capitals", form: { slug: "Backup" }, field: "slug", kept: 'value="Backup"', message: "slug does not match pattern" },
    { name: "a grace that is not a duration", form: { grace: "5 minutes" }, field: "grace", kept: 'value="5 minutes"', message: "grace must be a number of seconds or a duration like 90s, 5m, 1h30m" },
    { name: "a grace over a year", form: { grace: "400d" }, field: "grace", kept: 'value="400d"', message: "grace must be an integer from 0 to 31536000 seconds" },
    { name: "a failure threshold that is not a number", form: { failure_threshold: "many" }, field: "failure_threshold", kept: 'value="many"', message: "failure_threshold is not a number" },
    { name: "reminders more often than every 5 minutes", form: { reminder_interval: "2m" }, field: "reminder_interval", kept: 'value="2m"', message: "reminder_interval must be 0 (off) or at least 300 seconds" },
    { name: "a misspelt zone", form: { tz: "Europe/Berln" }, field: "tz", kept: 'value="Europe/Berln"', message: "tz is not a valid timezone; did you mean &quot;Europe/Berlin&quot;?" },
    { name: "a rule without an operator", form: { rules: "rows_processed 1" }, field: "rules", kept: "rows_processed 1</textarea>", message: "rules line 1 is not &quot;metric op value&quot;" },
    { name: "a rule without a number", form: { rules: "duration < 2\nrows < none" }, field: "rules", kept: "rows &lt; none</textarea>", message: "rules line 2: value is not a number" },
    { name: "an empty period of a simple check", form: { kind: "simple", timeout: "" }, field: "timeout", kept: 'value=""', message: "timeout is required" },
  ])("re-renders $name with the value kept and the message beside the field", async (row) => {
    const w = await aDashboard();
    await w.browser.get("/app/projects/default/checks/new");
    const res = await w.browser.post("/app/projects/default/checks/new", { ...VALID_CRON, ...row.form });
    expect(res.status).toBe(400);
    const block = fieldBlock(res.text, row.field);
    expect(block).toContain(row.kept);
    expect(block).toContain(row.message);
    expect(block).toContain("aria-invalid=\"true\"");
    expect(fieldBlock(res.text, "name")).toContain(`value="${(row.form as { name?: string }).name ?? "Nightly backup"}"`);
    expect(w.count("checks")).toBe(0);
  });

  test("refuses a slug another check has, beside the slug", async () => {
    const w = await aDashboard();
    w.addCheck({ name: "old", slug: "backup" });
    await w.browser.get("/app/projects/default/checks/new");
    const res = await w.browser.post("/app/projects/default/checks/new", VALID_CRON);
    expect(res.status).toBe(400);
    expect(fieldBlock(res.text, "slug")).toContain("slug already in use");
  });

  test("assigns the ticked channels and reads rules, reporters and switches as the API does", async () => {
    const w = await aDashboard();
    const channel = w.store.write((tx) => tx.insertChannel({ id: crypto.randomUUID(), projectId: w.project.id, name: "hook", kind: "webhook", settings: { url: "http://example.org/" }, managed: false, created: 0 }));
    await w.browser.get("/app/projects/default/checks/new");
    const res = await w.browser.post("/app/projects/default/checks/new", {
      ...VALID_CRON, kind: "reporter", channels: [channel.id], rules: "rows_processed < 1\nduration >= 3600", public: "on", methods: "POST", replica_policy: "all", load_max_cpu: "2.5", load_max_ram: "", alert_new: [],
    });
    expect(res.status).toBe(303);
    const [check] = w.store.read((tx) => tx.listChecksOfProject(w.project.id));
    expect(check).toMatchObject({ kind: "reporter", public: true, methods: "POST", replicaPolicy: "all", loadMaxCpu: 2.5, loadMaxRam: null, alertNew: false, rules: [{ metric: "rows_processed", op: "<", value: 1 }, { metric: "duration", op: ">=", value: 3600 }] });
    expect(w.store.read((tx) => tx.channelsOfCheck(check!.id)).map((c) => c.id)).toEqual([channel.id]);
  });

  test("ticks every channel of the project on a new check's form", async () => {
    const w = await aDashboard();
    const channel = w.store.write((tx) => tx.insertChannel({ id: crypto.randomUUID(), projectId: w.project.id, name: "hook", kind: "webhook", settings: { url: "http://example.org/" }, managed: false, created: 0 }));
    const form = await w.browser.get("/app/projects/default/checks/new");
    expect(fieldBlock(form.text, "channels")).toContain(`value="${channel.id}" checked`);
  });
});

describe("editing a check", () => {
  test("shows durations as people type them and saves through updateCheck", async () => {
    const w = await aDashboard();
    const check = w.addCheck({ name: "beat", slug: "beat", timeout: 5400, grace: 300, maxRuntime: 7200, reminderInterval: 3600 });
    const form = await w.browser.get(`/app/checks/${check.uuid}/edit`);
    expect(fieldBlock(form.text, "timeout")).toContain('value="1h30m"');
    expect(fieldBlock(form.text, "grace")).toContain('value="5m"');
    expect(fieldBlock(form.text, "max_runtime")).toContain('value="2h"');
    expect(fieldBlock(form.text, "reminder_interval")).toContain('value="1h"');
    const values = Object.fromEntries(new URLSearchParams([...form.text.matchAll(/<input id="f-[^"]+" name="([^"]+)" type="text" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!] as [string, string])));
    const res = await w.browser.post(`/app/checks/${check.uuid}/edit`, { ...values, kind: "simple", timeout: "2h", alert_new: "on", methods: "", rules: "", desc: "" });
    expect(res.headers.get("location")).toBe(`/app/checks/${check.uuid}?done=saved`);
    expect(w.reload(check)).toMatchObject({ name: "beat", timeout: 7200, grace: 300, maxRuntime: 7200, reminderInterval: 3600 });
  });

  test("re-renders a bad value with the value kept and the message beside the field", async () => {
    const w = await aDashboard();
    const check = w.addCheck({ name: "beat", timeout: 300 });
    await w.browser.get(`/app/checks/${check.uuid}/edit`);
    const res = await w.browser.post(`/app/checks/${check.uuid}/edit`, { name: "beat", kind: "simple", timeout: "0", grace: "1m", failure_threshold: "1" });
    expect(res.status).toBe(400);
    expect(fieldBlock(res.text, "timeout")).toContain('value="0"');
    expect(fieldBlock(res.text, "timeout")).toContain("timeout must be an integer from 1 to 31536000 seconds");
    expect(w.reload(check).timeout).toBe(300);
  });

  test("sends a check the config file declares back to its page", async () => {
    const w = await aDashboard();
    const check = w.addCheck({ name: "declared" });
    w.tx.setCheckManaged(check.id, true);
    const res = await w.browser.get(`/app/checks/${check.uuid}/edit`);
    expect(res.headers.get("location")).toBe(`/app/checks/${check.uuid}?error=managed`);
    await w.browser.get(`/app/checks/${check.uuid}`);
    expect((await w.browser.post(`/app/checks/${check.uuid}/edit`, { ...VALID_CRON, name: "changed" })).headers.get("location")).toBe(`/app/checks/${check.uuid}?error=managed`);
    expect(w.reload(check).name).toBe("declared");
  });
});

describe("the schedule preview", () => {
  test("lists the next 5 fire times in the check's zone and warns of a fixed time in a DST gap", async () => {
    const w = await aDashboard();
    const res = await w.browser.get("/app/schedule-preview?schedule=30+2+*+*+*&tz=Europe/Berlin");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toStartWith("default-src 'self'");
    const fires = [...res.text.matchAll(/<li><time datetime="([^"]+)"/g)].map((m) => m[1]);
    expect(fires).toEqual(["2026-01-16T02:30:00+01:00", "2026-01-17T02:30:00+01:00", "2026-01-18T02:30:00+01:00", "2026-01-19T02:30:00+01:00", "2026-01-20T02:30:00+01:00"]);
    expect(res.text).toContain("2026-03-29 02:30 does not exist in Europe/Berlin");
    expect(res.text).toContain("at 2026-03-29 03:00 instead");
  });

  test.each([
    { name: "a bad expression", query: "schedule=0+25+*+*+*&tz=UTC", message: "schedule is not a valid cron expression (hour field: 25 is out of range 0-23)" },
    { name: "an unknown zone", query: "schedule=0+3+*+*+*&tz=Mars/Olympus", message: "tz is not a valid timezone" },
    { name: "an expression over 100 characters", query: `schedule=${"1".repeat(101)}&tz=UTC`, message: "schedule is too long" },
  ])("names the problem of $name as the API does", async (row) => {
    const w = await aDashboard();
    const res = await w.browser.get(`/app/schedule-preview?${row.query}`);
    expect(res.text).toContain(`<p class="field-error"`);
    expect(res.text).toContain(row.message);
  });

  test("is what the form's Preview button shows, without saving", async () => {
    const w = await aDashboard();
    await w.browser.get("/app/projects/default/checks/new");
    const res = await w.browser.post("/app/projects/default/checks/new", { ...VALID_CRON, preview: "1" });
    expect(res.status).toBe(200);
    expect(res.text.match(/<li><time datetime=/g)).toHaveLength(5);
    expect(w.count("checks")).toBe(0);
  });
});
