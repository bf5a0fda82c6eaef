import type { Pool, PoolClient } from 'pg';
import type { TeamId } from '../../domain';
import type { ShardId } from '../placement';

/** Another move of the same team holds the lock. */
export class MoveInProgress extends Error {}

/** The team has an interrupted move on record; it must be resumed or aborted first. */
export class MoveInterrupted extends Error {}

/** Arbitrary but fixed first key of the per-team advisory locks of moves (the migration lock is 7_420_001). */
const MOVE_LOCK_KEY = 7_420_002;

export type MoveState = 'running' | 'done' | 'aborted' | 'failed';

/** How long a lease outlives its last renewal when nobody says otherwise. */
export const DEFAULT_LEASE_MS = 30_000;

/**
 * Takes the team's move lock: a session advisory lock on a catalog connection of its own, held until
 * `unlockTeamMoves`, so a crashed holder's lock dies with its connection. Refuses with MoveInProgress
 * when a live mover (or a recovery) holds it.
 */
export const lockTeamMoves = async (catalog: Pool, teamId: TeamId): Promise<PoolClient> => {
  const c = await catalog.connect();
  try {
    const { rows } = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [
      MOVE_LOCK_KEY,
      teamId,
    ]);
    if (!rows[0]?.ok) throw new MoveInProgress(`a move of team ${teamId} is already running`);
    return c;
  } catch (err) {
    c.release(true);
    throw err;
  }
};

/** Gives the lock back and the connection to its pool. */
export const unlockTeamMoves = async (c: PoolClient, teamId: TeamId): Promise<void> => {
  const ok = await c.query('SELECT pg_advisory_unlock($1, hashtext($2))', [MOVE_LOCK_KEY, teamId]).then(
    () => true,
    () => false,
  );
  c.release(!ok);
};

/** What a move's lease records about it (tenant_moves, migrations/catalog/0003 and 0007). */
export interface LeaseTerms {
  readonly from: ShardId;
  readonly to: ShardId;
  /** The team's epoch on the source when the move began. */
  readonly epoch: number;
  readonly maxPauseMs: number;
  readonly leaseMs: number;
}

/** The held lock and lease of one running move; its catalog row says how far the move got. */
export interface MoveLock {
  /** Records the phase (and renews the lease); rejects when the catalog connection is gone. */
  readonly record: (phase: string, state?: MoveState, detail?: object) => Promise<void>;
  /** Aborted when the lease could not be renewed: the move must stop before anyone recovers it. */
  readonly lost: AbortSignal;
  readonly release: () => Promise<void>;
}

const START_SQL = `
  INSERT INTO tenant_moves (team_id, from_shard, to_shard, phase, state, epoch, max_pause_ms, lease_expires_at)
  VALUES ($1, $2, $3, 'capture', 'running', $4, $5, now() + make_interval(secs => $6::float8 / 1000))
  ON CONFLICT (team_id) DO UPDATE SET from_shard = $2, to_shard = $3, phase = 'capture', state = 'running',
    epoch = $4, max_pause_ms = $5, lease_expires_at = EXCLUDED.lease_expires_at, detail = '{}',
    started_at = now(), updated_at = now()
  WHERE tenant_moves.state <> 'running'
  RETURNING team_id`;

/**
 * Takes the team's move lock and a lease on its tenant_moves row, renewed every third of `leaseMs`.
 * Refuses with MoveInterrupted when the row shows a move that never finished (resume or abort it).
 */
export const acquireMoveLock = async (catalog: Pool, teamId: TeamId, terms: LeaseTerms): Promise<MoveLock> => {
  const c = await lockTeamMoves(catalog, teamId);
  try {
    const started = await c.query(START_SQL, [
      teamId,
      terms.from,
      terms.to,
      terms.epoch,
      terms.maxPauseMs,
      terms.leaseMs,
    ]);
    if (started.rowCount === 0) {
      throw new MoveInterrupted(
        `team ${teamId} has an interrupted move; run \`boardroom move-team ${teamId} --resume\` or \`--abort\``,
      );
    }
  } catch (err) {
    await unlockTeamMoves(c, teamId);
    throw err;
  }
  const lost = new AbortController();
  const renew = (sql: string, params: unknown[]) =>
    c.query(sql, params).catch((err: unknown) => {
      lost.abort(new Error(`the move's lease could not be renewed: ${(err as Error).message}`));
      throw err;
    });
  const lease = `lease_expires_at = now() + make_interval(secs => ${Math.max(1, terms.leaseMs)}::float8 / 1000)`;
  const heartbeat = setInterval(
    () => void renew(`UPDATE tenant_moves SET ${lease} WHERE team_id = $1`, [teamId]).catch(() => undefined),
    Math.max(50, terms.leaseMs / 3),
  );
  heartbeat.unref();
  return {
    lost: lost.signal,
    record: async (phase, state = 'running', detail = {}) => {
      await renew(
        `UPDATE tenant_moves SET phase = $2, state = $3, detail = detail || $4::jsonb, updated_at = now(), ${lease}
         WHERE team_id = $1`,
        [teamId, phase, state, JSON.stringify(detail)],
      );
    },
    release: async () => {
      clearInterval(heartbeat);
      await unlockTeamMoves(c, teamId);
    },
  };
};
