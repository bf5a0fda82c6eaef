import type { Pool, PoolClient } from 'pg';
import type { TeamId } from '../../../domain';
import {
  MoveInProgress,
  MoveInterrupted,
  type LeaseRecord,
  type LeaseTerms,
  type MoveLeases,
  type MoveLock,
  type SettleLock,
} from '../../../shard-router/move';

/** Arbitrary but fixed first key of the per-team advisory locks of moves (the migration lock is 7_420_001). */
const MOVE_LOCK_KEY = 7_420_002;

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

const START_SQL = `
  INSERT INTO tenant_moves (team_id, from_shard, to_shard, phase, state, epoch, max_pause_ms, lease_expires_at)
  VALUES ($1, $2, $3, 'capture', 'running', $4, $5, now() + make_interval(secs => $6::float8 / 1000))
  ON CONFLICT (team_id) DO UPDATE SET from_shard = $2, to_shard = $3, phase = 'capture', state = 'running',
    epoch = $4, max_pause_ms = $5, lease_expires_at = EXCLUDED.lease_expires_at, detail = '{}',
    started_at = now(), updated_at = now()
  WHERE tenant_moves.state <> 'running'
  RETURNING team_id`;

/**
 * Runs work on one connection strictly one after another, in the order asked, each whatever became of
 * the one before. The lease's heartbeat and the phase records (some fired without waiting) share one
 * catalog connection, and pg refuses overlapping queries on a client from 9.0 (8.x warns).
 */
const oneAtATime = () => {
  let tail: Promise<unknown> = Promise.resolve();
  return <A>(work: () => Promise<A>): Promise<A> => {
    const next = tail.then(work);
    tail = next.catch(() => undefined);
    return next;
  };
};

/**
 * Takes the team's move lock and a lease on its tenant_moves row (migrations/catalog/0003 and 0007),
 * renewed every third of `leaseMs`. Refuses with MoveInterrupted when the row shows a move that never
 * finished (resume or abort it).
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
  const queued = oneAtATime();
  const renew = (sql: string, params: unknown[]) =>
    queued(() => c.query(sql, params)).catch((err: unknown) => {
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
      // After whatever is still queued: the lock goes back with its connection.
      await queued(() => unlockTeamMoves(c, teamId));
    },
  };
};

const readLease = async (c: PoolClient, teamId: TeamId): Promise<LeaseRecord | null> => {
  const { rows } = await c.query<LeaseRecord>(
    `SELECT from_shard AS "from", to_shard AS "to", phase, state, epoch::int AS epoch,
       max_pause_ms AS "maxPauseMs", coalesce(lease_expires_at < now(), true) AS expired
     FROM tenant_moves WHERE team_id = $1`,
    [teamId],
  );
  return rows[0] ?? null;
};

/** The team's move lock alone, for settling its interrupted move from its lease row. */
const lockToSettle = async (catalog: Pool, teamId: TeamId): Promise<SettleLock> => {
  const c = await lockTeamMoves(catalog, teamId);
  return {
    lease: () => readLease(c, teamId),
    mark: async (phase, state, detail) => {
      await c.query(
        `UPDATE tenant_moves SET phase = $2, state = $3, detail = detail || $4::jsonb, updated_at = now()
         WHERE team_id = $1`,
        [teamId, phase, state, JSON.stringify(detail)],
      );
    },
    release: () => unlockTeamMoves(c, teamId),
  };
};

/** Move locks and leases in the catalog database: session advisory locks and the tenant_moves table. */
export const pgMoveLeases = (catalog: Pool): MoveLeases => ({
  acquire: (teamId, terms) => acquireMoveLock(catalog, teamId, terms),
  lock: (teamId) => lockToSettle(catalog, teamId),
  expired: async (except) => {
    const { rows } = await catalog.query<{ teamId: TeamId }>(
      `SELECT team_id AS "teamId" FROM tenant_moves
       WHERE state = 'running' AND coalesce(lease_expires_at < now(), true) AND team_id IS DISTINCT FROM $1`,
      [except],
    );
    return rows.map((r) => r.teamId);
  },
});
