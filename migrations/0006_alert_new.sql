-- First-ping alerts (SPEC §4 `alert_new`): a new check with alert_new waits for its first ping as
-- if it had been pinged when it became new, and goes down when that ping is late.
-- Checks that exist before this migration keep Healthchecks' behaviour (a new check waits
-- forever): they get alert_new = 0, so an upgrade pages nobody. New checks set it explicitly.
ALTER TABLE checks ADD COLUMN alert_new INTEGER NOT NULL DEFAULT 0;
-- when the check last became new (created or resumed): the instant its first ping is counted from
ALTER TABLE checks ADD COLUMN new_since INTEGER;
UPDATE checks SET new_since = created;
