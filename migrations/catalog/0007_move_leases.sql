-- Crash-safe tenant moves (src/shard-router/move/lease.ts, recover.ts). A running move holds a lease on
-- its tenant_moves row: the mover renews lease_expires_at while it works, so a row still 'running' with
-- an expired lease belongs to a mover that died. The row records what recovery needs to finish or undo
-- the move from its phase: the team's epoch on the source when the move began and the mover's write
-- pause budget (writes that meet the fence wait at most that long for the placement flip).

ALTER TABLE tenant_moves ADD COLUMN IF NOT EXISTS epoch bigint;
ALTER TABLE tenant_moves ADD COLUMN IF NOT EXISTS max_pause_ms integer;
ALTER TABLE tenant_moves ADD COLUMN IF NOT EXISTS lease_expires_at timestamptz;

CREATE INDEX IF NOT EXISTS tenant_moves_running_leases ON tenant_moves (lease_expires_at) WHERE state = 'running';
