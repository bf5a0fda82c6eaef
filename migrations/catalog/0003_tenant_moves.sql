-- One row per team that was ever moved: the latest move's shards, phase and outcome, for operators
-- (`boardroom where`, the runbook). A running move also holds a session advisory lock on the team, so a
-- second move of the same team is refused while the first one's connection lives.

CREATE TABLE IF NOT EXISTS tenant_moves (
  team_id    uuid PRIMARY KEY,
  from_shard text NOT NULL,
  to_shard   text NOT NULL,
  phase      text NOT NULL,
  state      text NOT NULL CHECK (state IN ('running', 'done', 'aborted', 'failed')),
  detail     jsonb NOT NULL DEFAULT '{}',
  started_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
