// [[channels]] and [[maintenance]] from the config file: upsert by name, managed, released or pruned.
import { describe, expect, test } from "bun:test";
import { applyDeclaredChannels, channelEntrySchema } from "../../src/config-file/declared-channels.ts";
import { applyDeclaredMaintenance, maintenanceEntrySchema } from "../../src/config-file/declared-maintenance.ts";
import { aProject, directTx, migratedStore } from "../support/db.ts";

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

function setup() {
  const store = migratedStore();
  const tx = directTx(store);
  const project = aProject(store);
  const projects = new Map([["default", project.id]]);
  const channels = (...raw: unknown[]) => raw.map((r) => channelEntrySchema.parse(r));
  const windows = (toml: string) => (Bun.TOML.parse(toml) as { maintenance: unknown[] }).maintenance.map((r) => maintenanceEntrySchema.parse(r));
  return { store, tx, project, projects, channels, windows };
}

describe("declared channels", () => {
  test("are created managed, updated in place by name, and released when they leave the file", () => {
    const { tx, project, projects, channels } = setup();
    const first = applyDeclaredChannels(tx, channels({ name: "ops", kind: "email", settings: { to: ["a@example.com"] } }, { name: "run", kind: "shell", settings: { argv: ["/usr/local/bin/page"] } }), projects, NOW);
    expect(first).toEqual({ errors: [], warnings: [] });
    const created = tx.listChannels(project.id).sort((a, b) => a.name.localeCompare(b.name));
    expect(created.map((c) => [c.name, c.kind, c.managed])).toEqual([["ops", "email", true], ["run", "shell", true]]);
    applyDeclaredChannels(tx, channels({ name: "ops", kind: "email", settings: { to: ["b@example.com"] } }), projects, NOW + 1);
    const after = tx.listChannels(project.id);
    expect(after.find((c) => c.name === "ops")).toMatchObject({ id: created[0]!.id, settings: { to: ["b@example.com"] }, managed: true });
    expect(after.find((c) => c.name === "run")).toMatchObject({ managed: false });
  });

  test("with prune, channels that left the file are deleted", () => {
    const { tx, project, projects, channels } = setup();
    applyDeclaredChannels(tx, channels({ name: "ops", kind: "slack", settings: { url: "https://x.test" } }), projects, NOW);
    expect(applyDeclaredChannels(tx, [], projects, NOW, { prune: true })).toEqual({ errors: [], warnings: [] });
    expect(tx.listChannels(project.id)).toEqual([]);
  });

  test("lists every problem with its path", () => {
    const { tx, projects, channels } = setup();
    const result = applyDeclaredChannels(
      tx,
      channels({ name: "a", kind: "webhook", settings: {} }, { name: "b", project: "nope", kind: "slack" }, { name: "c", kind: "slack", settings: { url: "https://x.test" } }, { name: "c", kind: "slack", settings: { url: "https://x.test" } }),
      projects,
      NOW,
    );
    expect(result.errors).toEqual(["channels[0].settings.url: is required", 'channels[1].project: unknown project "nope"', 'channels[3].name: "c" is already declared by channels[2]']);
  });

  test("refuses a name already used by an API-created channel", () => {
    const { tx, project, projects, channels } = setup();
    tx.insertChannel({ id: crypto.randomUUID(), projectId: project.id, name: "ops", kind: "slack", settings: { url: "https://x.test" }, managed: false, created: 0 });
    expect(applyDeclaredChannels(tx, channels({ name: "ops", kind: "slack", settings: { url: "https://y.test" } }), projects, NOW).errors).toEqual(['channels[0].name: "ops" is already used by a channel created through the API']);
  });

  test("the entry schema reports misspelt keys and unknown kinds", () => {
    expect(channelEntrySchema.safeParse({ name: "x", kind: "email", setings: {} }).success).toBe(false);
    expect(channelEntrySchema.safeParse({ name: "x", kind: "fax" }).success).toBe(false);
  });
});

describe("declared maintenance windows", () => {
  test("accept TOML date-times, ISO strings and cron windows, upserted by name", () => {
    const { tx, project, projects, windows } = setup();
    const toml = `
[[maintenance]]
name = "dc-move"
start = 2026-03-01T22:00:00Z
end = "2026-03-02T02:00:00+02:00"
slugs = ["*"]

[[maintenance]]
name = "sunday"
cron = "0 2 * * 0"
tz = "Europe/Riga"
duration = 7200
tags = "db prod"
`;
    expect(applyDeclaredMaintenance(tx, windows(toml), projects, NOW)).toEqual({ errors: [], warnings: [] });
    const stored = tx.listWindows(project.id).sort((a, b) => a.name.localeCompare(b.name));
    expect(stored.map((w) => [w.name, w.start, w.end, w.cron, w.tags, w.managed])).toEqual([
      ["dc-move", Date.UTC(2026, 2, 1, 22), Date.UTC(2026, 2, 2, 0), null, [], true],
      ["sunday", null, null, "0 2 * * 0", ["db", "prod"], true],
    ]);
    const again = applyDeclaredMaintenance(tx, windows(toml.replace("duration = 7200", "duration = 3600")).slice(1), projects, NOW);
    expect(again.warnings).toEqual(['maintenance window "dc-move" left the config file and is no longer managed']);
    expect(tx.listWindows(project.id).find((w) => w.name === "sunday")).toMatchObject({ id: stored[1]!.id, duration: 3600 });
  });

  test("lists invalid windows with their path", () => {
    const { tx, projects, windows } = setup();
    const result = applyDeclaredMaintenance(tx, windows(`[[maintenance]]\nname = "x"\ncron = "0 25 * * *"\nduration = 60\ntags = ["a"]\n`), projects, NOW);
    expect(result.errors[0]).toStartWith("maintenance[0]: cron:");
  });

  test("a local date-time without offset is refused by the schema", () => {
    const parsed = maintenanceEntrySchema.safeParse((Bun.TOML.parse(`start = 2026-03-01T22:00:00\nend = 2026-03-01T23:00:00\nname = "x"\nslugs = ["*"]`) as Record<string, unknown>));
    expect(parsed.success).toBe(false);
  });
});
