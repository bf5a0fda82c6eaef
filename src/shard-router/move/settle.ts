import type { Pool } from 'pg';
import type { TeamId } from '../../domain';
import type { ShardId } from '../placement';
import { stopCapture } from './capture';
import { countRows, deleteTeamRows } from './copy';
import { setFence, unfenceSource } from './cutover';
import { TEAM_TABLES } from './tables';
import type { MoveEnv } from './types';

/**
 * The two ways a move ends, shared by the mover itself and by recovery of an interrupted move
 * (recover.ts). Both are idempotent: each step checks or overwrites state, so running one again after
 * a crash half-way through it finishes the job.
 */

/** Where a move stands: enough to settle it whoever started it. */
export interface MoveSides {
  readonly teamId: TeamId;
  readonly from: ShardId;
  readonly to: ShardId;
  readonly source: Pool;
  readonly target: Pool;
  /** The team's epoch on the source before the move; the target's is epoch + 1. */
  readonly epoch: number;
}

/**
 * Before the flip: the source owns the team again at its old epoch (undoing a committed fence), capture
 * stops, and the target refuses the team and forgets its rows.
 */
export const rollBack = async (m: MoveSides): Promise<void> => {
  await unfenceSource(m.source, m.teamId, m.epoch);
  await stopCapture(m.source, m.teamId);
  await setFence(m.target, m.teamId, m.epoch + 1, 'moved');
  for (const t of TEAM_TABLES) await deleteTeamRows(m.target, t, m.teamId, 5000);
};

/**
 * After the flip: every instance is told, the source refuses the team for good (`moved`), capture stops
 * and the source's copy of the team is deleted in batches. Returns the rows deleted.
 */
export const finishForward = async (
  env: Pick<MoveEnv, 'publish'>,
  m: MoveSides,
  onPruned: (done: number, total: number) => void = () => undefined,
): Promise<number> => {
  await env.publish({ type: 'tenant.moved', teamId: m.teamId, shardId: m.to, epoch: m.epoch + 1 });
  await m.source.query("UPDATE tenant_fence SET state = 'moved', epoch = $2, updated_at = now() WHERE team_id = $1", [
    m.teamId,
    m.epoch + 1,
  ]);
  await stopCapture(m.source, m.teamId);
  const total = Object.values(await countRows(m.source, m.teamId)).reduce((a, b) => a + b, 0);
  onPruned(0, total);
  let pruned = 0;
  let shown = 0;
  // The source fence refuses the team's writes from now on, so these rows only shrink.
  for (const t of TEAM_TABLES) {
    pruned += await deleteTeamRows(m.source, t, m.teamId, 5000, (n) => onPruned((shown += n), total));
  }
  return pruned;
};

/** The team's fence on one shard, if it has one. */
export const fenceOf = async (db: Pool, teamId: TeamId): Promise<{ epoch: number; state: string } | null> => {
  const { rows } = await db.query<{ epoch: number; state: string }>(
    'SELECT epoch::int AS epoch, state FROM tenant_fence WHERE team_id = $1',
    [teamId],
  );
  return rows[0] ?? null;
};

/** Shards are looked up by id; a move whose shard is not configured here cannot be settled here. */
export const sidesOf = (
  env: Pick<MoveEnv, 'shards'>,
  row: { teamId: TeamId; from: ShardId; to: ShardId; epoch: number },
): MoveSides => {
  const source = env.shards.get(row.from);
  const target = env.shards.get(row.to);
  if (!source || !target) {
    throw new Error(`the move of team ${row.teamId} involves ${source ? row.to : row.from}, not in SHARD_URLS here`);
  }
  return { ...row, source, target };
};
