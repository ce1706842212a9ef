-- Real clients (SPEC §3, §4, §5): Cronitor telemetry, rules, and slug routes that create checks.

-- Cronitor's `env=` of a ping (the SDK's environment)
ALTER TABLE pings ADD COLUMN env TEXT;

-- when 1, every slug ping URL creates an unknown slug as ?create=1 does
ALTER TABLE projects ADD COLUMN ping_create INTEGER NOT NULL DEFAULT 0;

-- failure conditions checked on every success: a JSON array of {"metric","op","value"}
ALTER TABLE checks ADD COLUMN rules TEXT NOT NULL DEFAULT '[]';

-- the `series` of the open run's start: an end without rid pairs with it only by the same series
ALTER TABLE checks ADD COLUMN last_start_series TEXT;
