import type { Pool, PoolClient } from 'pg';
import type { TeamId } from '../../domain';
import type { ShardId } from '../placement';

/** Another move of the same team holds the lock. */
export class MoveInProgress extends Error {}

/** Arbitrary but fixed first key of the per-team advisory locks of moves (the migration lock is 7_420_001). */
const MOVE_LOCK_KEY = 7_420_002;

export type MoveState = 'running' | 'done' | 'aborted' | 'failed';

/** The held lock of one running move; its catalog row says how far the move got. */
export interface MoveLock {
  readonly record: (phase: string, state?: MoveState, detail?: object) => Promise<void>;
  readonly release: () => Promise<void>;
}

/**
 * Takes the team's move lock: a session advisory lock on a catalog connection held for the whole move,
 * so a crashed mover's lock dies with its connection. Refuses with MoveInProgress when it is taken.
 */
export const acquireMoveLock = async (catalog: Pool, teamId: TeamId, from: ShardId, to: ShardId): Promise<MoveLock> => {
  const c: PoolClient = await catalog.connect();
  try {
    const { rows } = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [
      MOVE_LOCK_KEY,
      teamId,
    ]);
    if (!rows[0]?.ok) throw new MoveInProgress(`a move of team ${teamId} is already running`);
    await c.query(
      `INSERT INTO tenant_moves (team_id, from_shard, to_shard, phase, state) VALUES ($1, $2, $3, 'capture', 'running')
       ON CONFLICT (team_id) DO UPDATE SET from_shard = $2, to_shard = $3, phase = 'capture', state = 'running',
         detail = '{}', started_at = now(), updated_at = now()`,
      [teamId, from, to],
    );
  } catch (err) {
    c.release(true);
    throw err;
  }
  return {
    record: async (phase, state = 'running', detail = {}) => {
      await c.query(
        `UPDATE tenant_moves SET phase = $2, state = $3, detail = detail || $4::jsonb, updated_at = now()
         WHERE team_id = $1`,
        [teamId, phase, state, JSON.stringify(detail)],
      );
    },
    release: async () => {
      await c.query('SELECT pg_advisory_unlock($1, hashtext($2))', [MOVE_LOCK_KEY, teamId]).catch(() => undefined);
      c.release();
    },
  };
};
