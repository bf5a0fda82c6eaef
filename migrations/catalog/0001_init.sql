-- Catalog (unsharded): people, their credentials, the teams directory and memberships.

CREATE TABLE users (
  id            uuid PRIMARY KEY,
  -- Stored trimmed and lower-cased so the unique index compares emails case-insensitively.
  email         text NOT NULL CHECK (email = lower(btrim(email))),
  name          text NOT NULL,
  password_hash text NOT NULL,
  settings      jsonb NOT NULL,
  created_at    timestamptz NOT NULL,
  CONSTRAINT users_email_key UNIQUE (email)
);

CREATE TABLE teams (
  id         uuid PRIMARY KEY,
  name       text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid NOT NULL REFERENCES users (id)
);

CREATE TABLE memberships (
  team_id  uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  user_id  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role     text NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  added_at timestamptz NOT NULL,
  PRIMARY KEY (team_id, user_id)
);

-- "Which teams am I in" is asked on every page load.
CREATE INDEX memberships_user_idx ON memberships (user_id, added_at);
