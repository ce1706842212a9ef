// Table rebuilds (SQLite cannot alter a CHECK constraint or a table's primary key): the runner's
// foreign-keys-off mode; migration 0005, which rebuilds `checks` under rows that reference it from
// every side; migration 0009, which rebuilds `pings` clustered by check.
import type { Database } from "bun:sqlite";
import { describe, expect, test } from "bun:test";
import { loadMigrations, type Migration } from "../../src/assets.ts";
import { openDatabase } from "../../src/store/db.ts";
import { FOREIGN_KEYS_OFF, migrate, schemaVersion } from "../../src/store/migrate.ts";
import { tempDbPath } from "../support/db.ts";

const migrations = loadMigrations();
const latest = migrations.at(-1)!.version;
const REBUILD = 5;
const beforeRebuild = migrations.filter((m) => m.version < REBUILD);
const throughRebuild = migrations.filter((m) => m.version <= REBUILD);
const PING_LAYOUT = 9;

const foreignKeys = (db: Database): number => (db.query("PRAGMA foreign_keys").get() as { foreign_keys: number }).foreign_keys;
const columns = (db: Database, table: string): string[] => (db.query(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((r) => r.name);
const tables = (db: Database): string[] =>
  (db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
/** Every row of a table, in a stable order, limited to the given columns. */
const rowsOf = (db: Database, table: string, cols: readonly string[]): unknown[] =>
  db.query(`SELECT ${cols.map((c) => `"${c}"`).join(", ")} FROM "${table}" ORDER BY ${cols.map((c) => `"${c}"`).join(", ")}`).all();

/** A database as the version before the rebuild left it, with rows in every table that touches checks. */
function populatedOldDatabase(): Database {
  const db = openDatabase(tempDbPath());
  expect(migrate(db, beforeRebuild).ok).toBe(true);
  db.exec(`
    INSERT INTO projects (id, slug, name, api_key_hash, ping_key, badge_key, created) VALUES (1, 'default', 'Default', 'h1', 'pingkeypingkey0001', 'badge1', 1);
    INSERT INTO checks (id, project_id, uuid, name, slug, kind, timeout, schedule, tz, grace, public, push_token, badge_key, created, status, last_ping, n_pings, fail_streak, down_at)
      VALUES (1, 1, '11111111-1111-4111-8111-111111111111', 'backup', 'backup', 'simple', 60, '* * * * *', 'UTC', 10, 1, 'push1', 'cb1', 1, 'up', 1000, 2, 0, 71000),
             (2, 1, '22222222-2222-4222-8222-222222222222', 'nightly', 'nightly', 'cron', 86400, '0 3 * * *', 'Europe/Riga', 300, 0, NULL, NULL, 2, 'down', 500, 1, 3, NULL);
    INSERT INTO pings (check_id, n, created, kind, body, exit_status, rid, msg, duration, metrics) VALUES
      (1, 1, 900, 'start', NULL, NULL, 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', NULL, NULL, NULL),
      (1, 2, 1000, 'success', X'00ff', 0, 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'done', 0.1, '{"rows":3}'),
      (2, 1, 500, 'fail', NULL, 3, NULL, 'disk full', NULL, NULL);
    INSERT INTO flips (id, check_id, created, old_status, new_status, reason, silent, processed) VALUES
      (1, 1, 1000, 'new', 'up', '', 1, 1000), (2, 2, 500, 'new', 'down', 'fail', 0, NULL);
    INSERT INTO channels (id, project_id, name, kind, settings, created) VALUES ('c1', 1, 'ops', 'webhook', '{"url":"http://x"}', 1);
    INSERT INTO check_channels (check_id, channel_id) VALUES (1, 'c1'), (2, 'c1');
    INSERT INTO notifications (flip_id, check_id, channel_id, created, status, error) VALUES (2, 2, 'c1', 600, 'error', 'timeout');
    INSERT INTO alert_states (check_id, channel_id, told_status, told_at, told_flip_id) VALUES (2, 'c1', 'down', 600, 2);
    INSERT INTO deliveries (flip_id, check_id, channel_id, message, created, next_at) VALUES (2, 2, 'c1', 'down', 600, 700);
    INSERT INTO maintenance (id, project_id, starts, ends, slugs, created) VALUES ('m1', 1, 100, 200, '["backup"]', 1);
    INSERT INTO meta (key, value) VALUES ('last_alive', '12345');
  `);
  return db;
}

describe("migration 0005 rebuilds checks", () => {
  test("keeps every row of every table, and every value of every column checks had", () => {
    const db = populatedOldDatabase();
    const oldTables = tables(db);
    const snapshot = new Map(oldTables.map((t) => [t, { cols: columns(db, t), rows: rowsOf(db, t, columns(db, t)) }]));
    expect(migrate(db, throughRebuild)).toEqual({ ok: true, from: beforeRebuild.at(-1)!.version, to: REBUILD });
    for (const [table, before] of snapshot) {
      // a column lost by the rebuild fails here: the new table must carry every old one
      expect({ table, columns: before.cols.filter((c) => !columns(db, table).includes(c)) }).toEqual({ table, columns: [] });
      expect({ table, rows: rowsOf(db, table, before.cols) }).toEqual({ table, rows: before.rows });
    }
    expect(rowsOf(db, "checks", ["id", "replica_policy", "load_max_cpu", "load_max_ram", "replicas_due"])).toEqual([
      { id: 1, replica_policy: "any", load_max_cpu: null, load_max_ram: null, replicas_due: null },
      { id: 2, replica_policy: "any", load_max_cpu: null, load_max_ram: null, replicas_due: null },
    ]);
    db.close();
  });

  test("leaves foreign keys on, pointing at the rebuilt table, with its indexes back", () => {
    const db = populatedOldDatabase();
    migrate(db, throughRebuild);
    expect(foreignKeys(db)).toBe(1);
    expect(db.query("PRAGMA foreign_key_check").all()).toEqual([]);
    expect(db.query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'checks' AND name LIKE 'checks_%' ORDER BY name").all()).toEqual([
      { name: "checks_bucketed_until" },
      { name: "checks_down_at" },
      { name: "checks_project_slug" },
    ]);
    // deleting a check still cascades to everything that references it
    db.run("DELETE FROM checks WHERE id = 2");
    for (const table of ["pings", "flips", "check_channels", "notifications", "alert_states", "deliveries"]) {
      expect({ table, left: db.query(`SELECT count(*) AS n FROM ${table} WHERE check_id = 2`).get() }).toEqual({ table, left: { n: 0 } });
    }
    expect(() => db.run("INSERT INTO pings (check_id, n, created, kind) VALUES (99, 1, 1, 'success')")).toThrow();
    db.close();
  });

  test("admits kind reporter and still refuses unknown kinds and policies", () => {
    const db = populatedOldDatabase();
    migrate(db, migrations);
    db.run("INSERT INTO checks (project_id, uuid, kind, replica_policy, created) VALUES (1, '33333333-3333-4333-8333-333333333333', 'reporter', 'all', 3)");
    expect(() => db.run("INSERT INTO checks (project_id, uuid, kind, created) VALUES (1, '44444444-4444-4444-8444-444444444444', 'probe', 3)")).toThrow();
    expect(() => db.run("INSERT INTO checks (project_id, uuid, kind, replica_policy, created) VALUES (1, '55555555-5555-4555-8555-555555555555', 'reporter', 'most', 3)")).toThrow();
    db.close();
  });
});

describe("migration 0009 rebuilds pings clustered by check", () => {
  test("keeps every ping with every value but the old rowid, and the newest-first order of each check", () => {
    const db = populatedOldDatabase();
    migrate(db, migrations.filter((m) => m.version < PING_LAYOUT));
    const kept = columns(db, "pings").filter((c) => c !== "id");
    const before = rowsOf(db, "pings", kept);
    expect(migrate(db, migrations).ok).toBe(true);
    expect(columns(db, "pings").sort()).toEqual([...kept].sort());
    expect(columns(db, "pings").at(-1)).toBe("body");
    expect(rowsOf(db, "pings", kept)).toEqual(before);
    expect(db.query("SELECT check_id, n FROM pings WHERE check_id = 1 ORDER BY n DESC").all()).toEqual([
      { check_id: 1, n: 2 },
      { check_id: 1, n: 1 },
    ]);
    db.close();
  });

  test("keys pings by (check, number), cascades deletes from checks, and drops the deadline index", () => {
    const db = populatedOldDatabase();
    migrate(db, migrations);
    expect(foreignKeys(db)).toBe(1);
    expect(db.query("PRAGMA foreign_key_check").all()).toEqual([]);
    expect(() => db.run("INSERT INTO pings (check_id, n, created, kind) VALUES (1, 2, 1, 'success')")).toThrow();
    expect(() => db.run("INSERT INTO pings (check_id, n, created, kind) VALUES (99, 1, 1, 'success')")).toThrow();
    expect(db.query("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'checks_down_at'").all()).toEqual([]);
    db.run("DELETE FROM checks WHERE id = 1");
    expect(db.query("SELECT count(*) AS n FROM pings WHERE check_id = 1").get()).toEqual({ n: 0 });
    db.close();
  });
});

describe("migrations that rebuild a table", () => {
  const probe = (version: number, firstLine: string): Migration => ({
    version,
    name: "probe",
    sql: `${firstLine}\nINSERT INTO meta (key, value) SELECT 'fk', foreign_keys FROM pragma_foreign_keys;`,
  });

  test.each([
    { name: "run with foreign keys off when their first line asks for it", firstLine: FOREIGN_KEYS_OFF, inside: "0" },
    { name: "run with foreign keys on otherwise", firstLine: "-- an ordinary migration", inside: "1" },
  ])("$name, and leave them on after", ({ firstLine, inside }) => {
    const db = openDatabase(tempDbPath());
    migrate(db, migrations);
    expect(migrate(db, [...migrations, probe(latest + 1, firstLine)]).ok).toBe(true);
    expect(db.query("SELECT value FROM meta WHERE key = 'fk'").get()).toEqual({ value: inside });
    expect(foreignKeys(db)).toBe(1);
    db.close();
  });

  test("roll back completely when they leave a foreign key pointing nowhere, and turn foreign keys back on", () => {
    const db = openDatabase(tempDbPath());
    migrate(db, migrations);
    const dangling: Migration = { version: latest + 1, name: "dangling", sql: `${FOREIGN_KEYS_OFF}\nCREATE TABLE half (x INTEGER);\nINSERT INTO pings (check_id, n, created, kind) VALUES (99, 1, 1, 'success');` };
    expect(() => migrate(db, [...migrations, dangling])).toThrow(/dangling foreign keys/);
    expect(schemaVersion(db)).toBe(latest);
    expect(db.query("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeNull();
    expect(db.query("SELECT count(*) AS n FROM pings").get()).toEqual({ n: 0 });
    expect(foreignKeys(db)).toBe(1);
    db.close();
  });
});
