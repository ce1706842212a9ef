// An upgrade pages nobody (SPEC §4 alert_new): checks that were new before first-ping alerts
// existed keep waiting for their first ping, through the API, the config file and restarts.
import { Database } from "bun:sqlite";
import { afterEach, describe, expect, test } from "bun:test";
import { loadMigrations } from "../../src/assets.ts";
import { declaredTables } from "../../src/config.ts";
import { applyDeclared } from "../../src/config-file/load.ts";
import { silentLogger } from "../../src/log.ts";
import { migrate } from "../../src/store/migrate.ts";
import { aReceiver, anAlertWorld, type Receiver } from "../notify/support.ts";
import { migratedStore, tempDbPath } from "../support/db.ts";
import { T0 } from "../support/world.ts";

const DAY = 86_400_000;
const OLD_PLAIN = "aaaaaaaa-1111-4222-8333-444455556666";
const OLD_CRON = "bbbbbbbb-1111-4222-8333-444455556666";
const OLD_DECLARED = "cccccccc-1111-4222-8333-444455556666";

let receiver: Receiver | undefined;
afterEach(() => receiver?.stop());

/**
 * A database as the release before alert_new left it (schema 2), a month old, with new checks
 * that never got a ping and a webhook channel on each. Raw SQL: no store function writes the old
 * schema any more.
 */
function anOldDatabase(hookUrl: string): string {
  const path = tempDbPath();
  const db = new Database(path);
  const result = migrate(db, loadMigrations().filter((m) => m.version <= 2));
  if (!result.ok) throw new Error(result.error);
  const created = T0 - 30 * DAY;
  db.run("INSERT INTO projects (id, slug, name, ping_key, badge_key, created) VALUES (7, 'legacy', 'Legacy', 'legacypingkey0000001', 'legacybadge', ?)", [created]);
  const insert = db.query("INSERT INTO checks (id, project_id, uuid, name, slug, kind, timeout, schedule, tz, grace, managed, created) VALUES (?, 7, ?, ?, ?, ?, 60, ?, 'UTC', 60, ?, ?)");
  insert.run(1, OLD_PLAIN, "never wired", "never-wired", "simple", "* * * * *", 0, created);
  insert.run(2, OLD_CRON, "nightly, never wired", "nightly", "cron", "0 3 * * *", 0, created);
  insert.run(3, OLD_DECLARED, "declared", "declared", "simple", "* * * * *", 1, created);
  db.run(`INSERT INTO channels (id, project_id, name, kind, settings, created) VALUES ('hook', 7, 'hook', 'webhook', ?, ?)`, [JSON.stringify({ url: hookUrl, method: "POST", headers: {}, body: "", on_down: true, on_up: true }), created]);
  db.run("INSERT INTO check_channels (check_id, channel_id) SELECT id, 'hook' FROM checks");
  db.close();
  return path;
}

describe("upgrading a database with checks that never ran", () => {
  test("pages nobody: they get alert_new false and no deadline, while new checks get first-ping alerts", async () => {
    receiver = aReceiver();
    const path = anOldDatabase(`${receiver.url}/hook`);
    const store = migratedStore(path);
    const w = anAlertWorld({ store });
    const old = [1, 2, 3].map((id) => w.tx.getCheckById(id)!);
    for (const c of old) expect(c).toMatchObject({ status: "new", alertNew: false, downAt: null });
    expect(old[0]!.newSince).toBe(old[0]!.created);

    // the config file still declares one of them, without saying anything of alert_new
    const declared = applyDeclared(
      { store, crons: w.services.crons, now: w.clock.now, publish: w.services.publish, log: silentLogger, out: () => {} },
      declaredTables(Bun.TOML.parse('[[checks]]\nproject = "legacy"\nslug = "declared"\ntimeout = 60\ngrace = 60\nuuid = "cccccccc-1111-4222-8333-444455556666"\n') as Record<string, unknown>),
      "tocsin.toml",
    );
    expect(declared.ok).toBe(true);
    expect(w.tx.getCheckById(3)).toMatchObject({ alertNew: false, downAt: null, managed: true });

    const created = await w.request("/api/v3/checks/", { method: "POST", headers: { "X-Api-Key": w.keys.apiKey, "Content-Type": "application/json" }, body: JSON.stringify({ name: "after the upgrade", timeout: 60, grace: 60 }) });
    const fresh = w.tx.getCheckByUuid(((await created.json()) as { uuid: string }).uuid)!;
    w.services.scheduler.start();
    try {
      for (let day = 0; day < 3; day++) {
        w.clock.advance(DAY);
        w.services.scheduler.runDue();
        await w.notifier.runDue();
      }
      for (const c of old) expect(w.flips(c)).toEqual([]);
      expect(receiver.received).toHaveLength(0);
      for (const c of old) expect(w.reload(c).status).toBe("new");
      expect(w.flips(fresh)).toEqual([{ old_status: "new", new_status: "down", reason: "timeout", silent: 0 }]);
    } finally {
      w.services.scheduler.stop();
    }
  });

  test("the same file opened again is left as it is", () => {
    const path = anOldDatabase("http://127.0.0.1:9/hook");
    migratedStore(path).close();
    const again = migratedStore(path);
    expect(again.read((tx) => tx.getCheckById(1))).toMatchObject({ alertNew: false, downAt: null });
    again.close();
  });
});
