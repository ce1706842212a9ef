-- migrate: foreign_keys off
-- Fewer pages written per ping (SPEC §11: SD cards wear by what is written, and every page a
-- commit touches is also CPU on the ping path).
--
-- pings is rebuilt clustered by (check_id, n): a check's log is contiguous, so a ping's insert
-- and the retention's deletes touch the leaves at the two ends of one check's range instead of
-- a table leaf and an index leaf each. The body moves to the last column, so listing pings never
-- walks a body's overflow pages to reach the columns after it. Nothing references pings' old
-- rowid `id`, which goes.
--
-- checks_down_at goes too: the scheduler keeps deadlines in memory and reads them once at start
-- (a scan of checks), while every ping that moves a deadline paid for the index in a write.
-- Every column of the old table must appear below, in both lists of the copy.

CREATE TABLE pings_new (
  check_id    INTEGER NOT NULL REFERENCES checks(id) ON DELETE CASCADE,
  n           INTEGER NOT NULL,
  created     INTEGER NOT NULL,
  kind        TEXT    NOT NULL CHECK (kind IN ('success', 'start', 'fail', 'log', 'ign')),
  scheme      TEXT    NOT NULL DEFAULT 'http',
  remote_addr TEXT    NOT NULL DEFAULT '',
  method      TEXT    NOT NULL DEFAULT '',
  ua          TEXT    NOT NULL DEFAULT '',
  exit_status INTEGER,
  rid         TEXT,
  msg         TEXT,
  host        TEXT,
  series      TEXT,
  env         TEXT,
  duration    REAL,
  metrics     TEXT,
  body        BLOB,
  PRIMARY KEY (check_id, n)
) WITHOUT ROWID;

INSERT INTO pings_new (check_id, n, created, kind, scheme, remote_addr, method, ua, exit_status, rid, msg, host, series, env, duration, metrics, body)
  SELECT check_id, n, created, kind, scheme, remote_addr, method, ua, exit_status, rid, msg, host, series, env, duration, metrics, body FROM pings;

DROP TABLE pings;
ALTER TABLE pings_new RENAME TO pings;

DROP INDEX checks_down_at;
