-- migrate: foreign_keys off
-- Push reporters (SPEC §5.2): checks of kind 'reporter', their replica policy and load thresholds,
-- and one row per (check, replica). Instants are UNIX epoch milliseconds.
--
-- SQLite cannot change a CHECK constraint in place, so `checks` is rebuilt the documented safe
-- way (https://www.sqlite.org/lang_altertable.html#otheralter): the runner turns foreign keys
-- off outside the transaction (the first line asks for it), this file creates the new table,
-- copies every row, drops the old one, renames the new one and recreates its indexes; the runner
-- then runs PRAGMA foreign_key_check before committing and turns foreign keys back on. Tables
-- that reference checks(id) (pings, flips, check_channels, notifications, alert_states,
-- deliveries) name it by table name, so they point at the rebuilt table without being touched.
-- Every column of the old table must appear below, in both lists of the copy.

CREATE TABLE checks_new (
  id                  INTEGER PRIMARY KEY,
  project_id          INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  uuid                TEXT    NOT NULL UNIQUE,
  name                TEXT    NOT NULL DEFAULT '',
  slug                TEXT    NOT NULL DEFAULT '',
  tags                TEXT    NOT NULL DEFAULT '',
  description         TEXT    NOT NULL DEFAULT '',
  kind                TEXT    NOT NULL DEFAULT 'simple' CHECK (kind IN ('simple', 'cron', 'reporter')),
  timeout             INTEGER NOT NULL DEFAULT 86400,
  schedule            TEXT    NOT NULL DEFAULT '* * * * *',
  tz                  TEXT    NOT NULL DEFAULT 'UTC',
  grace               INTEGER NOT NULL DEFAULT 3600,
  max_runtime         INTEGER,
  failure_threshold   INTEGER NOT NULL DEFAULT 1,
  manual_resume       INTEGER NOT NULL DEFAULT 0,
  methods             TEXT    NOT NULL DEFAULT '',
  start_kw            TEXT    NOT NULL DEFAULT '',
  success_kw          TEXT    NOT NULL DEFAULT '',
  failure_kw          TEXT    NOT NULL DEFAULT '',
  filter_subject      INTEGER NOT NULL DEFAULT 0,
  filter_body         INTEGER NOT NULL DEFAULT 0,
  filter_http_body    INTEGER NOT NULL DEFAULT 0,
  filter_default_fail INTEGER NOT NULL DEFAULT 0,
  public              INTEGER NOT NULL DEFAULT 0,
  group_name          TEXT    NOT NULL DEFAULT '',
  push_token          TEXT    UNIQUE,
  badge_key           TEXT    UNIQUE,
  reminder_interval   INTEGER,
  muted_until         INTEGER,
  managed             INTEGER NOT NULL DEFAULT 0,
  created             INTEGER NOT NULL,
  -- reporter checks: `any` is down when one replica is late, `all` only when every replica is
  replica_policy      TEXT    NOT NULL DEFAULT 'any' CHECK (replica_policy IN ('any', 'all')),
  -- reporter checks: load above these shows the check as sick (display only); NULL: no threshold
  load_max_cpu        REAL,
  load_max_ram        REAL,
  -- runtime state, written by the state machine
  status              TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'up', 'down', 'paused')),
  last_ping           INTEGER,
  last_start          INTEGER,
  last_start_rid      TEXT,
  last_duration       REAL,
  n_pings             INTEGER NOT NULL DEFAULT 0,
  fail_streak         INTEGER NOT NULL DEFAULT 0,
  down_at             INTEGER,
  -- uptime buckets hold the check's time before this instant (0003_uptime_buckets.sql)
  bucketed_until      INTEGER NOT NULL DEFAULT 0,
  -- reporter checks: when the replicas are next due as replica_policy combines them (no grace)
  replicas_due        INTEGER
);

INSERT INTO checks_new (
  id, project_id, uuid, name, slug, tags, description, kind, timeout, schedule, tz, grace,
  max_runtime, failure_threshold, manual_resume, methods, start_kw, success_kw, failure_kw,
  filter_subject, filter_body, filter_http_body, filter_default_fail, public, group_name,
  push_token, badge_key, reminder_interval, muted_until, managed, created,
  status, last_ping, last_start, last_start_rid, last_duration, n_pings, fail_streak, down_at, bucketed_until)
SELECT
  id, project_id, uuid, name, slug, tags, description, kind, timeout, schedule, tz, grace,
  max_runtime, failure_threshold, manual_resume, methods, start_kw, success_kw, failure_kw,
  filter_subject, filter_body, filter_http_body, filter_default_fail, public, group_name,
  push_token, badge_key, reminder_interval, muted_until, managed, created,
  status, last_ping, last_start, last_start_rid, last_duration, n_pings, fail_streak, down_at, bucketed_until
FROM checks;

DROP TABLE checks;
ALTER TABLE checks_new RENAME TO checks;

-- an empty slug means "no slug"; non-empty slugs are unique per project
CREATE UNIQUE INDEX checks_project_slug ON checks (project_id, slug) WHERE slug <> '';
-- the scheduler loads every pending deadline at start
CREATE INDEX checks_down_at ON checks (down_at) WHERE down_at IS NOT NULL;
-- housekeeping flushes long open segments into buckets (0003_uptime_buckets.sql)
CREATE INDEX checks_bucketed_until ON checks (bucketed_until);

-- The replicas of reporter checks: each reports on its own interval and has its own deadline
-- (last_report + interval + the check's grace). interval is seconds as the replica announced it.
CREATE TABLE replicas (
  check_id    INTEGER NOT NULL REFERENCES checks(id) ON DELETE CASCADE,
  replica_id  TEXT    NOT NULL,
  last_report INTEGER NOT NULL,
  interval    REAL    NOT NULL,
  load_cpu    REAL,
  load_ram    REAL,
  PRIMARY KEY (check_id, replica_id)
) WITHOUT ROWID;
-- housekeeping forgets replicas silent for 7 days
CREATE INDEX replicas_last_report ON replicas (last_report);
