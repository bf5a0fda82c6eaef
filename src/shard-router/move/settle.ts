import type { TeamId } from '../../domain';
import type { ShardId } from '../placement';
import type { MoveShard } from './ports';
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
  readonly source: MoveShard;
  readonly target: MoveShard;
  /** The team's epoch on the source before the move; the target's is epoch + 1. */
  readonly epoch: number;
}

/** Rows per delete batch: short transactions, so a prune never blocks the shard's other teams for long. */
export const DELETE_BATCH = 5000;

/**
 * Before the flip: the source owns the team again at its old epoch (undoing a committed fence), capture
 * stops, and the target refuses the team and forgets its rows.
 */
export const rollBack = async (m: MoveSides): Promise<void> => {
  await m.source.unfence(m.teamId, m.epoch);
  await m.source.stopCapture(m.teamId);
  await m.target.setFence(m.teamId, m.epoch + 1, 'moved');
  await m.target.deleteTeam(m.teamId, DELETE_BATCH);
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
  await m.source.markMoved(m.teamId, m.epoch + 1);
  await m.source.stopCapture(m.teamId);
  const total = Object.values(await m.source.countRows(m.teamId)).reduce((a, b) => a + b, 0);
  onPruned(0, total);
  let shown = 0;
  // The source fence refuses the team's writes from now on, so these rows only shrink.
  return m.source.deleteTeam(m.teamId, DELETE_BATCH, (n) => onPruned((shown += n), total));
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
