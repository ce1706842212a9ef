import { describe, expect, test } from "bun:test";
import { checkFieldsSchema } from "../../src/checks/definition.ts";
import { DEFAULT_DEFINITION } from "../../src/store/check-model.ts";
import { mergeDefinition } from "../../src/checks/merge.ts";

const NOW = Date.UTC(2026, 0, 15, 12);

describe("merging a request into a definition", () => {
  test("a schedule makes a cron check, a timeout a simple one, and other fields keep the kind", () => {
    const cron = mergeDefinition(DEFAULT_DEFINITION, { schedule: "0 3 * * *" }, NOW);
    expect(cron.ok && cron.definition.kind).toBe("cron");
    if (!cron.ok) return;
    const renamed = mergeDefinition(cron.definition, { name: "x" }, NOW);
    expect(renamed.ok && renamed.definition.kind).toBe("cron");
    const simple = mergeDefinition(cron.definition, { timeout: 60 }, NOW);
    expect(simple.ok && simple.definition.kind).toBe("simple");
  });

  test("a schedule wins over a timeout given with it", () => {
    const both = mergeDefinition(DEFAULT_DEFINITION, { schedule: "@daily", timeout: 60 }, NOW);
    expect(both.ok && both.definition.kind).toBe("cron");
  });

  test.each([
    ["timeout", { timeout: 0 }],
    ["grace", { grace: 400 * 86_400 }],
    ["max_runtime", { max_runtime: -1 }],
    ["failure_threshold", { failure_threshold: 0 }],
    ["reminder_interval", { reminder_interval: 299 }],
    ["muted_until", { muted_until: "tomorrow" }],
    ["tz", { tz: "Europe/Atlantis" }],
    ["schedule", { schedule: "* * *" }],
  ])("refuses a bad %s, naming it", (field, fields) => {
    const result = mergeDefinition(DEFAULT_DEFINITION, fields, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.field).toBe(field);
      expect(result.message.startsWith(`${field} `)).toBe(true);
    }
  });

  test("sets every field at once", () => {
    const result = mergeDefinition(
      DEFAULT_DEFINITION,
      {
        name: "n", slug: "s", tags: "a b", desc: "d", schedule: "0 3 * * *", tz: "Asia/Tokyo", grace: 5, max_runtime: 90, failure_threshold: 2,
        manual_resume: true, methods: "POST", start_kw: "go", success_kw: "ok", failure_kw: "bad", filter_subject: true, filter_body: true,
        filter_http_body: true, filter_default_fail: true, public: true, group: "g", reminder_interval: 600, muted_until: "2026-02-01T00:00:00Z", push_token: "tok",
        rules: [{ metric: "rows", op: "<", value: 1 }],
        alert_new: false,
      },
      NOW,
    );
    expect(result.ok && result.definition).toEqual({
      name: "n", slug: "s", tags: "a b", desc: "d", kind: "cron", timeout: 86_400, schedule: "0 3 * * *", tz: "Asia/Tokyo", grace: 5, maxRuntime: 90,
      failureThreshold: 2, manualResume: true, methods: "POST", startKw: "go", successKw: "ok", failureKw: "bad", filterSubject: true, filterBody: true,
      filterHttpBody: true, filterDefaultFail: true, public: true, group: "g", pushToken: "tok", reminderInterval: 600, mutedUntil: Date.UTC(2026, 1, 1),
      rules: [{ metric: "rows", op: "<", value: 1 }],
      replicaPolicy: "any", loadMaxCpu: null, loadMaxRam: null, alertNew: false,
    });
  });

  test("checks the stored schedule against a new time zone", () => {
    const base = { ...DEFAULT_DEFINITION, kind: "cron" as const, schedule: "30 2 * * *" };
    expect(mergeDefinition(base, { tz: "America/New_York" }, NOW).ok).toBe(true);
    expect(mergeDefinition(base, { tz: "America/Gotham" }, NOW).ok).toBe(false);
  });

  test("the schema ignores unknown fields and refuses nulls", () => {
    expect(checkFieldsSchema.safeParse({ name: "x", unknown_field: 1 }).success).toBe(true);
    expect(checkFieldsSchema.safeParse({ name: null }).success).toBe(false);
  });
});
