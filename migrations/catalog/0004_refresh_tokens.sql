-- Sessions (refresh-token families) in the catalog, used when there is no Redis, so a restart of a
-- single instance logs nobody out. Only token hashes are stored, never the tokens.

CREATE TABLE refresh_families (
  id         text PRIMARY KEY,
  -- No foreign key: account deletion revokes the user's families through the store.
  user_id    uuid NOT NULL,
  -- Set once, on replay, logout or "sign out everywhere"; a revoked family refuses new tokens.
  revoked_at timestamptz,
  -- When the family's newest token expires; after that the row (revoked or not) is garbage.
  expires_at timestamptz NOT NULL
);

CREATE INDEX refresh_families_user_idx ON refresh_families (user_id);
CREATE INDEX refresh_families_expiry_idx ON refresh_families (expires_at);

CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  family_id  text NOT NULL REFERENCES refresh_families (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used       boolean NOT NULL DEFAULT false
);

CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
