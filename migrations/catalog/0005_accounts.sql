-- Accounts people run themselves: password reset links, and account deletion.

-- A team outlives the account that created it: `created_by` stays as a record of who it was, like the
-- actor ids on a shard's events, so it no longer references a live user.
ALTER TABLE teams DROP CONSTRAINT IF EXISTS teams_created_by_fkey;

-- One row per mailed reset link. Only the SHA-256 of the token is kept; a stolen copy of this table
-- opens no account. A link is spent once (`used_at`), dies after `expires_at`, and is void once the
-- account's e-mail is no longer `email`.
CREATE TABLE IF NOT EXISTS password_resets (
  token_hash text PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email      text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);

-- Spending one link voids the user's other unspent links.
CREATE INDEX IF NOT EXISTS password_resets_user_idx ON password_resets (user_id) WHERE used_at IS NULL;
