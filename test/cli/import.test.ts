import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { RemoteCheckSchema } from "../../src/cli/client/check-json.ts";
import { tocsinFieldsOf } from "../../src/cli/import-healthchecks.ts";
import { runCli } from "../support/cli.ts";
import { type LiveDaemon, liveDaemon, READ_ONLY_KEY } from "./client-support.ts";

// Two Tocsin daemons: the source poses as the Healthchecks API (same v3 shapes), the target
// receives the checks through its own API.
const SOURCE_KEY = "tcw_sourcesourcesourcesourcesour";
const TARGET_KEY = "tcw_targettargettargettargettarg";
const BACKUPS = "a0a0a0a0-1111-4222-8333-444455556666";
const REPORTS = "b1b1b1b1-1111-4222-8333-444455556666";
const LEGACY = "c2c2c2c2-1111-4222-8333-444455556666";
const CLASH = "d3d3d3d3-1111-4222-8333-444455556666";

let source: LiveDaemon;
let target: LiveDaemon;
let crowded: LiveDaemon;
beforeAll(async () => {
  [source, target, crowded] = await Promise.all([
    liveDaemon(
      [
        { uuid: BACKUPS, name: "Backups", slug: "backups", tags: "prod db", desc: "nightly dump", timeout: 86_400, grace: 3_600, methods: "POST", public: true, group: "Databases", maxRuntime: 900, failureThreshold: 2, reminderInterval: 600 },
        { uuid: REPORTS, name: "Reports", slug: "reports", kind: "cron", schedule: "0 3 * * 1-5", tz: "Europe/Riga", grace: 600, manualResume: true },
        { uuid: LEGACY, name: "Legacy job", slug: "", timeout: 3_600, grace: 300 },
      ],
      { apiKey: SOURCE_KEY, pingKey: "sourcepingkey0123456" },
    ),
    liveDaemon([], { apiKey: TARGET_KEY, pingKey: "targetpingkey0123456" }),
    // a target where the slug "reports" already belongs to another check
    liveDaemon([{ uuid: CLASH, name: "Other reports", slug: "reports" }], { apiKey: TARGET_KEY, pingKey: "crowdedpingkey012345" }),
  ]);
  const paused = await fetch(`${source.url}/api/v3/checks/${LEGACY}/pause`, { method: "POST", headers: { "X-Api-Key": SOURCE_KEY } });
  expect(paused.status).toBe(200);
});
afterAll(() => Promise.all([source.stop(), target.stop(), crowded.stop()]));

const importInto = (to: LiveDaemon, ...extra: string[]) =>
  runCli(["import", "healthchecks", "--url", source.url, "--api-key", SOURCE_KEY, "--to", to.url, ...extra], { env: { TOCSIN_API_KEY: TARGET_KEY } });

async function checksOf(d: LiveDaemon, key = TARGET_KEY): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${d.url}/api/v3/checks/`, { headers: { "X-Api-Key": key } });
  expect(res.status).toBe(200);
  const { checks } = (await res.json()) as { checks: Record<string, unknown>[] };
  return checks.sort((a, b) => String(a.uuid).localeCompare(String(b.uuid)));
}

describe("tocsin import healthchecks", () => {
  test("--dry-run reports what it would do and changes nothing", async () => {
    const r = await importInto(target, "--dry-run");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("3 would be created, 0 would be updated, 0 skipped");
    expect(await checksOf(target)).toEqual([]);
  });

  test("copies every check with its uuid, definition and paused state", async () => {
    const r = await importInto(target);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("3 created, 0 updated, 0 skipped");
    expect(r.stdout).toContain("paused, as in the source");
    const [backups, reports, legacy] = await checksOf(target);
    expect(backups).toMatchObject({ uuid: BACKUPS, name: "Backups", slug: "backups", tags: "prod db", desc: "nightly dump", timeout: 86_400, grace: 3_600, methods: "POST", status: "new" });
    // from another Tocsin: its own fields come along
    expect(backups).toMatchObject({ public: true, group: "Databases", max_runtime: 900, failure_threshold: 2, reminder_interval: 600 });
    // an imported check that never ran here waits for its first ping without paging anyone
    expect(backups).toMatchObject({ alert_new: false, next_ping: null });
    expect(backups!.ping_url).toBe(`${target.url}/ping/${BACKUPS}`);
    expect(reports).toMatchObject({ uuid: REPORTS, name: "Reports", slug: "reports", schedule: "0 3 * * 1-5", tz: "Europe/Riga", grace: 600, manual_resume: true });
    expect(reports).not.toHaveProperty("timeout");
    // max_runtime that followed grace still follows it
    expect(reports).toMatchObject({ max_runtime: 600, public: false, group: "", failure_threshold: 1, reminder_interval: 0, alert_new: false });
    expect(legacy).toMatchObject({ uuid: LEGACY, name: "Legacy job", timeout: 3_600, grace: 300, status: "paused" });
    // the old ping URL works on the new server: no crontab changes
    expect((await fetch(`${target.url}/ping/${BACKUPS}`, { method: "POST" })).status).toBe(200);
  });

  test("running it again updates the same checks instead of duplicating them", async () => {
    const renamed = await fetch(`${source.url}/api/v3/checks/${BACKUPS}`, {
      method: "POST",
      headers: { "X-Api-Key": SOURCE_KEY, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Backups v2", grace: 7_200 }),
    });
    expect(renamed.status).toBe(200);
    const r = await importInto(target);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("0 created, 3 updated, 0 skipped");
    const checks = await checksOf(target);
    expect(checks.map((c) => c.uuid)).toEqual([BACKUPS, REPORTS, LEGACY]);
    expect(checks[0]).toMatchObject({ name: "Backups v2", grace: 7_200 });
    // runtime state belongs to the target: the ping received above is kept
    expect(checks[0]!.status).toBe("up");
  });

  test("--alert-new makes imported checks alert when their first ping is late", async () => {
    const fresh = await liveDaemon([], { apiKey: TARGET_KEY, pingKey: "freshpingkey01234567" });
    try {
      const r = await importInto(fresh, "--alert-new");
      expect(r.status).toBe(0);
      const [backups] = await checksOf(fresh);
      expect(backups).toMatchObject({ uuid: BACKUPS, alert_new: true });
      expect(backups!.next_ping).not.toBeNull();
    } finally {
      await fresh.stop();
    }
  });

  test("a slug already used by another check is skipped with the reason, the rest is imported, exit 1", async () => {
    const r = await importInto(crowded);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`skipped  "Reports" (reports) ${REPORTS}: slug "reports" is already used here by check ${CLASH}`);
    expect(r.stdout).toContain("2 created, 0 updated, 1 skipped");
    expect((await checksOf(crowded)).map((c) => c.uuid)).toEqual([BACKUPS, LEGACY, CLASH]);
  });

  test("a wrong source key: status 1 and the source's 401", async () => {
    const r = await runCli(["import", "healthchecks", "--url", source.url, "--api-key", "tcw_nopenopenopenopenopenopenopen", "--to", target.url, "--to-api-key", TARGET_KEY]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("reading the source");
    expect(r.stderr).toContain("401");
  });

  test("a read-only source key shows no uuids: every check is skipped with that reason", async () => {
    const r = await runCli(["import", "healthchecks", "--url", source.url, "--api-key", READ_ONLY_KEY, "--to", target.url, "--to-api-key", TARGET_KEY]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("0 created, 0 updated, 3 skipped");
    expect(r.stdout).toContain("read-only");
  });
});

describe("tocsin import usage errors exit 2", () => {
  test.each([
    ["no source kind", ["import"], "missing the source kind"],
    ["an unknown source kind", ["import", "cronitor"], 'unknown source "cronitor"'],
    ["no source URL", ["import", "healthchecks", "--api-key", "k"], "--url URL and --api-key KEY"],
    ["no target key", ["import", "healthchecks", "--url", "http://127.0.0.1:9", "--api-key", "k"], "--to-api-key or TOCSIN_API_KEY"],
    ["--project", ["import", "healthchecks", "--url", "http://x", "--api-key", "k", "--project", "p"], "--project is not supported"],
  ])("%s", async (_name, args, message) => {
    const r = await runCli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  test("--help", async () => {
    const r = await runCli(["import", "healthchecks", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("--to-api-key");
  });
});

describe("the fields only another Tocsin sends", () => {
  const remote = (json: Record<string, unknown>) => RemoteCheckSchema.parse({ name: "n", grace: 60, ...json });
  test.each([
    { name: "a Healthchecks check has none", json: { timeout: 60 }, fields: {} },
    { name: "a Tocsin check's are copied", json: { public: true, group: "g", max_runtime: 120, failure_threshold: 3, reminder_interval: 900 },
      fields: { public: true, group: "g", max_runtime: 120, failure_threshold: 3, reminder_interval: 900 } },
    { name: "rules come along when present", json: { rules: [{ metric: "rows", op: "<", value: 1 }] }, fields: { rules: [{ metric: "rows", op: "<", value: 1 }] } },
    { name: "a max_runtime equal to grace follows grace, so it is left out", json: { max_runtime: 60 }, fields: {} },
    { name: "mistyped values are dropped, not fatal", json: { public: "yes", group: 5, failure_threshold: 0, rules: "rows < 1", reminder_interval: -1 }, fields: {} },
  ])("$name", ({ json, fields }) => {
    expect(tocsinFieldsOf(remote(json)) as Record<string, unknown>).toEqual(fields);
  });
});
