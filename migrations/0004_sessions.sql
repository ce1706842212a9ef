-- Dashboard sessions (SPEC §12): one row per logged-in browser. The cookie carries a random token;
-- only its SHA-256 digest is stored, so a copy of the database opens no session. Instants are
-- UNIX epoch milliseconds. The admin password's argon2id hash lives in `meta`.
CREATE TABLE sessions (
  id          INTEGER PRIMARY KEY,
  token_hash  TEXT    NOT NULL UNIQUE,
  created     INTEGER NOT NULL,
  -- the session ends here; each use moves it forward (idle limit) up to an absolute limit
  expires     INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL,
  -- where the login came from, for a person reviewing sessions
  remote_addr TEXT    NOT NULL DEFAULT '',
  ua          TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX sessions_expires ON sessions (expires);
