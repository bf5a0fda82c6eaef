-- Invitations: membership needs the invitee's consent. Only the SHA-256 of the e-mailed token is kept.

CREATE TABLE IF NOT EXISTS invitations (
  id          uuid PRIMARY KEY,
  team_id     uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  -- Stored trimmed and lower-cased, compared with users.email as it is.
  email       text NOT NULL CHECK (email = lower(btrim(email))),
  role        text NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  invited_by  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash  text NOT NULL,
  status      text NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  CONSTRAINT invitations_token_hash_key UNIQUE (token_hash)
);

-- At most one open invitation per team and address: a re-invite refreshes it in place.
CREATE UNIQUE INDEX IF NOT EXISTS invitations_pending_key ON invitations (team_id, email) WHERE status = 'pending';
-- "Invitations for you" is asked on the teams page.
CREATE INDEX IF NOT EXISTS invitations_email_idx ON invitations (email) WHERE status = 'pending';
