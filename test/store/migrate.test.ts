import { Database } from "bun:sqlite";
import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { loadMigrations } from "../../src/assets.ts";
import { openDatabase } from "../../src/store/db.ts";
import { migrate, schemaVersion } from "../../src/store/migrate.ts";

const migrations = loadMigrations();
const latest = migrations.at(-1)!.version;

describe("migrations", () => {
  test("are numbered 1, 2, 3, ... without a gap or a repeat", () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  test("create every table of the schema on an empty database", () => {
    const db = new Database(":memory:");
    expect(migrate(db, migrations)).toEqual({ ok: true, from: 0, to: latest });
    const tables = (db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(["projects", "checks", "pings", "flips", "channels", "check_channels", "notifications", "meta"]));
    expect(schemaVersion(db)).toBe(latest);
  });

  test("leave an already migrated database and its rows untouched", () => {
    const db = new Database(":memory:");
    migrate(db, migrations);
    db.run("INSERT INTO meta (key, value) VALUES ('k', 'v')");
    expect(migrate(db, migrations)).toEqual({ ok: true, from: latest, to: latest });
    expect(db.query("SELECT value FROM meta").get()).toEqual({ value: "v" });
  });

  test("apply only the migrations newer than the stored version", () => {
    const db = new Database(":memory:");
    const extra = [...migrations, { version: latest + 1, name: "extra", sql: "CREATE TABLE extra (x INTEGER)" }];
    migrate(db, migrations);
    expect(migrate(db, extra)).toEqual({ ok: true, from: latest, to: latest + 1 });
    expect(db.query("SELECT count(*) AS n FROM extra").get()).toEqual({ n: 0 });
  });

  test("roll a failing migration back completely", () => {
    const db = new Database(":memory:");
    migrate(db, migrations);
    const broken = [...migrations, { version: latest + 1, name: "broken", sql: "CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table;" }];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(latest);
    expect(db.query("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeNull();
  });

  test("refuse a database from a newer version without modifying it", () => {
    const db = new Database(":memory:");
    db.run(`PRAGMA user_version = ${latest + 5}`);
    const result = migrate(db, migrations);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain("newer");
    expect(db.query("SELECT count(*) AS n FROM sqlite_master").get()).toEqual({ n: 0 });
    expect(schemaVersion(db)).toBe(latest + 5);
  });

  test("a file database is opened in WAL mode with foreign keys on", () => {
    const dir = mkdtempSync("/tmp/tocsin-db-");
    const db = openDatabase(`${dir}/t.db`);
    expect(db.query("PRAGMA journal_mode").get()).toEqual({ journal_mode: "wal" });
    expect(db.query("PRAGMA foreign_keys").get()).toEqual({ foreign_keys: 1 });
    expect(db.query("PRAGMA synchronous").get()).toEqual({ synchronous: 1 });
    db.close();
  });
});
