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
