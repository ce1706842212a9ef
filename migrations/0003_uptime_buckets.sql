-- Flip coalescing and uptime buckets (SPEC §3, §9). Instants are UNIX epoch milliseconds (UTC).

-- A flip row may hold several status changes folded together (src/core/flip-coalesce.ts):
-- `created` is its first change, `last_change` its last, `old_status` the status before the first,
-- `new_status` the status after the last, `changes` how many it holds, `silent_changes` how many
-- of them alert nobody. Rows written before this version hold one change each.
ALTER TABLE flips ADD COLUMN last_change INTEGER NOT NULL DEFAULT 0;
ALTER TABLE flips ADD COLUMN changes INTEGER NOT NULL DEFAULT 1;
ALTER TABLE flips ADD COLUMN silent_changes INTEGER NOT NULL DEFAULT 0;
UPDATE flips SET last_change = created, silent_changes = silent;
-- the newest row of a check (coalescing, the notifier's cursor) and retention by age
CREATE INDEX flips_check_id ON flips (check_id, id);
CREATE INDEX flips_created ON flips (created);
-- pruning a flip cascades to these rows: without an index each deleted flip scans the table
CREATE INDEX notifications_flip ON notifications (flip_id);
CREATE INDEX deliveries_flip ON deliveries (flip_id);

-- The notifier's cursor into a row that may still grow: how many changes (and silent ones) of
-- told_flip_id the told state already accounts for.
ALTER TABLE alert_states ADD COLUMN told_changes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alert_states ADD COLUMN told_silent_changes INTEGER NOT NULL DEFAULT 0;
UPDATE alert_states SET
  told_changes = coalesce((SELECT f.changes FROM flips f WHERE f.id = alert_states.told_flip_id), 0),
  told_silent_changes = coalesce((SELECT f.silent_changes FROM flips f WHERE f.id = alert_states.told_flip_id), 0);

-- Per check, 15-minute UTC buckets of milliseconds up, down and excluded (new, paused, or inside a
-- maintenance window as it stood then), and how many incidents (down periods, as
-- src/core/incidents.ts reads them from flip rows) began in the bucket. Kept 400 days.
CREATE TABLE uptime_buckets (
  check_id    INTEGER NOT NULL REFERENCES checks(id) ON DELETE CASCADE,
  start       INTEGER NOT NULL,
  up_ms       INTEGER NOT NULL DEFAULT 0,
  down_ms     INTEGER NOT NULL DEFAULT 0,
  excluded_ms INTEGER NOT NULL DEFAULT 0,
  incidents   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (check_id, start)
) WITHOUT ROWID;

-- Where a check's buckets end: its time before this instant is in uptime_buckets, its time from
-- here on is its current status (the open segment readers add themselves). It moves when the
-- status changes and when housekeeping flushes a long open segment. The back-fill of existing
-- checks from their flips is a code step of this version (src/store/uptime-backfill.ts).
ALTER TABLE checks ADD COLUMN bucketed_until INTEGER NOT NULL DEFAULT 0;
CREATE INDEX checks_bucketed_until ON checks (bucketed_until);
