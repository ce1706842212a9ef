-- Tocsin schema, version 1 (SPEC §3). Instants are UNIX epoch milliseconds (UTC);
-- durations set by users (timeout, grace, max_runtime, reminder_interval) are seconds.

CREATE TABLE projects (
  id                  INTEGER PRIMARY KEY,
  slug                TEXT    NOT NULL UNIQUE,
  name                TEXT    NOT NULL,
  -- SHA-256 hex of the keys; the keys themselves are shown once and never stored
  api_key_hash        TEXT    UNIQUE,
  api_key_ro_hash     TEXT    UNIQUE,
  reporter_token_hash TEXT,
  -- URL capabilities, stored in clear because Tocsin prints them back inside URLs
  ping_key            TEXT    NOT NULL UNIQUE,
  badge_key           TEXT    NOT NULL UNIQUE,
  ping_auth           INTEGER NOT NULL DEFAULT 0,
  check_limit         INTEGER NOT NULL DEFAULT 10000,
  managed             INTEGER NOT NULL DEFAULT 0,
  created             INTEGER NOT NULL
);

CREATE TABLE checks (
  id                  INTEGER PRIMARY KEY,
  project_id          INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  uuid                TEXT    NOT NULL UNIQUE,
  name                TEXT    NOT NULL DEFAULT '',
  slug                TEXT    NOT NULL DEFAULT '',
  tags                TEXT    NOT NULL DEFAULT '',
  description         TEXT    NOT NULL DEFAULT '',
  kind                TEXT    NOT NULL DEFAULT 'simple' CHECK (kind IN ('simple', 'cron')),
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
  -- runtime state, written by the state machine
  status              TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'up', 'down', 'paused')),
  last_ping           INTEGER,
  last_start          INTEGER,
  last_start_rid      TEXT,
  last_duration       REAL,
  n_pings             INTEGER NOT NULL DEFAULT 0,
  fail_streak         INTEGER NOT NULL DEFAULT 0,
  down_at             INTEGER
);
-- an empty slug means "no slug"; non-empty slugs are unique per project
CREATE UNIQUE INDEX checks_project_slug ON checks (project_id, slug) WHERE slug <> '';
-- the scheduler loads every pending deadline at start
CREATE INDEX checks_down_at ON checks (down_at) WHERE down_at IS NOT NULL;

CREATE TABLE pings (
  id          INTEGER PRIMARY KEY,
  check_id    INTEGER NOT NULL REFERENCES checks(id) ON DELETE CASCADE,
  n           INTEGER NOT NULL,
  created     INTEGER NOT NULL,
  kind        TEXT    NOT NULL CHECK (kind IN ('success', 'start', 'fail', 'log', 'ign')),
  scheme      TEXT    NOT NULL DEFAULT 'http',
  remote_addr TEXT    NOT NULL DEFAULT '',
  method      TEXT    NOT NULL DEFAULT '',
  ua          TEXT    NOT NULL DEFAULT '',
  body        BLOB,
  exit_status INTEGER,
  rid         TEXT,
  msg         TEXT,
  host        TEXT,
  series      TEXT,
  duration    REAL,
  metrics     TEXT
);
-- newest-first listing and retention both walk (check_id, n)
CREATE UNIQUE INDEX pings_check_n ON pings (check_id, n);

CREATE TABLE flips (
  id         INTEGER PRIMARY KEY,
  check_id   INTEGER NOT NULL REFERENCES checks(id) ON DELETE CASCADE,
  created    INTEGER NOT NULL,
  old_status TEXT    NOT NULL,
  new_status TEXT    NOT NULL,
  reason     TEXT    NOT NULL DEFAULT '',
  silent     INTEGER NOT NULL DEFAULT 0,
  -- outbox claim: NULL until a notifier worker claims the flip
  processed  INTEGER
);
CREATE INDEX flips_check_created ON flips (check_id, created);
CREATE INDEX flips_outbox ON flips (id) WHERE processed IS NULL AND silent = 0;

CREATE TABLE channels (
  id         TEXT    PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name       TEXT    NOT NULL DEFAULT '',
  kind       TEXT    NOT NULL,
  settings   TEXT    NOT NULL DEFAULT '{}',
  managed    INTEGER NOT NULL DEFAULT 0,
  last_error TEXT    NOT NULL DEFAULT '',
  created    INTEGER NOT NULL
);
CREATE INDEX channels_project ON channels (project_id);

CREATE TABLE check_channels (
  check_id   INTEGER NOT NULL REFERENCES checks(id) ON DELETE CASCADE,
  channel_id TEXT    NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  PRIMARY KEY (check_id, channel_id)
) WITHOUT ROWID;
CREATE INDEX check_channels_channel ON check_channels (channel_id);

CREATE TABLE notifications (
  id          INTEGER PRIMARY KEY,
  flip_id     INTEGER REFERENCES flips(id) ON DELETE CASCADE,
  check_id    INTEGER REFERENCES checks(id) ON DELETE CASCADE,
  channel_id  TEXT    NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  created     INTEGER NOT NULL,
  attempt     INTEGER NOT NULL DEFAULT 1,
  status      TEXT    NOT NULL CHECK (status IN ('ok', 'error', 'permanent')),
  error       TEXT    NOT NULL DEFAULT '',
  duration_ms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notifications_check_created ON notifications (check_id, created);
CREATE INDEX notifications_created ON notifications (created);

-- small key/value facts about this installation, e.g. the scheduler's "last alive" instant
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
