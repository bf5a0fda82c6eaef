-- Access tokens refused before their expiry, for single instances without Redis (wave 2): kept in the
-- catalog so a logout, a revoked session or "sign out everywhere" still holds after a restart.
-- kind 'token' names a jti, 'family' a session (refresh family), 'user' a user whose tokens issued up to
-- revoked_at are void. Rows past `until` mean nothing and are pruned as new ones arrive.
CREATE TABLE IF NOT EXISTS access_token_denials (
  kind       text        NOT NULL CHECK (kind IN ('token', 'family', 'user')),
  subject    text        NOT NULL,
  revoked_at timestamptz,
  until      timestamptz NOT NULL,
  PRIMARY KEY (kind, subject)
);
CREATE INDEX IF NOT EXISTS access_token_denials_until_idx ON access_token_denials (until);
