// The one seam between Tocsin and its database. Callers hold an opaque Store and run their work
// in `read(fn)` or `write(fn)`; inside, `tx` offers every store function as a method, so nothing
// outside src/store/ ever sees SQL or the SQLite handle. It stays synchronous: the ping batch
// writer commits a whole batch inside one call, and the hot path cannot afford a promise per ping.
//
// A second backend would implement Store and Tx with the same method list; the transaction
// owners (batch writer, scheduler, notifier, check writes, config load, liveness) would not change.
import type { Database, Statement } from "bun:sqlite";
import type { Migration } from "../assets.ts";
import * as channels from "./channels.ts";
import * as checkDefinitions from "./check-definitions.ts";
import * as checkMetrics from "./check-metrics.ts";
import * as checkState from "./check-state.ts";
import * as checks from "./checks.ts";
import { WalCheckpointer } from "./checkpointer.ts";
import { backupTo, databaseAnswers, openDatabase, type SyncMode } from "./db.ts";
import * as flips from "./flips.ts";
import * as inspect from "./inspect.ts";
import * as maintenance from "./maintenance.ts";
import * as meta from "./meta.ts";
import { migrate, type MigrateResult, schemaVersion } from "./migrate.ts";
import * as notificationLog from "./notification-log.ts";
import * as notifications from "./notifications.ts";
import * as pings from "./pings.ts";
import * as projects from "./projects.ts";
import * as publicPages from "./public-pages.ts";
import * as reporters from "./reporters.ts";
import * as sessions from "./sessions.ts";
import * as uptime from "./uptime.ts";
import { type WriteHealth, type WriteHealthListener, WriteHealthTracker } from "./write-health.ts";

/** The modules whose exported functions all take the database first: each becomes a Tx method. */
const MODULES = [channels, checkDefinitions, checkMetrics, checkState, checks, flips, inspect, maintenance, meta, notificationLog, notifications, pings, projects, publicPages, reporters, sessions, uptime] as const;

type Modules = typeof channels &
  typeof checkDefinitions &
  typeof checkMetrics &
  typeof checkState &
  typeof checks &
  typeof flips &
  typeof inspect &
  typeof maintenance &
  typeof meta &
  typeof notificationLog &
  typeof notifications &
  typeof pings &
  typeof projects &
  typeof publicPages &
  typeof reporters &
  typeof sessions &
  typeof uptime;

/** `(db, ...args) => r` becomes `(...args) => r`; exports that are not store functions drop out. */
type Bound<M> = {
  readonly [K in keyof M as M[K] extends (db: Database, ...args: never[]) => unknown ? K : never]: M[K] extends (db: Database, ...args: infer A) => infer R
    ? (...args: A) => R
    : never;
};

/** Every store function, bound to the open database, plus nested savepoints. Valid inside read/write only. */
export type Tx = Bound<Modules> & {
  /** Runs `fn` in a savepoint: if it throws, only its own writes are undone. */
  savepoint<T>(fn: () => T): T;
};

export interface Store {
  /** Runs `fn` in a read transaction (one consistent snapshot); inside a write it joins it. */
  read<T>(fn: (tx: Tx) => T): T;
  /**
   * Runs `fn` in an IMMEDIATE write transaction: the write lock is taken before the first read,
   * so the rows it decides from cannot change under it. A throw rolls everything back.
   */
  write<T>(fn: (tx: Tx) => T): T;
  /** Brings the schema up to date (numbered migrations, each in its own transaction). */
  migrate(migrations: readonly Migration[]): MigrateResult;
  schemaVersion(): number;
  /** Cheap liveness probe for /api/v3/status/. */
  answers(): boolean;
  /** The outcome of the last write transaction: ok, or why the database refused it. */
  writeHealth(): WriteHealth;
  /** Called when writes start failing, when the reason changes and when they succeed again. */
  onWriteHealthChange(listener: WriteHealthListener): void;
  /** `PRAGMA quick_check` (or the full `integrity_check`): "ok", or what is damaged. */
  check(full?: boolean): string;
  /** Consistent online copy (VACUUM INTO) into a new file, mode 0600; throws when `target` exists. */
  backupTo(target: string): void;
  /** Changes whenever another connection (another process) commits to the file. */
  dataVersion(): number;
  /** Write transactions this store has committed since it was opened. */
  commits(): number;
  /** Statements executed since the store was opened (counted only when opened with countStatements). */
  statements(): number;
  close(): void;
}

export interface StoreOptions {
  readonly sync?: SyncMode;
  /** how long a write waits for another connection's lock before failing (default 5 s) */
  readonly busyTimeoutMs?: number;
  /** count executed statements (tests prove that pages do not issue a query per row) */
  readonly countStatements?: boolean;
  /** false: a missing file is an error instead of a new, empty database (default true) */
  readonly create?: boolean;
}

export function openStore(path: string, options: StoreOptions = {}): Store {
  const db = openDatabase(path, options.sync ?? "normal", options.busyTimeoutMs, options.create ?? true);
  let executed = 0;
  let commits = 0;
  if (options.countStatements) countExecutions(db, () => executed++);
  const tx = bind(db);
  const health = new WriteHealthTracker();
  const checkpointer = path === ":memory:" || path === "" ? null : new WalCheckpointer(db, path);
  return {
    read: (fn) => (db.inTransaction ? fn(tx) : db.transaction(() => fn(tx)).deferred()),
    write: (fn) => {
      let result;
      try {
        result = db.transaction(() => fn(tx)).immediate();
      } catch (e) {
        health.failed(e);
        throw e;
      }
      commits++;
      health.succeeded();
      checkpointer?.committed();
      return result;
    },
    migrate: (migrations) => migrate(db, migrations),
    schemaVersion: () => schemaVersion(db),
    answers: () => databaseAnswers(db),
    writeHealth: () => health.current,
    onWriteHealthChange: (listener) => health.listen(listener),
    check: (full = false) => ((db.query(full ? "PRAGMA integrity_check" : "PRAGMA quick_check").all() as Record<string, string>[]).map((r) => Object.values(r)[0]).join("; ")),
    backupTo: (target) => backupTo(db, target),
    dataVersion: () => (db.query("PRAGMA data_version").get() as { data_version: number }).data_version,
    statements: () => executed,
    commits: () => commits,
    close: () => {
      checkpointer?.stop();
      db.close();
    },
  };
}

function bind(db: Database): Tx {
  const tx: Record<string, unknown> = {
    savepoint: <T>(fn: () => T): T => db.transaction(fn)(),
  };
  for (const module of MODULES) {
    for (const [name, value] of Object.entries(module)) {
      if (typeof value !== "function") continue;
      if (name in tx) throw new Error(`store function ${name} is defined twice`);
      tx[name] = (...args: unknown[]) => (value as (db: Database, ...a: unknown[]) => unknown)(db, ...args);
    }
  }
  return tx as Tx;
}

/** Wraps every statement the database hands out so that each execution is counted. */
function countExecutions(db: Database, count: () => void): void {
  const seen = new WeakSet<Statement>();
  const query = db.query.bind(db);
  db.query = ((sql: string) => {
    const stmt = query(sql);
    if (!seen.has(stmt)) {
      seen.add(stmt);
      for (const method of ["all", "get", "run", "values", "iterate"] as const) {
        const original = (stmt[method] as (...a: unknown[]) => unknown).bind(stmt);
        (stmt as unknown as Record<string, unknown>)[method] = (...a: unknown[]) => {
          count();
          return original(...a);
        };
      }
    }
    return stmt;
  }) as typeof db.query;
}

// Record types callers work with; the functions behind them are reached through Tx.
export type { AlertState, AttemptStatus, Delivery, FlipCursor, NewDelivery, SinceCursor } from "./notifications.ts";
export type { ChannelNotification, StoredNotification } from "./notification-log.ts";
export type { Channel } from "./channels.ts";
export type { Check, CheckDefinition } from "./check-model.ts";
export type { DefinedCheck, NewCheck, UniqueMatch } from "./check-definitions.ts";
export type { CheckMetricsRow } from "./check-metrics.ts";
export type { NewPing, PingWithExcerpt, StoredPing } from "./pings.ts";
export type { FlipRange, StoredFlip } from "./flips.ts";
export type { BucketsFrom, PublicRun } from "./public-pages.ts";
export type { BucketDelta, CheckUptime, OpenCheck, StoredBucket, UptimeScope } from "./uptime.ts";
export type { NewWindow, StoredWindow } from "./maintenance.ts";
export type { NewProjectKeys, Project, ProjectSettings, RotatedKeys, StatusPageMode, StatusPageSettings } from "./projects.ts";
export type { MigrateResult } from "./migrate.ts";
export type { AdminPasswordRow, StoredSession } from "./sessions.ts";
export type { InspectTable } from "./inspect.ts";
export type { ReplicaReport, ReporterTarget } from "./reporters.ts";
export type { WriteHealth } from "./write-health.ts";
