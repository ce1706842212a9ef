// Upgrading a database written before uptime buckets (schema 2): the version 3 code step replays
// each check's flips into buckets once, so uptime reads the same figures as the exact replay.
// The old schema has no store functions any more, so its rows are written with SQL here.
import { Database } from "bun:sqlite";
import { describe, expect, test } from "bun:test";
import { loadMigrations } from "../../src/assets.ts";
import { loadExtras } from "../../src/checks/check-extras.ts";
import type { CheckStatus } from "../../src/core/types.ts";
import { RETENTION_MS } from "../../src/core/uptime-buckets.ts";
import { uptimeWindows } from "../../src/core/uptime.ts";
import { migrate } from "../../src/store/migrate.ts";
import { openStore } from "../../src/store/store.ts";
import { directTx, tempDbPath } from "../support/db.ts";

const migrations = loadMigrations();
const H = 3_600_000;
const D = 24 * H;
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

type FlipSpec = [created: number, oldStatus: CheckStatus, newStatus: CheckStatus, reason: string, silent: 0 | 1];

/** A file at schema 2 holding one project, its checks with their flips, and a maintenance window. */
function schemaTwoDatabase(checks: { uuid: string; created: number; status: CheckStatus; lastPing: number | null; flips: FlipSpec[] }[]) {
  const path = tempDbPath();
  const db = new Database(path);
  expect(migrate(db, migrations.filter((m) => m.version <= 2))).toEqual({ ok: true, from: 0, to: 2 });
  db.run("INSERT INTO projects (id, slug, name, ping_key, badge_key, created) VALUES (1, 'legacy', 'Legacy', 'pingkeylegacy00001', 'badgelegacy', 0)");
  db.run(
    "INSERT INTO maintenance (id, project_id, name, starts, ends, slugs, created) VALUES ('w1', 1, 'upgrade', ?, ?, '[\"*\"]', 0)",
    [NOW - 10 * D, NOW - 10 * D + 6 * H],
  );
  for (const c of checks) {
    const { id } = db.query("INSERT INTO checks (project_id, uuid, created, status, last_ping) VALUES (1, ?, ?, ?, ?) RETURNING id").get(c.uuid, c.created, c.status, c.lastPing) as { id: number };
    for (const f of c.flips) db.run("INSERT INTO flips (check_id, created, old_status, new_status, reason, silent, processed) VALUES (?, ?, ?, ?, ?, ?, ?)", [id, ...f, f[0]]);
  }
  db.run("INSERT INTO channels (id, project_id, kind, created) VALUES ('ch', 1, 'webhook', 0)");
  db.run("INSERT INTO alert_states (check_id, channel_id, told_status, told_flip_id) VALUES (1, 'ch', 'down', 2)");
  db.close();
  return path;
}

describe("upgrading to uptime buckets", () => {
  const flapper: FlipSpec[] = [
    [NOW - 30 * D, "new", "up", "", 1],
    [NOW - 10 * D, "up", "down", "fail", 0], // the first 6 hours inside the window
    [NOW - 9 * D, "down", "up", "", 0],
    [NOW - 2 * D + 5 * 60_000, "up", "down", "timeout", 0],
    [NOW - 2 * D + H, "down", "up", "", 0],
  ];

  test("replays every check's flips into buckets once, and uptime reads what the exact replay gives", () => {
    const path = schemaTwoDatabase([
      { uuid: "00000000-0000-4000-8000-000000000001", created: NOW - 30 * D, status: "up", lastPing: NOW - H, flips: flapper },
      { uuid: "00000000-0000-4000-8000-000000000002", created: NOW - 5 * D, status: "new", lastPing: null, flips: [] },
    ]);
    const store = openStore(path);
    expect(store.migrate(migrations)).toEqual({ ok: true, from: 2, to: migrations.at(-1)!.version });
    const tx = directTx(store);
    const [check, fresh] = [tx.getCheckById(1)!, tx.getCheckById(2)!];
    const history = tx.uptimeHistory({ checkIds: [1, 2] }, 0);
    // buckets end at the last ping: the status held since the last flip held at least that long
    expect(history.get(1)!.bucketedUntil).toBe(NOW - H);
    expect(history.get(2)).toEqual({ bucketedUntil: NOW - 5 * D, buckets: [] });
    const buckets = history.get(1)!.buckets;
    expect(buckets.reduce((n, b) => n + b.incidents, 0)).toBe(2);
    expect(buckets.reduce((n, b) => n + b.up + b.down + b.excluded, 0)).toBe(30 * D - H);
    const replayed = uptimeWindows(
      { since: check.created, status: "up", flips: flapper.map(([created, oldStatus, newStatus]) => ({ created, oldStatus, newStatus })), excluded: [{ start: NOW - 10 * D, end: NOW - 10 * D + 6 * H }] },
      NOW,
    );
    expect(loadExtras(tx, check, NOW).uptime).toEqual(replayed);
    expect(replayed["30d"]).toBeLessThan(100);
    expect(loadExtras(tx, fresh, NOW).uptime).toEqual({ "1d": null, "7d": null, "30d": null, "90d": null });
    // the rows the notifier and the flips API read got the folding fields of single changes
    expect(tx.listFlips(1).map((f) => [f.lastChange === f.created, f.changes, f.silentChanges])).toEqual(flapper.map((f) => [true, 1, f[4]]));
    expect(tx.flipsSince(1, { id: 2, changes: 1, silentChanges: 0 })).toEqual({ latest: { id: 5, changes: 1, silentChanges: 0 }, changes: 3, silent: false });
    store.close();
  });

  test("keeps the told cursor of alert states on the row it pointed at", () => {
    const path = schemaTwoDatabase([{ uuid: "00000000-0000-4000-8000-000000000001", created: NOW - 30 * D, status: "up", lastPing: NOW - H, flips: flapper }]);
    const db = new Database(path);
    migrate(db, migrations);
    expect(db.query("SELECT told_flip_id, told_changes, told_silent_changes FROM alert_states").get()).toEqual({ told_flip_id: 2, told_changes: 1, told_silent_changes: 0 });
    db.close();
  });

  test("replays at most the 400 days before the last change, however old the history", () => {
    const old: FlipSpec[] = [];
    for (let day = 900; day >= 0; day -= 30) old.push([NOW - day * D, old.length % 2 ? "down" : "up", old.length % 2 ? "up" : "down", "", 0]);
    const path = schemaTwoDatabase([{ uuid: "00000000-0000-4000-8000-000000000003", created: NOW - 1000 * D, status: "up", lastPing: null, flips: old }]);
    const store = openStore(path);
    store.migrate(migrations);
    const buckets = directTx(store).uptimeHistory({ checkIds: [1] }, 0).get(1)!.buckets;
    expect(buckets[0]!.start).toBeGreaterThanOrEqual(NOW - RETENTION_MS);
    expect(buckets.reduce((n, b) => n + b.up + b.down + b.excluded, 0)).toBe(RETENTION_MS);
    expect(store.schemaVersion()).toBe(migrations.at(-1)!.version);
    store.close();
  });
});
