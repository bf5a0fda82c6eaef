-- Team placement: which shard owns each team's boards.
-- slot = murmur3_x86_32(team_id as text, seed 0) mod 1024 (src/shard-router/stable-hash.ts, frozen);
-- a team's override row, when present, wins over its slot's shard. See docs/sharding.md.

CREATE TABLE IF NOT EXISTS shards (
  id         text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  -- 'draining' shards keep serving their teams but receive no new slots.
  state      text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'draining')),
  added_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS slot_map (
  slot       integer PRIMARY KEY CHECK (slot >= 0 AND slot < 1024),
  shard_id   text NOT NULL REFERENCES shards (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS slot_map_shard_idx ON slot_map (shard_id);

-- Per-team overrides: how a single team moves without rehashing anyone else. The epoch only grows; it
-- equals the epoch of the owning shard's tenant_fence row, and every change is a compare-and-set on it.
CREATE TABLE IF NOT EXISTS team_placement (
  team_id    uuid PRIMARY KEY,
  shard_id   text NOT NULL REFERENCES shards (id),
  epoch      bigint NOT NULL CHECK (epoch >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS team_placement_shard_idx ON team_placement (shard_id);
