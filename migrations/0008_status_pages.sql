-- Status pages (SPEC §9): each project's page is public, behind a password or off, with its own
-- title, description, logo and zone. Empty text means "not set" (the title falls back to the
-- project's name). The password is stored as an argon2id hash (SPEC §2), never in clear.
ALTER TABLE projects ADD COLUMN status_page TEXT NOT NULL DEFAULT 'public' CHECK (status_page IN ('public', 'password', 'off'));
ALTER TABLE projects ADD COLUMN status_title TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN status_description TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN status_logo_url TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN status_tz TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE projects ADD COLUMN status_password_hash TEXT;

-- a project's page reads its public checks in display order
CREATE INDEX checks_public_of_project ON checks (project_id, group_name, name, id) WHERE public = 1;
