-- Alerts (SPEC §8): per-channel delivery outbox with retries, noise-control bookkeeping and
-- maintenance windows. Instants are UNIX epoch milliseconds; durations set by users are seconds.

-- What each channel was last told about each check, and when the notifier must look again
-- (end of a damping minute, of a mute or a maintenance window, next reminder). Decisions are
-- made by src/core/noise.ts from this row, the check and its flips.
CREATE TABLE alert_states (
  check_id     INTEGER NOT NULL REFERENCES checks(id) ON DELETE CASCADE,
  channel_id   TEXT    NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  -- the status the channel was last told (or, after changes it was never told of, the status
  -- it is taken to believe); NULL: nothing yet, which counts as "up"
  told_status  TEXT    CHECK (told_status IN ('up', 'down')),
  -- when the last message was decided (damping minute, reminder interval)
  told_at      INTEGER,
  -- the newest flip of the check this row accounts for; no foreign key: flips are pruned
  told_flip_id INTEGER NOT NULL DEFAULT 0,
  next_eval_at INTEGER,
  PRIMARY KEY (check_id, channel_id)
) WITHOUT ROWID;
CREATE INDEX alert_states_due ON alert_states (next_eval_at) WHERE next_eval_at IS NOT NULL;
CREATE INDEX alert_states_channel ON alert_states (channel_id);

-- One message to one channel, delivered at least once: attempts are leased (claim token +
-- lease_until), so a worker killed mid-send leaves the row to be taken again when the lease ends,
-- and a second worker on the same file never takes a leased row.
CREATE TABLE deliveries (
  id          INTEGER PRIMARY KEY,
  -- the flip the message is about (the down flip for reminders); NULL only if pruned
  flip_id     INTEGER REFERENCES flips(id) ON DELETE SET NULL,
  check_id    INTEGER NOT NULL REFERENCES checks(id) ON DELETE CASCADE,
  channel_id  TEXT    NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  message     TEXT    NOT NULL CHECK (message IN ('down', 'up')),
  reminder    INTEGER NOT NULL DEFAULT 0,
  -- status changes folded into this message by flapping damping (1 = a plain alert)
  changes     INTEGER NOT NULL DEFAULT 1,
  created     INTEGER NOT NULL,
  state       TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'ok', 'failed', 'superseded')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  next_at     INTEGER NOT NULL,
  lease_until INTEGER,
  claim       TEXT,
  finished    INTEGER
);
CREATE INDEX deliveries_due ON deliveries (next_at) WHERE state = 'pending';
CREATE INDEX deliveries_pair ON deliveries (check_id, channel_id) WHERE state = 'pending';
CREATE INDEX deliveries_finished ON deliveries (finished) WHERE finished IS NOT NULL;
CREATE INDEX deliveries_channel ON deliveries (channel_id);
CREATE INDEX notifications_channel ON notifications (channel_id);

-- Maintenance windows: a one-off [starts, ends) or a cron start with a duration. Checks are
-- selected by slug or tag (JSON arrays; "*" in slugs selects every check of the project).
CREATE TABLE maintenance (
  id         TEXT    PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name       TEXT    NOT NULL DEFAULT '',
  starts     INTEGER,
  ends       INTEGER,
  cron       TEXT,
  tz         TEXT    NOT NULL DEFAULT 'UTC',
  duration   INTEGER,
  slugs      TEXT    NOT NULL DEFAULT '[]',
  tags       TEXT    NOT NULL DEFAULT '[]',
  managed    INTEGER NOT NULL DEFAULT 0,
  created    INTEGER NOT NULL,
  CHECK ((cron IS NULL AND starts IS NOT NULL AND ends IS NOT NULL AND ends > starts)
      OR (cron IS NOT NULL AND duration IS NOT NULL AND duration > 0))
);
CREATE INDEX maintenance_project ON maintenance (project_id);

-- Until this version nothing consumed the outbox: flips written by an older Tocsin more than an
-- hour ago are history, not news, and must not page anyone on the upgrade.
UPDATE flips SET processed = created
 WHERE processed IS NULL AND created < (CAST(strftime('%s', 'now') AS INTEGER) - 3600) * 1000;
