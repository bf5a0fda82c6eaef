import type { Pool } from 'pg';
import type { TeamId } from '../../../domain';
import type { Fence, FenceState, Hold, HoldBudget } from '../../../shard-router/move';
import { applyChanges, lockOwnedFence } from './capture';
import type { TableShape } from './tables';

const LOCK_NOT_AVAILABLE = '55P03';

/** The hold ran out of its pause budget. */
class Budget extends Error {}

/** Sets the team's fence on a shard. */
export const setFence = async (db: Pool, teamId: TeamId, epoch: number, state: FenceState): Promise<void> => {
  await db.query(
    `INSERT INTO tenant_fence (team_id, epoch, state) VALUES ($1, $2, $3)
     ON CONFLICT (team_id) DO UPDATE SET epoch = $2, state = $3, updated_at = now()`,
    [teamId, epoch, state],
  );
};

/** Undoes a committed source fence: the team is owned at its old epoch again. */
export const unfenceSource = async (source: Pool, teamId: TeamId, epoch: number): Promise<void> => {
  await source.query(
    `UPDATE tenant_fence SET state = 'owned', epoch = $2, updated_at = now()
     WHERE team_id = $1 AND state = 'fenced' AND epoch = $3`,
    [teamId, epoch, epoch + 1],
  );
};

/** The cutover's undo on the target: the team's fence refuses writes again, at whatever epoch. */
export const refuseTeam = async (db: Pool, teamId: TeamId): Promise<void> => {
  await db.query("UPDATE tenant_fence SET state = 'fenced' WHERE team_id = $1", [teamId]);
};

/** After the flip: the source refuses the team for good. */
export const markMoved = async (db: Pool, teamId: TeamId, epoch: number): Promise<void> => {
  await db.query("UPDATE tenant_fence SET state = 'moved', epoch = $2, updated_at = now() WHERE team_id = $1", [
    teamId,
    epoch,
  ]);
};

/** The team's fence on one shard, if it has one. */
export const fenceOf = async (db: Pool, teamId: TeamId): Promise<Fence | null> => {
  const { rows } = await db.query<{ epoch: number; state: string }>(
    'SELECT epoch::int AS epoch, state FROM tenant_fence WHERE team_id = $1',
    [teamId],
  );
  return rows[0] ?? null;
};

/** The two shards of a cutover and the source's table layout. */
export interface HoldSides {
  readonly source: Pool;
  readonly target: Pool;
  readonly shapes: readonly TableShape[];
}

/**
 * Holds the team's writes by locking its source fence, drains the change log into the target, marks the
 * target owned at epoch + 1 and commits the source fenced at epoch + 1. Gives
 * up (rolling back, which releases the held writers onto the source) when the budget runs out.
 */
export const holdAndFence = async (
  { source, target, shapes }: HoldSides,
  teamId: TeamId,
  epoch: number,
  { maxPauseMs, elapsedMs }: HoldBudget,
): Promise<Hold> => {
  const over = () => elapsedMs() > maxPauseMs;
  const c = await source.connect();
  let changesApplied = 0;
  try {
    await c.query('BEGIN');
    await c.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(maxPauseMs))}`);
    await lockOwnedFence(c, teamId, epoch);
    const lockedAt = Math.round(elapsedMs());
    // The drain is the whole check here: verification ran before, on a consistent snapshot, and a full
    // recount of a large team would not fit in the pause.
    for (let n = -1; n !== 0; changesApplied += n) {
      if (over()) throw new Budget(`the drain did not fit in the pause budget (fence locked after ${lockedAt} ms)`);
      n = await applyChanges(c, target, shapes, teamId, 5000);
    }
    await setFence(target, teamId, epoch + 1, 'owned');
    await c.query("UPDATE tenant_fence SET state = 'fenced', epoch = $2, updated_at = now() WHERE team_id = $1", [
      teamId,
      epoch + 1,
    ]);
    await c.query('DELETE FROM tenant_capture WHERE team_id = $1', [teamId]);
    await c.query('COMMIT');
    return { held: true, changesApplied };
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    await setFence(target, teamId, epoch + 1, 'fenced');
    if (err instanceof Budget) return { held: false, reason: err.message, changesApplied };
    if ((err as { code?: string }).code === LOCK_NOT_AVAILABLE) {
      return { held: false, reason: 'writes in flight held the fence past the budget', changesApplied };
    }
    throw err;
  } finally {
    c.release();
  }
};
